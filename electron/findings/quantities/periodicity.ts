// Periodicity of a repeated event (a log line, a FATAL from a probe): its interval and jitter from
// its timestamps, and whether two nodes see it at the same moments (one central client probing
// both) or each on its own clock.
import { measured, median, medianAbsoluteDeviation, unmeasured, type Measured } from './measured';

export interface Periodicity {
  /** Median interval between consecutive occurrences. */
  periodMs: number;
  /** Median absolute deviation of the intervals: how regular it is. */
  jitterMs: number;
  occurrences: number;
  firstMs: number;
  lastMs: number;
}

/** Interval and jitter of occurrences; at least `minOccurrences` distinct times are needed. */
export function periodicity(timesMs: readonly number[], minOccurrences = 3): Measured<Periodicity> {
  const times = uniqueSorted(timesMs);
  if (times.length < minOccurrences) {
    return unmeasured(`${times.length} occurrences, at least ${minOccurrences} needed`);
  }
  const intervals = times.slice(1).map((time, index) => time - times[index]!);
  return measured({
    periodMs: median(intervals),
    jitterMs: medianAbsoluteDeviation(intervals),
    occurrences: times.length,
    firstMs: times[0]!,
    lastMs: times.at(-1)!,
  });
}

export interface Synchrony {
  /** Median distance from each occurrence on one side to the nearest on the other. */
  phaseDifferenceMs: number;
  /** `phaseDifferenceMs` over the period, 0..0.5. */
  phaseFraction: number;
  synchronized: boolean;
}

/**
 * Whether two series of occurrences with a common period happen together: the phase difference
 * is small relative to the period (default under 5 %).
 */
export function synchrony(
  leftMs: readonly number[],
  rightMs: readonly number[],
  periodMs: number,
  maxPhaseFraction = 0.05,
): Measured<Synchrony> {
  const left = uniqueSorted(leftMs);
  const right = uniqueSorted(rightMs);
  if (left.length === 0 || right.length === 0) return unmeasured('one side has no occurrences');
  if (!(periodMs > 0)) return unmeasured('no period to compare against');
  const distances = left.map((time) => {
    const nearest = nearestDistance(right, time);
    // Occurrences a whole period apart are in phase: compare within one period.
    const folded = nearest % periodMs;
    return Math.min(folded, periodMs - folded);
  });
  const phaseDifferenceMs = median(distances);
  const phaseFraction = phaseDifferenceMs / periodMs;
  return measured({
    phaseDifferenceMs,
    phaseFraction,
    synchronized: phaseFraction <= maxPhaseFraction,
  });
}

function nearestDistance(sorted: readonly number[], time: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < time) low = middle + 1;
    else high = middle;
  }
  const after = Math.abs(sorted[low]! - time);
  const before = low > 0 ? Math.abs(time - sorted[low - 1]!) : Infinity;
  return Math.min(after, before);
}

function uniqueSorted(times: readonly number[]): number[] {
  return [...new Set(times.filter((time) => Number.isFinite(time)))].sort((a, b) => a - b);
}
