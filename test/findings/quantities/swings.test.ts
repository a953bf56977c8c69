import { describe, expect, it } from 'vitest';
import type { Point } from '../../../electron/findings/quantities/measured';
import { cycleCount, largestSwing, swingLegs } from '../../../electron/findings/quantities/swings';

const MINUTE = 60_000;

/** vk01's GPU: 24 → 18 °C in 17 min, then 18 → 27 °C in 15 min, read every 5 min. */
const thermal: Point[] = [24, 22, 20, 19, 18, 21, 24, 27, 25, 23, 21, 19, 18].map(
  (value, index) => ({ atMs: index * 5 * MINUTE, value }),
);

describe('largestSwing', () => {
  it('finds the 9 °C rise within 30 minutes', () => {
    const swing = largestSwing(thermal, 30 * MINUTE);
    expect(swing).toMatchObject({ change: 9, from: { value: 18 }, to: { value: 27 } });
    expect(swing!.to.atMs - swing!.from.atMs).toBe(15 * MINUTE);
  });

  it('only counts changes within the window', () => {
    const slow: Point[] = Array.from({ length: 13 }, (_, index) => ({
      atMs: index * 10 * MINUTE,
      value: 20 + index * 0.5,
    }));
    expect(largestSwing(slow, 30 * MINUTE)!.change).toBeCloseTo(1.5, 6);
  });

  it('skips nulls and is null for a flat or too short series', () => {
    const gapped = thermal.map((point, index) => (index === 7 ? { ...point, value: null } : point));
    expect(largestSwing(gapped, 30 * MINUTE)!.change).toBe(7); // 18 → 25 across the gap
    expect(largestSwing([{ atMs: 0, value: 3 }], MINUTE)).toBeNull();
    expect(
      largestSwing(
        [
          { atMs: 0, value: 3 },
          { atMs: 1, value: 3 },
        ],
        MINUTE,
      ),
    ).toBeNull();
  });
});

describe('swingLegs', () => {
  it('cuts the thermal series into fall, rise, fall', () => {
    const legs = swingLegs(thermal, 4);
    expect(legs.map((leg) => leg.change)).toEqual([-6, 9, -9]);
    expect(cycleCount(legs)).toBe(1);
  });

  it('ignores wiggles smaller than the hysteresis', () => {
    const calm: Point[] = [21, 22, 21, 23, 22, 21].map((value, index) => ({ atMs: index, value }));
    expect(swingLegs(calm, 4)).toEqual([]);
    expect(swingLegs([], 4)).toEqual([]);
  });
});
