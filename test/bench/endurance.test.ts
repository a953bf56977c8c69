// The endurance benchmark's machinery on a short run: the core as serve wires it on the demo
// plant for 3 simulated hours; every figure present and finite (no timing assertions).
import { describe, expect, it } from 'vitest';
import { enduranceRows, measureEndurance } from '../../electron/bench/endurance';
import { growthPerHour } from '../../electron/bench/memory';

describe('bench endurance', () => {
  it('samples memory every simulated hour and fits the growth once warm', async () => {
    const figures = await measureEndurance({ simulatedHours: 3, warmupHours: 1 });
    expect(figures.ticks).toBe(36);
    expect(figures.samples.map((sample) => sample.atHours)).toEqual([0, 1, 2, 3]);
    expect(figures.warm).toHaveLength(3);
    for (const sample of figures.samples) {
      expect(sample.rssBytes).toBeGreaterThan(0);
      expect(sample.heapUsedBytes).toBeGreaterThan(0);
    }
    expect(Number.isFinite(figures.heapGrowthPerHour)).toBe(true);
    expect(Number.isFinite(figures.rssGrowthPerHour)).toBe(true);
    expect(figures.tickMsByDay).toHaveLength(1);
    expect(Number.isFinite(figures.tickMsByDay[0])).toBe(true);
    expect(figures.archiveBytes).toBeGreaterThan(0);
    expect(figures.archiveFailures).toBe(0);
    const rows = enduranceRows(figures);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(Number.isFinite(row.value)).toBe(true);
  }, 120_000);

  it('fits a known slope and refuses to fit a single sample', () => {
    const samples = [0, 1, 2, 3, 4].map((atHours) => ({
      atHours,
      rssBytes: 1_000 + atHours * 500 + (atHours === 2 ? 9_000 : 0),
      heapUsedBytes: 100,
      externalBytes: 0,
    }));
    expect(growthPerHour(samples, (sample) => sample.rssBytes)).toBe(500);
    expect(growthPerHour(samples, (sample) => sample.heapUsedBytes)).toBe(0);
    expect(growthPerHour(samples.slice(0, 1), (sample) => sample.rssBytes)).toBeNull();
  });
});
