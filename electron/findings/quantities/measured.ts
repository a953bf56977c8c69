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
  let ordered = true;
  for (const point of points) {
    if (point.value !== null && Number.isFinite(point.value) && Number.isFinite(point.atMs)) {
      if (present.length > 0 && present[present.length - 1]!.atMs > point.atMs) ordered = false;
      present.push({ atMs: point.atMs, value: point.value });
    }
  }
  // Series come oldest first; sorting is only needed for readings given out of order.
  return ordered ? present : present.sort((left, right) => left.atMs - right.atMs);
}

/**
 * The median of a non-empty list (the mean of the middle two for an even count). Found by
 * selection (linear on average) instead of a sort: Theil–Sen takes the median of ~29,000 slopes
 * per series, every tick.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const work = Float64Array.from(values);
  const middle = work.length >> 1;
  const upper = select(work, middle, 0, work.length - 1);
  if (work.length % 2 === 1) return upper;
  // After selecting `middle`, everything left of it is not larger: its largest is the lower one.
  let lower = work[0]!;
  for (let index = 1; index < middle; index++) if (work[index]! > lower) lower = work[index]!;
  return (lower + upper) / 2;
}

/** Hoare's selection: the `k`-th smallest of work[left..right], partitioning `work` in place. */
function select(work: Float64Array, k: number, left: number, right: number): number {
  while (right > left) {
    const pivot = medianOfThree(work[left]!, work[(left + right) >> 1]!, work[right]!);
    let low = left;
    let high = right;
    while (low <= high) {
      while (work[low]! < pivot) low++;
      while (work[high]! > pivot) high--;
      if (low <= high) {
        const swap = work[low]!;
        work[low++] = work[high]!;
        work[high--] = swap;
      }
    }
    if (k <= high) right = high;
    else if (k >= low) left = low;
    else return work[k]!;
  }
  return work[k]!;
}

function medianOfThree(first: number, second: number, third: number): number {
  if (first < second) return second < third ? second : first < third ? third : first;
  return first < third ? first : second < third ? third : second;
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
