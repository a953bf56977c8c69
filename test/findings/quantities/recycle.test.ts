import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findDrops,
  flagRises,
  killLevel,
  restartChanges,
  restartsCounted,
} from '../../../electron/findings/quantities/recycle';

const MB = 1024 * 1024;

describe('findDrops', () => {
  it('finds the visualizer recycle 414 → 315 MB and its kill level', () => {
    const drops = findDrops([
      { atMs: 0, value: 410 * MB },
      { atMs: 1, value: 414 * MB },
      { atMs: 2, value: 315 * MB },
      { atMs: 3, value: 316 * MB },
    ]);
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ atMs: 2, previousAtMs: 1, from: 414 * MB, to: 315 * MB });
    expect(drops[0]!.fraction).toBeCloseTo(0.239, 3);
    expect(killLevel(drops)).toBe(414 * MB);
  });

  it('never reads a null as a fall to 0, but sees a fall across the gap', () => {
    const drops = findDrops([
      { atMs: 0, value: 400 },
      { atMs: 1, value: null },
      { atMs: 2, value: 390 },
      { atMs: 3, value: null },
      { atMs: 4, value: 100 },
    ]);
    expect(drops.map((drop) => [drop.previousAtMs, drop.atMs])).toEqual([[2, 4]]);
  });

  it('finds nothing in a series that only rises or wobbles a few percent', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.95, max: 1.1, noNaN: true })), (factors) => {
        let value = 300;
        const points = factors.map((factor, index) => ({ atMs: index, value: (value *= factor) }));
        expect(findDrops(points)).toEqual([]);
      }),
    );
    expect(killLevel([])).toBeNull();
  });
});

describe('restarts and OOM flags', () => {
  it('counts increases and resets, skipping nulls', () => {
    const changes = restartChanges([
      { atMs: 0, value: 308 },
      { atMs: 1, value: 309 },
      { atMs: 2, value: null },
      { atMs: 3, value: 311 },
      { atMs: 4, value: 0 },
    ]);
    expect(changes.map((change) => change.kind)).toEqual(['increase', 'increase', 'reset']);
    expect(restartsCounted(changes)).toBe(4);
  });

  it('reports the moments OOMKilled turned true', () => {
    const rises = flagRises([
      { atMs: 0, flag: false },
      { atMs: 1, flag: true },
      { atMs: 2, flag: true },
      { atMs: 3, flag: null },
      { atMs: 4, flag: false },
      { atMs: 5, flag: true },
    ]);
    expect(rises).toEqual([1, 5]);
  });
});
