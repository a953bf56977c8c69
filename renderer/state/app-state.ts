// What the renderer knows about the core, as plain data, and the pure reducer that changes it.
// Every action that would change nothing returns the same object, so subscribers are not woken.
import type { ConnectionState } from '../../shared/api/bridge';
import type { AppInfo, FleetHealthView, FleetSummary } from '../../shared/api/contract';
import type { Snapshot } from '../../shared/snapshot';
import { keepLogs, type KeptLogs } from '../logs/logs-model';
import { appendSample, sampleOf, type HistorySample } from './history';
import { plantTimeZone } from './plant-time-zone';
import { withRememberedZone, type RememberedZones } from './remembered-zones';

/** A channel's health as views need it: its state and why it last failed. */
export interface ChannelHealthShown {
  state: FleetHealthView['nodes'][string][string]['state'];
  lastError: FleetHealthView['nodes'][string][string]['lastError'];
}

/** Health as views read it: live (`health.changed`) or as of a review moment. */
export interface HealthShown {
  nodes: Record<string, Record<string, ChannelHealthShown>>;
  verdict: FleetHealthView['verdict'];
}

/** The moment a review's scrubber points at; while set, the views show it instead of live. */
export interface ReviewMoment {
  at: string;
  snapshot: Snapshot | null;
  health: HealthShown;
}

/** One message from the connection layer worth showing under Settings → Diagnostics. */
export interface Problem {
  atMs: number;
  text: string;
}

export interface AppState {
  connection: ConnectionState;
  /** What the core said about itself on the last (re)connect; null until it answers. */
  appInfo: AppInfo | null;
  /** The watched deployment; null until the core answers. */
  fleet: FleetSummary | null;
  /** The newest snapshot of every node; null before the first tick. */
  snapshot: Snapshot | null;
  /**
   * The plant's IANA time zone from its nodes' clocks; kept while no node can say (SSH down
   * everywhere), so the plant time does not jump to another zone. Null until one is known.
   */
  plantTimeZone: string | null;
  /** The zone last read for each deployment, remembered across pages (remembered-zones.ts). */
  rememberedZones: RememberedZones;
  /** Health of every channel of every node and the fleet verdict; null until the core answers. */
  health: FleetHealthView | null;
  /** When (this page's clock, ms) the held snapshot arrived; null before the first. */
  snapshotReceivedAtMs: number | null;
  /** A few numbers of every snapshot this page received, oldest first (see history.ts). */
  history: readonly HistorySample[];
  /** The newest log lines of every container across snapshots (see logs-model.ts). */
  logs: KeptLogs;
  /** The review moment the views show instead of live data; null when live. */
  review: ReviewMoment | null;
  /** `at` of the newest heartbeat (ISO-8601), null before the first. */
  lastHeartbeatAt: string | null;
  /** The newest problems, oldest first, at most MAX_PROBLEMS. */
  problems: readonly Problem[];
  /** Every problem since the page opened, including those no longer kept. */
  problemCount: number;
}

export const MAX_PROBLEMS = 50;

export type AppAction =
  | { type: 'connectionChanged'; connection: ConnectionState }
  | { type: 'appInfoLoaded'; appInfo: AppInfo }
  | { type: 'fleetLoaded'; fleet: FleetSummary }
  | { type: 'snapshotReceived'; snapshot: Snapshot; receivedAtMs?: number }
  | { type: 'healthReceived'; health: FleetHealthView }
  | { type: 'heartbeat'; at: string }
  | { type: 'reviewMoment'; review: ReviewMoment | null }
  | { type: 'problem'; problem: Problem };

export function initialAppState(
  connection: ConnectionState,
  rememberedZones: RememberedZones = {},
): AppState {
  return {
    connection,
    appInfo: null,
    fleet: null,
    snapshot: null,
    plantTimeZone: null,
    rememberedZones,
    health: null,
    snapshotReceivedAtMs: null,
    history: [],
    logs: {},
    review: null,
    lastHeartbeatAt: null,
    problems: [],
    problemCount: 0,
  };
}

export function reduceAppState(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'connectionChanged':
      return state.connection === action.connection
        ? state
        : { ...state, connection: action.connection };
    case 'appInfoLoaded':
      return sameData(state.appInfo, action.appInfo)
        ? state
        : { ...state, appInfo: action.appInfo };
    case 'fleetLoaded':
      return sameData(state.fleet, action.fleet) ? state : { ...state, fleet: action.fleet };
    case 'snapshotReceived':
      return isNewerSnapshot(state.snapshot, action.snapshot)
        ? withSnapshot(state, action.snapshot, action.receivedAtMs ?? null)
        : state;
    case 'healthReceived':
      return sameData(state.health, action.health) ? state : { ...state, health: action.health };
    case 'heartbeat':
      return state.lastHeartbeatAt === action.at ? state : { ...state, lastHeartbeatAt: action.at };
    case 'problem':
      return withProblem(state, action.problem);
    case 'reviewMoment':
      return state.review === action.review ? state : { ...state, review: action.review };
  }
}

function withProblem(state: AppState, problem: Problem): AppState {
  const problems = [...state.problems, problem].slice(-MAX_PROBLEMS);
  return { ...state, problems, problemCount: state.problemCount + 1 };
}

function withSnapshot(state: AppState, snapshot: Snapshot, receivedAtMs: number | null): AppState {
  const sameDeployment = state.snapshot?.deployment === snapshot.deployment;
  const history = appendSample(sameDeployment ? state.history : [], sampleOf(snapshot));
  return {
    ...state,
    snapshot,
    snapshotReceivedAtMs: receivedAtMs,
    history,
    logs: keepLogs(sameDeployment ? state.logs : {}, snapshot),
    ...zonesAfter(state, snapshot, sameDeployment),
  };
}

/** The plant's zone after a snapshot: read from its clocks, else the one held, else remembered. */
function zonesAfter(
  state: AppState,
  snapshot: Snapshot,
  sameDeployment: boolean,
): Pick<AppState, 'plantTimeZone' | 'rememberedZones'> {
  const read = plantTimeZone(snapshot);
  const remembered = state.rememberedZones[snapshot.deployment] ?? null;
  if (read === null) {
    const held = sameDeployment ? state.plantTimeZone : null;
    return { plantTimeZone: held ?? remembered, rememberedZones: state.rememberedZones };
  }
  const rememberedZones =
    read === remembered
      ? state.rememberedZones
      : withRememberedZone(state.rememberedZones, snapshot.deployment, read);
  return { plantTimeZone: read, rememberedZones };
}

/**
 * A snapshot is kept only if it is later than the one held (or of another deployment). The
 * collector stamps `takenAt` when it assembles one, so the same stamp means the same content, and
 * an earlier one is a late answer to `snapshot.latest` that an event has already overtaken.
 * Comparing stamps also spares serialising a whole snapshot on every tick.
 */
function isNewerSnapshot(current: Snapshot | null, next: Snapshot): boolean {
  if (current === null || current.deployment !== next.deployment) return true;
  return Date.parse(next.takenAt) > Date.parse(current.takenAt);
}

/** Contract values are plain JSON, so comparing their text is exact and cheap at this size. */
function sameData(current: unknown, next: unknown): boolean {
  return current === next || JSON.stringify(current) === JSON.stringify(next);
}

/** The snapshot the views show: the review moment's while reviewing, else the live one. */
export function shownSnapshot(state: AppState): Snapshot | null {
  return state.review ? state.review.snapshot : state.snapshot;
}

export function shownHealth(state: AppState): HealthShown | null {
  return state.review ? state.review.health : state.health;
}
