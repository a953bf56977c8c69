// Swings within a window (GPU thermal cycling, a memory sawtooth): the largest rise or fall
// completed within a sliding window, and the legs between turning points larger than a minimum.
import { presentPoints, type Point, type ValuePoint } from './measured';

export interface Swing {
  from: ValuePoint;
  to: ValuePoint;
  /** `to.value - from.value`: positive for a rise. */
  change: number;
}

/**
 * The largest change between two readings at most `windowMs` apart, the earlier one first.
 * Monotonic queues keep it linear in the number of readings. Null when fewer than 2 readings.
 */
export function largestSwing(points: readonly Point[], windowMs: number): Swing | null {
  const present = presentPoints(points);
  const minima: ValuePoint[] = [];
  const maxima: ValuePoint[] = [];
  let best: Swing | null = null;
  for (const point of present) {
    while (minima.length > 0 && minima[0]!.atMs < point.atMs - windowMs) minima.shift();
    while (maxima.length > 0 && maxima[0]!.atMs < point.atMs - windowMs) maxima.shift();
    const low = minima[0];
    const high = maxima[0];
    if (low && (best === null || point.value - low.value > Math.abs(best.change))) {
      best = { from: low, to: point, change: point.value - low.value };
    }
    if (high && (best === null || high.value - point.value > Math.abs(best.change))) {
      best = { from: high, to: point, change: point.value - high.value };
    }
    while (minima.length > 0 && minima.at(-1)!.value >= point.value) minima.pop();
    minima.push(point);
    while (maxima.length > 0 && maxima.at(-1)!.value <= point.value) maxima.pop();
    maxima.push(point);
  }
  return best !== null && best.change !== 0 ? best : null;
}

/**
 * Legs between turning points, each a rise or fall of at least `minSwing` (hysteresis: smaller
 * wiggles do not end a leg). Two legs make one cycle.
 */
export function swingLegs(points: readonly Point[], minSwing: number): Swing[] {
  const present = presentPoints(points);
  const legs: Swing[] = [];
  const first = present[0];
  if (!first) return legs;
  // Before the first leg is decided, the lowest and highest readings so far are candidates.
  let low = first;
  let high = first;
  let anchor = first;
  let extreme = first;
  let direction: 1 | -1 | 0 = 0;
  for (const point of present.slice(1)) {
    if (direction === 0) {
      if (point.value >= low.value + minSwing) [direction, anchor, extreme] = [1, low, point];
      else if (point.value <= high.value - minSwing)
        [direction, anchor, extreme] = [-1, high, point];
      if (point.value < low.value) low = point;
      if (point.value > high.value) high = point;
      continue;
    }
    const further = direction === 1 ? point.value >= extreme.value : point.value <= extreme.value;
    if (further) {
      extreme = point;
    } else if (Math.abs(extreme.value - point.value) >= minSwing) {
      legs.push({ from: anchor, to: extreme, change: extreme.value - anchor.value });
      [anchor, extreme] = [extreme, point];
      direction = direction === 1 ? -1 : 1;
    }
  }
  if (direction !== 0)
    legs.push({ from: anchor, to: extreme, change: extreme.value - anchor.value });
  return legs;
}

/** Whole cycles (a rise and a fall) among the legs. */
export function cycleCount(legs: readonly Swing[]): number {
  return Math.floor(legs.length / 2);
}
