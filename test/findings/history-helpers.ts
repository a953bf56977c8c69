// Histories for rule tests: the real RollingHistory fed with snapshots, either built by hand (the
// factories re-exported below, valid against the snapshot schema) or collected from the demo
// plant at chosen simulated moments.
import { createDemoClock } from '../../electron/demo/clock';
import { createDemoPlant } from '../../electron/demo/demo-fleet';
import { loadDefaultScenario, type Scenario } from '../../electron/demo/scenario';
import { RollingHistory, type HistoryLimits } from '../../electron/findings/history';
import type { HealthView, HistoryEvent } from '../../electron/findings/types';
import { parseSnapshot, type NodeSnapshot, type Snapshot } from '../../shared/snapshot';

export {
  container,
  downChannel,
  gpu,
  host,
  nodeSnapshot,
  reachability,
  snapshot,
  upChannel,
  GIBIBYTE,
} from '../renderer/snapshot-factory';

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const MIB = 1024 * 1024;

export interface HistoryExtras {
  events?: HistoryEvent[];
  health?: HealthView | null;
  limits?: Partial<HistoryLimits>;
}

/**
 * A History holding `snapshots` (pushed in the order given; each must be newer than the one
 * before, as at run time) plus optional events and health. Every snapshot is checked against
 * the snapshot format first, so a test cannot feed a rule data the collector never produces.
 */
export function historyFrom(snapshots: readonly Snapshot[], extras: HistoryExtras = {}) {
  const history = new RollingHistory(extras.limits);
  for (const item of snapshots) {
    const parsed = parseSnapshot(item);
    if (!parsed.ok) {
      throw new Error(`snapshot ${item.takenAt} is not valid: ${parsed.problems.join('; ')}`);
    }
    if (!history.push(parsed.snapshot)) {
      throw new Error(`snapshot ${item.takenAt} is not newer than the one before it`);
    }
  }
  if (extras.events) history.addEvents(extras.events);
  if (extras.health !== undefined) history.setHealth(extras.health);
  return history;
}

/**
 * `count` snapshots `stepMs` apart from `startIso`, each made by `nodesAt(index, atMs)`:
 * the usual way to build a series (memory growing 2.7 MB/h, a GPU temperature swinging).
 */
export function snapshotsEvery(
  startIso: string,
  stepMs: number,
  count: number,
  nodesAt: (index: number, atMs: number) => Record<string, NodeSnapshot>,
  deployment = '03002',
): Snapshot[] {
  const startMs = Date.parse(startIso);
  return Array.from({ length: count }, (_, index) => {
    const atMs = startMs + index * stepMs;
    const takenAt = new Date(atMs).toISOString();
    return { version: 1, deployment, takenAt, nodes: nodesAt(index, atMs) };
  });
}

let scenarioCache: Scenario | null = null;

/** `2026-02-18 22:08` in the demo plant's local time (UTC-3, as the reference report). */
export function plantTime(text: string): number {
  const [date, time] = text.split(' ');
  const seconds = (time ?? '').length === 5 ? `${time}:00` : time;
  return Date.parse(`${date}T${seconds}-03:00`);
}

/**
 * The demo plant collected (both tiers, logs included) at each of `times` (ms, ascending). A
 * stopped clock is stepped to each moment, so the result is the same on every run.
 */
export async function demoSnapshots(times: readonly number[]): Promise<Snapshot[]> {
  scenarioCache ??= loadDefaultScenario();
  const clock = createDemoClock({ startTime: scenarioCache.start, speed: 0 });
  const plant = createDemoPlant({ scenario: scenarioCache, clock });
  const snapshots: Snapshot[] = [];
  for (const atMs of times) {
    clock.stepTo(atMs);
    snapshots.push(await plant.collector.collectOnce());
  }
  await plant.collector.stop();
  return snapshots;
}

/** `demoSnapshots(times)` as a History. */
export async function demoHistory(times: readonly number[], extras: HistoryExtras = {}) {
  return historyFrom(await demoSnapshots(times), extras);
}
