// What every quantity returns: a value, or null with the reason it could not be computed.
// Rules pass the reason on (or stay silent); a missing value is never read as 0.

/** One reading of a series: `value` null when the reading is missing. */
export interface Point {
  atMs: number;
  value: number | null;
}

/** A reading known to have a value. */
export interface ValuePoint {
  atMs: number;
  value: number;
}

export type Measured<Value> = { value: Value; reason: null } | { value: null; reason: string };

export function measured<Value>(value: Value): Measured<Value> {
  return { value, reason: null };
}

export function unmeasured<Value>(reason: string): Measured<Value> {
  return { value: null, reason };
}

/** The readings that have a value, oldest first; nulls are skipped, never read as 0. */
export function presentPoints(points: readonly Point[]): ValuePoint[] {
  const present: ValuePoint[] = [];
  for (const point of points) {
    if (point.value !== null && Number.isFinite(point.value) && Number.isFinite(point.atMs)) {
      present.push({ atMs: point.atMs, value: point.value });
    }
  }
  return present.sort((left, right) => left.atMs - right.atMs);
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median absolute deviation from the median: a spread that ignores a few outliers. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const center = median(values);
  return median(values.map((value) => Math.abs(value - center)));
}

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_MINUTE = 60_000;
/** Memory is shown as `docker stats` shows it: MiB, written MB as the reference report does. */
export const BYTES_PER_MIB = 1024 * 1024;
