// Wiring an archive to a running collector: snapshots and health changes are recorded as they
// come, and maintenance runs in short slices on a timer so it never holds up a tick for long.
import type { CollectorListeners } from '../collect/collector';
import { createLogger } from '../log';
import type { Archive } from './archive';

const log = createLogger('archive');

/**
 * Collector listeners that archive every snapshot and health change, then call `next` (the
 * listeners the rest of the app had). A failed write is logged and counted, never thrown into
 * the collector.
 */
export function archiveListeners(
  archive: Archive,
  next: CollectorListeners = {},
): CollectorListeners & { failures(): number } {
  let failures = 0;
  let lastSnapshotMs: number | null = null;
  const guarded = (what: string, work: () => void) => {
    try {
      work();
    } catch (error) {
      failures += 1;
      log.error({ err: error, failures }, `could not archive the ${what}`);
    }
  };
  return {
    snapshot(snapshot) {
      lastSnapshotMs = Date.parse(snapshot.takenAt);
      guarded('snapshot', () => archive.recordSnapshot(snapshot));
      next.snapshot?.(snapshot);
    },
    health(health) {
      const atMs = healthMomentMs(health, lastSnapshotMs);
      guarded('health change', () => archive.recordHealth(health, atMs));
      next.health?.(health);
    },
    failures: () => failures,
  };
}

/**
 * When a health change happened on the collector's clock (plant time in the demo): the newest
 * `since` of any channel, since the change that sent this update is the newest one. Without
 * any, the last snapshot's time; the wall clock only before the first snapshot.
 */
export function healthMomentMs(
  health: Parameters<Archive['recordHealth']>[0],
  lastSnapshotMs: number | null,
): number {
  let newestMs: number | null = null;
  for (const channels of Object.values(health.nodes)) {
    for (const channel of Object.values(channels)) {
      const sinceMs = Date.parse(channel.since);
      if (Number.isFinite(sinceMs) && (newestMs === null || sinceMs > newestMs)) newestMs = sinceMs;
    }
  }
  return newestMs ?? lastSnapshotMs ?? Date.now();
}

export interface MaintenanceSchedule {
  stop(): void;
}

/** Runs `archive.maintain` every `intervalMs` for at most `budgetMs` (defaults 1 s, 20 ms). */
export function startMaintenance(
  archive: Archive,
  options: { intervalMs?: number; budgetMs?: number } = {},
): MaintenanceSchedule {
  const intervalMs = options.intervalMs ?? 1_000;
  const budgetMs = options.budgetMs ?? 20;
  const timer = setInterval(() => {
    try {
      archive.maintain({ budgetMs });
    } catch (error) {
      log.error({ err: error }, 'archive maintenance failed');
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
