// Recycles and kills, read three ways: a sudden fall of memory between consecutive readings
// (a worker killed and respawned lighter, a compaction), a restart count that moved, and
// Docker's OOMKilled flag. Each alone can mislead; rules combine them.
import { median, presentPoints, type Point, type ValuePoint } from './measured';

/**
 * Default fall that counts as a drop. The reference report's recycles are 24 % (visualizer
 * 414 → 315 MB after an OOM kill, Prometheus 829 → 634 MB at compaction), so 25 % would miss
 * them; ordinary idle wobble is a few percent.
 */
export const DEFAULT_DROP_FRACTION = 0.2;

export interface Drop {
  /** The reading after the fall. */
  atMs: number;
  previousAtMs: number;
  from: number;
  to: number;
  /** Fraction of `from` lost, 0..1. */
  fraction: number;
}

/**
 * Falls larger than `minFraction` between consecutive readings with a value. A null between
 * two readings is skipped: the fall across the gap still counts, the gap is not a fall to 0.
 */
export function findDrops(points: readonly Point[], minFraction = DEFAULT_DROP_FRACTION): Drop[] {
  const present: ValuePoint[] = presentPoints(points);
  const drops: Drop[] = [];
  for (let index = 1; index < present.length; index++) {
    const previous = present[index - 1]!;
    const current = present[index]!;
    if (previous.value <= 0) continue;
    const fraction = (previous.value - current.value) / previous.value;
    if (fraction > minFraction) {
      drops.push({
        atMs: current.atMs,
        previousAtMs: previous.atMs,
        from: previous.value,
        to: current.value,
        fraction,
      });
    }
  }
  return drops;
}

/** The level a series was at when it fell before: the median of the readings before drops. */
export function killLevel(drops: readonly Drop[]): number | null {
  return drops.length === 0 ? null : median(drops.map((drop) => drop.from));
}

export interface RestartChange {
  atMs: number;
  from: number;
  to: number;
  /**
   * `increase`: Docker restarted it (crash, OOM, restart policy). `reset`: the count went down,
   * which `docker restart`, a re-create or a host reboot do.
   */
  kind: 'increase' | 'reset';
}

/** Changes of a restart count between consecutive readings with a value. */
export function restartChanges(points: readonly Point[]): RestartChange[] {
  const present = presentPoints(points);
  const changes: RestartChange[] = [];
  for (let index = 1; index < present.length; index++) {
    const from = present[index - 1]!.value;
    const to = present[index]!.value;
    if (to === from) continue;
    changes.push({ atMs: present[index]!.atMs, from, to, kind: to > from ? 'increase' : 'reset' });
  }
  return changes;
}

/** Restarts counted in a window: the sum of increases (a reset adds one restart itself). */
export function restartsCounted(changes: readonly RestartChange[]): number {
  return changes.reduce(
    (total, change) => total + (change.kind === 'increase' ? change.to - change.from : 1),
    0,
  );
}

export interface FlagReading {
  atMs: number;
  flag: boolean | null;
}

/** Times at which a flag (Docker's OOMKilled) turned true; null readings are skipped. */
export function flagRises(readings: readonly FlagReading[]): number[] {
  const rises: number[] = [];
  let previous: boolean | null = null;
  for (const reading of [...readings].sort((left, right) => left.atMs - right.atMs)) {
    if (reading.flag === null) continue;
    if (reading.flag && previous !== true) rises.push(reading.atMs);
    previous = reading.flag;
  }
  return rises;
}
