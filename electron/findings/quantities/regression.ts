// Growth rates by robust regression. Theil–Sen takes the median of the slopes between every
// pair of readings, so up to ~29 % of wild readings (a scrape glitch, a spike) barely move it,
// where least squares would follow them. A recycle drop is not an outlier but a new regime, so
// growth is fitted only on the segment since the last drop (see recycle.ts).
import { DEFAULT_DROP_FRACTION, findDrops } from './recycle';
import {
  measured,
  median,
  MS_PER_HOUR,
  presentPoints,
  unmeasured,
  type Measured,
  type Point,
  type ValuePoint,
} from './measured';

/** Pairs grow with the square of the readings: more than this many are first binned. */
export const MAX_FIT_POINTS = 240;

export interface Fit {
  /** Change per millisecond. */
  slopePerMs: number;
  /** Fitted value at `originMs`. */
  intercept: number;
  originMs: number;
  points: number;
  fromMs: number;
  toMs: number;
}

export interface FitOptions {
  minPoints?: number;
  /** Shortest time the readings must span, so two close readings do not make a trend. */
  minSpanMs?: number;
}

/** Theil–Sen line through the readings that have a value; null with a reason if too few. */
export function theilSen(points: readonly Point[], options: FitOptions = {}): Measured<Fit> {
  const present = thin(presentPoints(points), MAX_FIT_POINTS);
  const minPoints = options.minPoints ?? 3;
  if (present.length < minPoints) {
    return unmeasured(`${present.length} readings with a value, at least ${minPoints} needed`);
  }
  const fromMs = present[0]!.atMs;
  const toMs = present.at(-1)!.atMs;
  const minSpanMs = options.minSpanMs ?? 0;
  if (toMs - fromMs <= 0 || toMs - fromMs < minSpanMs) {
    const spanMinutes = ((toMs - fromMs) / 60_000).toFixed(1);
    return unmeasured(`readings span ${spanMinutes} min, at least ${minSpanMs / 60_000} needed`);
  }
  const slopes: number[] = [];
  for (let left = 0; left < present.length; left++) {
    for (let right = left + 1; right < present.length; right++) {
      const run = present[right]!.atMs - present[left]!.atMs;
      if (run > 0) slopes.push((present[right]!.value - present[left]!.value) / run);
    }
  }
  const slopePerMs = median(slopes);
  const intercept = median(
    present.map((point) => point.value - slopePerMs * (point.atMs - fromMs)),
  );
  return measured({
    slopePerMs,
    intercept,
    originMs: fromMs,
    points: present.length,
    fromMs,
    toMs,
  });
}

/** The fitted line's value at a time. */
export function fitAt(fit: Fit, atMs: number): number {
  return fit.intercept + fit.slopePerMs * (atMs - fit.originMs);
}

/** Median per bin of equal counts, so a day of 5-second ticks costs a few thousand pairs. */
function thin(points: ValuePoint[], maxPoints: number): ValuePoint[] {
  if (points.length <= maxPoints) return points;
  const binned: ValuePoint[] = [];
  for (let bin = 0; bin < maxPoints; bin++) {
    const start = Math.floor((bin * points.length) / maxPoints);
    const end = Math.floor(((bin + 1) * points.length) / maxPoints);
    const slice = points.slice(start, end);
    if (slice.length === 0) continue;
    binned.push({
      atMs: median(slice.map((point) => point.atMs)),
      value: median(slice.map((point) => point.value)),
    });
  }
  return binned;
}

export interface Growth {
  /** Units (bytes) per hour; negative when shrinking. */
  perHour: number;
  /** The fitted value at the newest reading. */
  current: number;
  fit: Fit;
  /** When the segment fitted starts: the last drop, or the first reading. */
  segmentStartMs: number;
  /** True when an earlier part of the series was left out because of a drop. */
  afterDrop: boolean;
}

export interface GrowthOptions extends FitOptions {
  /** A fall between consecutive readings larger than this fraction starts a new segment. */
  dropFraction?: number;
}

/** Growth rate of the segment since the last drop (a recycle, a restart, a compaction). */
export function growthRate(
  points: readonly Point[],
  options: GrowthOptions = {},
): Measured<Growth> {
  const present = presentPoints(points);
  const drops = findDrops(present, options.dropFraction ?? DEFAULT_DROP_FRACTION);
  const lastDrop = drops.at(-1);
  const segment = lastDrop ? present.filter((point) => point.atMs >= lastDrop.atMs) : present;
  const fit = theilSen(segment, { minPoints: options.minPoints ?? 4, ...options });
  if (fit.value === null) {
    const where = lastDrop ? ' since the last drop' : '';
    return unmeasured(`${fit.reason}${where}`);
  }
  const toMs = fit.value.toMs;
  return measured({
    perHour: fit.value.slopePerMs * MS_PER_HOUR,
    current: fitAt(fit.value, toMs),
    fit: fit.value,
    segmentStartMs: segment[0]!.atMs,
    afterDrop: lastDrop !== undefined,
  });
}

/** Milliseconds until a growing value reaches `threshold`; null with a reason otherwise. */
export function timeToThreshold(
  current: number,
  perHour: number,
  threshold: number,
): Measured<number> {
  if (!Number.isFinite(threshold) || threshold <= 0) return unmeasured('no threshold to reach');
  if (current >= threshold) return unmeasured('already at or above the threshold');
  if (!(perHour > 0)) return unmeasured('not growing');
  return measured(((threshold - current) / perHour) * MS_PER_HOUR);
}
