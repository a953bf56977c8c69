// The demo clock: 60× real time by default, stopped and stepped by hand in tests, and a seeded
// randomness that answers the same question the same way whatever the order of asking.
import { describe, expect, it } from 'vitest';
import { createDemoClock, DEFAULT_DEMO_SPEED, mulberry32, noise } from '../../electron/demo/clock';

const START = '2026-02-18T21:30:00-03:00';

describe('the demo clock', () => {
  it('runs 60× real time by default, from its start time', () => {
    let realMs = 1_000;
    const clock = createDemoClock({ startTime: START, realNowMs: () => realMs });
    expect(clock.speed).toBe(DEFAULT_DEMO_SPEED);
    expect(clock.now().toISOString()).toBe('2026-02-19T00:30:00.000Z');
    realMs += 60_000;
    expect(clock.now().toISOString()).toBe('2026-02-19T01:30:00.000Z');
  });

  it('stands still at speed 0 and moves only when stepped', () => {
    const clock = createDemoClock({ startTime: START, speed: 0 });
    const start = clock.nowMs();
    clock.advance(90_000);
    expect(clock.nowMs()).toBe(start + 90_000);
    clock.stepTo('2026-02-18T23:00:00-03:00');
    expect(clock.now().toISOString()).toBe('2026-02-19T02:00:00.000Z');
  });

  it('never goes back, as the collector assumes of any node', () => {
    const clock = createDemoClock({ startTime: START, speed: 0 });
    expect(() => clock.stepTo('2026-02-18T21:00:00-03:00')).toThrow(
      /cannot step the demo clock back/,
    );
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('keeps its simulated time when its speed changes', () => {
    let realMs = 0;
    const clock = createDemoClock({ startTime: START, speed: 10, realNowMs: () => realMs });
    realMs = 1_000;
    clock.setSpeed(0);
    realMs = 5_000;
    expect(clock.nowMs() - Date.parse(START)).toBe(10_000);
  });

  it('draws the same numbers for the same seed, key and index, in any order', () => {
    const first = [noise(7, 'vk01/latency', 3), noise(7, 'vk01/latency', 4)];
    const reversed = [noise(7, 'vk01/latency', 4), noise(7, 'vk01/latency', 3)].reverse();
    expect(first).toEqual(reversed);
    expect(noise(8, 'vk01/latency', 3)).not.toBe(first[0]);
    const draws = Array.from({ length: 1000 }, mulberry32(42));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.slice(0, 3)).toEqual(Array.from({ length: 3 }, mulberry32(42)));
  });
});
