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
      guarded('snapshot', () => archive.recordSnapshot(snapshot));
      next.snapshot?.(snapshot);
    },
    health(health) {
      guarded('health change', () => archive.recordHealth(health));
      next.health?.(health);
    },
    failures: () => failures,
  };
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
