import { describe, expect, it } from 'vitest';
import { backoffCeilingMs, backoffDelayMs, defaultBackoff } from '../../../renderer/api/backoff';

describe('backoff', () => {
  it('doubles from 250 ms and stops growing at 5 s', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffCeilingMs(attempt));
    expect(ceilings).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('waits the full ceiling when the jitter draws 0 and half of it when it draws almost 1', () => {
    expect(backoffDelayMs(2, () => 0)).toBe(1000);
    expect(backoffDelayMs(2, () => 0.999_999)).toBe(500);
  });

  it('never leaves [ceiling × (1 − jitter), ceiling] for any draw', () => {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const ceilingMs = backoffCeilingMs(attempt);
      for (const draw of [0, 0.1, 0.5, 0.9, 0.999]) {
        const delayMs = backoffDelayMs(attempt, () => draw);
        expect(delayMs).toBeGreaterThanOrEqual(ceilingMs * (1 - defaultBackoff.jitterRatio));
        expect(delayMs).toBeLessThanOrEqual(ceilingMs);
      }
    }
  });

  it('treats absurd attempt numbers as the cap instead of overflowing', () => {
    expect(backoffCeilingMs(10_000)).toBe(5000);
    expect(backoffCeilingMs(-3)).toBe(250);
  });

  it('follows the options it is given', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 300, jitterRatio: 0 };
    expect([0, 1, 2].map((attempt) => backoffDelayMs(attempt, Math.random, options))).toEqual([
      100, 200, 300,
    ]);
  });
});
