// The renderer half of the endurance benchmark on a short run: the built interface in Chromium
// against the served pipeline for 2 simulated hours; the page heap read every simulated hour.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureRendererEndurance } from '../../electron/bench/renderer-endurance';

const built = existsSync(new URL('../../out/renderer/index.html', import.meta.url));
if (!built) console.warn('Skipping the renderer endurance run: npm run build:renderer first.');

describe.skipIf(!built)('bench endurance, renderer', () => {
  it('reads the page heap every simulated hour and fits its growth', async () => {
    const figures = await measureRendererEndurance({ simulatedHours: 2, warmupHours: 1 });
    expect(figures.simulatedHours).toBe(2);
    expect(figures.samples.map((sample) => sample.atHours)).toEqual([0, 1, 2]);
    for (const sample of figures.samples) expect(sample.heapUsedBytes).toBeGreaterThan(0);
    expect(Number.isFinite(figures.heapGrowthPerHour)).toBe(true);
  }, 120_000);
});
