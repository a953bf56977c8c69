// Log volume per level per second. A log read counts every new line but keeps only the newest
// 200, and Docker is asked for at most 500 (`--tail`), so a chatty container's counts saturate:
// then the rate comes from how densely the kept lines are stamped instead.
import type { ContainerLogs, LevelCounts, LogLevel } from '../../../shared/snapshot';
import { logLevels } from '../../../shared/snapshot';
import { measured, median, unmeasured, type Measured } from './measured';

/** Docker's `--tail` for log reads (electron/collect/ssh-sections.ts LOG_TAIL_LINES). */
export const DEFAULT_TAIL_LINES = 500;
/** Fewest stamped lines from which a density is trusted. */
const MIN_DENSITY_LINES = 20;

export interface LogRead {
  atMs: number;
  logs: ContainerLogs;
}

export interface LevelRates {
  perSecond: Record<LogLevel, number>;
  totalPerSecond: number;
  /** `counts`: counted lines over the time between reads; `density`: stamps of kept lines. */
  method: 'counts' | 'density';
  reads: number;
}

function total(counts: LevelCounts): number {
  return logLevels.reduce((sum, level) => sum + counts[level], 0);
}

/** Reads with the same content (a read repeated by fast ticks) are counted once. */
function distinctReads(reads: readonly LogRead[]): LogRead[] {
  const seen = new Set<string>();
  const distinct: LogRead[] = [];
  for (const read of [...reads].sort((a, b) => a.atMs - b.atMs)) {
    const last = read.logs.lines.at(-1);
    const key = `${JSON.stringify(read.logs.countsByLevel)}|${last?.at}|${last?.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    distinct.push(read);
  }
  return distinct;
}

/** Lines per second per level over a run of log reads of one container. */
export function logLevelRates(
  reads: readonly LogRead[],
  tailLines = DEFAULT_TAIL_LINES,
): Measured<LevelRates> {
  const distinct = distinctReads(reads);
  if (distinct.length === 0) return unmeasured('no log reads');
  const saturated = distinct.some((read) => total(read.logs.countsByLevel) >= tailLines);
  if (!saturated && distinct.length >= 2) return fromCounts(distinct);
  return fromDensity(distinct);
}

function fromCounts(distinct: LogRead[]): Measured<LevelRates> {
  const seconds = (distinct.at(-1)!.atMs - distinct[0]!.atMs) / 1000;
  if (!(seconds > 0)) return unmeasured('log reads at the same moment');
  // The first read covers a window before the run began, so only the later reads count.
  const perSecond = emptyRates();
  for (const read of distinct.slice(1)) {
    for (const level of logLevels) perSecond[level] += read.logs.countsByLevel[level] / seconds;
  }
  const totalPerSecond = logLevels.reduce((sum, level) => sum + perSecond[level], 0);
  return measured({ perSecond, totalPerSecond, method: 'counts', reads: distinct.length });
}

function fromDensity(distinct: LogRead[]): Measured<LevelRates> {
  const densities: { perSecond: number; counts: LevelCounts }[] = [];
  for (const read of distinct) {
    const stamps = read.logs.lines
      .map((line) => (line.at === null ? Number.NaN : Date.parse(line.at)))
      .filter((stamp) => Number.isFinite(stamp))
      .sort((a, b) => a - b);
    if (stamps.length < MIN_DENSITY_LINES) continue;
    const seconds = (stamps.at(-1)! - stamps[0]!) / 1000;
    if (seconds > 0)
      densities.push({ perSecond: (stamps.length - 1) / seconds, counts: read.logs.countsByLevel });
  }
  if (densities.length === 0) {
    return unmeasured(`too few stamped lines (at least ${MIN_DENSITY_LINES} in one read needed)`);
  }
  const totalPerSecond = median(densities.map((density) => density.perSecond));
  // Split the total by the levels counted in all reads together.
  const counted = emptyRates();
  for (const { counts } of densities)
    for (const level of logLevels) counted[level] += counts[level];
  const countedTotal = logLevels.reduce((sum, level) => sum + counted[level], 0);
  const perSecond = emptyRates();
  for (const level of logLevels) {
    perSecond[level] = countedTotal > 0 ? (totalPerSecond * counted[level]) / countedTotal : 0;
  }
  return measured({ perSecond, totalPerSecond, method: 'density', reads: distinct.length });
}

function emptyRates(): Record<LogLevel, number> {
  return { fatal: 0, error: 0, warning: 0, info: 0, debug: 0, unknown: 0 };
}
