import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodicity, synchrony } from '../../../electron/findings/quantities/periodicity';

const MINUTE = 60_000;

describe('periodicity', () => {
  it('finds the 1-minute FATAL probe and its small jitter', () => {
    const times = Array.from({ length: 20 }, (_, index) => index * MINUTE + 412 + (index % 3));
    const result = periodicity(times);
    expect(result.value!.periodMs).toBeCloseTo(MINUTE, -1);
    expect(result.value!.jitterMs).toBeLessThanOrEqual(2);
    expect(result.value!.occurrences).toBe(20);
  });

  it('recovers a planted period under jitter, whatever the order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 3_600_000 }),
        fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), {
          minLength: 5,
          maxLength: 60,
        }),
        (period, jitters) => {
          const times = jitters.map((jitter, index) => (index + jitter) * period).reverse();
          const result = periodicity(times);
          expect(Math.abs(result.value!.periodMs - period)).toBeLessThanOrEqual(period * 0.1);
        },
      ),
    );
  });

  it('needs three occurrences and says so', () => {
    expect(periodicity([1, 2])).toEqual({
      value: null,
      reason: '2 occurrences, at least 3 needed',
    });
    expect(periodicity([5, 5, 5]).reason).toMatch(/^1 occurrences/);
  });
});

describe('synchrony', () => {
  const vk01 = Array.from({ length: 10 }, (_, index) => index * MINUTE + 412);
  it('sees vk01 at :00.412 and vk02 at :00.431 as one central client', () => {
    const vk02 = vk01.map((time) => time + 19);
    const result = synchrony(vk01, vk02, MINUTE);
    expect(result.value).toMatchObject({ phaseDifferenceMs: 19, synchronized: true });
  });

  it('sees probes half a period apart as independent', () => {
    const other = vk01.map((time) => time + 30_000);
    const result = synchrony(vk01, other, MINUTE);
    expect(result.value).toMatchObject({ phaseFraction: 0.5, synchronized: false });
  });

  it('treats a missed occurrence as a whole period, still in phase', () => {
    const sparse = vk01.filter((_, index) => index % 3 === 0).map((time) => time + 5 * MINUTE + 10);
    expect(synchrony(vk01, sparse, MINUTE).value!.synchronized).toBe(true);
  });

  it('is null with a reason when a side is empty', () => {
    expect(synchrony([], vk01, MINUTE).reason).toMatch(/no occurrences/);
    expect(synchrony(vk01, vk01, 0).reason).toMatch(/no period/);
  });
});
