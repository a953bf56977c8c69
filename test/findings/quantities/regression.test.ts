import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MS_PER_HOUR, type Point } from '../../../electron/findings/quantities/measured';
import {
  fitAt,
  growthRate,
  theilSen,
  timeToThreshold,
} from '../../../electron/findings/quantities/regression';

const MIB = 1024 * 1024;
const TICK_MS = 5 * 60_000;

function line(count: number, start: number, perHour: number): Point[] {
  return Array.from({ length: count }, (_, index) => ({
    atMs: 1_000_000 + index * TICK_MS,
    value: start + (perHour * index * TICK_MS) / MS_PER_HOUR,
  }));
}

describe('theilSen', () => {
  it('recovers a planted slope despite up to a quarter of wild readings', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.integer({ min: 12, max: 80 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 40 }),
        (perHour, count, wild) => {
          const points = line(count, 1000, perHour);
          const spoiled = Math.floor(count / 4);
          wild.slice(0, spoiled).forEach((value, index) => {
            points[(index * 4 + 1) % count]!.value = value;
          });
          const fit = theilSen(points);
          expect(fit.value).not.toBeNull();
          const fitted = fit.value!.slopePerMs * MS_PER_HOUR;
          expect(Math.abs(fitted - perHour)).toBeLessThan(Math.abs(perHour) * 0.05 + 1e-6);
        },
      ),
    );
  });

  it('skips nulls instead of reading them as 0', () => {
    const points = line(10, 300 * MIB, 2.7 * MIB).map((point, index) =>
      index % 3 === 0 ? { ...point, value: null } : point,
    );
    const fit = theilSen(points);
    expect(fit.value!.slopePerMs * MS_PER_HOUR).toBeCloseTo(2.7 * MIB, 0);
    expect(fit.value!.points).toBe(6);
  });

  it('says why when there are too few readings or too short a span', () => {
    const two = line(2, 1, 1);
    expect(theilSen(two)).toEqual({ value: null, reason: expect.stringContaining('2 readings') });
    const nulls: Point[] = line(5, 1, 1).map((point) => ({ ...point, value: null }));
    expect(theilSen(nulls).reason).toMatch(/0 readings with a value/);
    const short = theilSen(line(5, 1, 1), { minSpanMs: MS_PER_HOUR });
    expect(short.reason).toMatch(/span 20.0 min, at least 60 needed/);
  });

  it('bins a day of 5-second ticks and still finds the slope', () => {
    const points = Array.from({ length: 17_280 }, (_, index) => ({
      atMs: index * 5000,
      value: 100 + index * 5000 * (3 / MS_PER_HOUR) + (index % 7 === 0 ? 500 : 0),
    }));
    const fit = theilSen(points);
    expect(fit.value!.slopePerMs * MS_PER_HOUR).toBeCloseTo(3, 1);
    expect(fitAt(fit.value!, points.at(-1)!.atMs)).toBeCloseTo(100 + 72, -1);
  });
});

describe('growthRate', () => {
  it('fits only the segment since the last recycle drop', () => {
    const before = line(12, 380 * MIB, 2.7 * MIB);
    const after = line(12, 315 * MIB, 2.7 * MIB).map((point) => ({
      ...point,
      atMs: point.atMs + 12 * TICK_MS,
    }));
    before.push({ atMs: before.at(-1)!.atMs + 60_000, value: 416 * MIB });
    const growth = growthRate([...before, ...after]);
    expect(growth.value!.afterDrop).toBe(true);
    expect(growth.value!.segmentStartMs).toBe(after[0]!.atMs);
    expect(growth.value!.perHour / MIB).toBeCloseTo(2.7, 6);
  });

  it('returns null with a reason when the segment since the drop is too short', () => {
    const points = [...line(10, 400, 10), { atMs: 1_000_000 + 10 * TICK_MS, value: 100 }];
    const growth = growthRate(points);
    expect(growth.value).toBeNull();
    expect(growth.reason).toMatch(/since the last drop/);
  });
});

describe('timeToThreshold', () => {
  it('is the remaining distance over the rate', () => {
    const result = timeToThreshold(334 * MIB, 2.7 * MIB, 400 * MIB);
    expect(result.value! / MS_PER_HOUR).toBeCloseTo(66 / 2.7, 6);
  });

  it('is null with a reason when not growing or already there', () => {
    expect(timeToThreshold(10, 0, 20).reason).toBe('not growing');
    expect(timeToThreshold(10, -1, 20).reason).toBe('not growing');
    expect(timeToThreshold(30, 1, 20).reason).toMatch(/already/);
    expect(timeToThreshold(10, 1, 0).reason).toMatch(/no threshold/);
  });
});
