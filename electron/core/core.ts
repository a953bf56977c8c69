// The core: everything behind the contract. It knows nothing of Electron or of the pipe it is
// reached through; the desktop shell, `control-room serve` and tests all build it the same way.
import { readFileSync } from 'node:fs';
import type { CoreMode, FleetHealthView, FleetSummary } from '../../shared/api/contract';
import { splitSnapshot, type SnapshotNodePart } from '../../shared/api/requests-snapshot';
import type { NodeSnapshot, Snapshot } from '../../shared/snapshot';
import type { ActionService } from '../actions/types';
import type { Archive } from '../archive';
import type { FindingsService } from '../findings/service';
import type { ThresholdSettings } from '../findings/threshold-settings';
import { createLogger, type Logger } from '../log';
import { actionsHandlers } from './handlers-actions';
import { archiveHandlers } from './handlers-archive';
import { findingsHandlers } from './handlers-findings';
import { reviewHandlers } from './handlers-review';
import { settingsHandlers } from './handlers-settings';
import { CoreError, createRouter, type Handlers, type Router } from './router';

/** What the core needs of a collector: its latest state and a way to hear about new state. */
export interface CoreCollector {
  snapshot(): Snapshot | null;
  health(): FleetHealthView;
  subscribe(listeners: {
    snapshot(snapshot: Snapshot): void;
    health(health: FleetHealthView): void;
  }): void;
  stop(): Promise<void>;
}

export interface CoreOptions {
  mode: CoreMode;
  fleet: FleetSummary;
  /** The fleet file the core was started from; absent for the demo plant or an empty fleet. */
  fleetFile?: string;
  /** Absent for an empty fleet: snapshot.latest answers null, health is empty. */
  collector?: CoreCollector;
  /** The live archive the collector records into; trend and range requests read it. */
  archive?: Archive;
  /** The action runner (issue #8); absent in review sessions: everyone is a viewer there. */
  actions?: ActionService;
  /** The findings engine (issue #6): findings, lifecycle and report; absent: none found. */
  findings?: FindingsService;
  /** Threshold overrides kept in the data directory and applied to `findings` (Settings). */
  thresholds?: ThresholdSettings;
  /** Interval between heartbeat events, in milliseconds. */
  heartbeatIntervalMs?: number;
  now?: () => Date;
}

/** What the handlers of every domain (handlers-NAME.ts) get to work with. */
export interface HandlerContext {
  options: CoreOptions;
  now: () => Date;
  log: Logger;
  /** Pushes an event to every client (progress of a long request, for example). */
  broadcast: Router['broadcast'];
}

export interface Core {
  readonly router: Router;
  stop(): Promise<void>;
}

const packageInfo = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as {
  name: string;
  version: string;
};

export const appVersion = packageInfo.version;

/** An empty fleet: what the app watches before a fleet file or the demo plant is chosen. */
export const emptyFleet: FleetSummary = { source: 'empty', deployment: null, nodes: [] };

export function createCore(options: CoreOptions): Core {
  const log = createLogger('core');
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const context: HandlerContext = {
    options,
    now,
    log,
    broadcast: (name, payload) => router.broadcast(name, payload),
  };
  const handlers = createHandlers(context, startedAt);
  const router = createRouter(handlers, log);

  const heartbeat = setInterval(() => {
    const uptimeSeconds = (now().getTime() - startedAt.getTime()) / 1000;
    router.broadcast('core.heartbeat', { at: now().toISOString(), uptimeSeconds });
  }, options.heartbeatIntervalMs ?? 1000);
  heartbeat.unref();
  options.collector?.subscribe({
    snapshot: (snapshot) => broadcastSnapshot(router, snapshot),
    health: (health) => router.broadcast('health.changed', health),
  });

  log.info({ mode: options.mode, fleet: options.fleet.source }, 'core started');
  return {
    router,
    async stop() {
      clearInterval(heartbeat);
      await options.collector?.stop();
      log.info('core stopped');
    },
  };
}

function createHandlers(context: HandlerContext, startedAt: Date): Handlers {
  const { options, now } = context;
  return {
    'app.info': () => ({
      name: 'VisionKing Control Room',
      version: appVersion,
      mode: options.mode,
      startedAt: startedAt.toISOString(),
      pid: process.pid,
    }),
    'app.ping': ({ echo }) => ({ echo, at: now().toISOString() }),
    'fleet.summary': () => options.fleet,
    'snapshot.latest': () => {
      const snapshot = options.collector?.snapshot();
      return snapshot ? splitSnapshot(snapshot).tick : null;
    },
    'snapshot.node': ({ node }) => latestNodePart(options.collector?.snapshot() ?? null, node),
    'health.current': () => options.collector?.health() ?? { nodes: {}, verdict: null },
    ...archiveHandlers(context),
    ...reviewHandlers(context),
    ...findingsHandlers(context),
    ...actionsHandlers(context),
    ...settingsHandlers(context),
  };
}

/**
 * Sends a snapshot one node per message, then the marker that names them (docs/snapshot-format.md,
 * "Over the pipe"): each message is as big as one node however many nodes the fleet has.
 */
function broadcastSnapshot(router: Router, snapshot: Snapshot): void {
  const { tick, parts } = snapshotMessages(snapshot);
  for (const part of parts) router.broadcast('snapshot.node', part);
  router.broadcast('snapshot.new', tick);
}

/** The messages that carry a snapshot to clients, log lines trimmed as every client gets them. */
export function snapshotMessages(snapshot: Snapshot): ReturnType<typeof splitSnapshot> {
  return splitSnapshot(trimLogLines(snapshot, EVENT_LOG_LINES));
}

/** One node of the newest snapshot as `snapshot.node` answers it; null before the first tick. */
function latestNodePart(snapshot: Snapshot | null, node: string): SnapshotNodePart | null {
  if (snapshot === null) return null;
  const nodeSnapshot = Object.hasOwn(snapshot.nodes, node) ? snapshot.nodes[node] : undefined;
  if (!nodeSnapshot) {
    throw new CoreError('INVALID_ARGS', `snapshot.node: the latest snapshot has no node '${node}'`);
  }
  const { version, deployment, takenAt } = snapshot;
  const trimmed = trimNodeLogLines(nodeSnapshot, EVENT_LOG_LINES);
  return { version, deployment, takenAt, node, snapshot: trimmed };
}

/** Log lines kept per container in pushed snapshots, so an event stays far below the size limit. */
export const EVENT_LOG_LINES = 20;

export function trimLogLines(snapshot: Snapshot, maxLines: number): Snapshot {
  const nodes = Object.fromEntries(
    Object.entries(snapshot.nodes).map(([nodeId, node]) => [
      nodeId,
      trimNodeLogLines(node, maxLines),
    ]),
  );
  return { ...snapshot, nodes };
}

function trimNodeLogLines(node: NodeSnapshot, maxLines: number): NodeSnapshot {
  if (!node.logs) return node;
  const logs = Object.fromEntries(
    Object.entries(node.logs).map(([name, container]) => {
      const kept = container.lines.slice(-maxLines);
      const dropped = container.droppedLines + container.lines.length - kept.length;
      return [name, { ...container, lines: kept, droppedLines: dropped }];
    }),
  );
  return { ...node, logs };
}
