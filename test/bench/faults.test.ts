// The fault benchmark's machinery on the test plant (run under `flock /tmp/plant.lock`): one
// fault kind once, and the core killed mid-write once; every figure present (no timing checks).
import { describe, expect, it } from 'vitest';
import {
  faultRows,
  measureFaults,
  serverFaults,
  summarizeFaults,
  ticksMissing,
} from '../../electron/bench/faults';
import { plantPrerequisiteProblem } from '../plant/plant';

const prerequisiteProblem = plantPrerequisiteProblem();
if (prerequisiteProblem !== undefined) {
  console.warn(`Skipping the fault benchmark on the plant: ${prerequisiteProblem}.`);
}

describe('bench faults: counting missing ticks', () => {
  it('counts the fast ticks a gap in the archive leaves out', () => {
    // Ticks every 2 s, then nothing from 14 s to 24 s: four ticks missing.
    const archived = [2_000, 4_000, 6_000, 8_000, 10_000, 12_000, 14_000, 24_000, 26_000];
    expect(ticksMissing(archived, 1_000, 27_000)).toBe(4);
    expect(ticksMissing([2_000, 4_000], 1_000, 5_000)).toBe(0);
  });
});

describe.skipIf(prerequisiteProblem !== undefined)('bench faults on the test plant', () => {
  it('shows a paused Redis, sees it recover, loses no tick, counts a killed writer', async () => {
    const paused = serverFaults('redis').find((kind) => kind.name.includes('paused'))!;
    const results = await measureFaults({ kinds: [paused], repeats: 1, writerKills: 1 });
    expect(results.map((result) => result.fault)).toEqual([
      paused.name,
      'core killed (SIGKILL) mid-write, archive reopened',
    ]);
    const [fault, writer] = results;
    expect(Number.isFinite(fault!.detectMs)).toBe(true);
    expect(Number.isFinite(fault!.recoverMs)).toBe(true);
    expect(fault!.ticksLost).toBe(0);
    expect(fault!.crashes).toBe(0);
    expect(Number.isFinite(writer!.recoverMs)).toBe(true);
    expect(writer!.ticksLost).toBe(0);
    expect(summarizeFaults(results)).toHaveLength(2);
    for (const row of faultRows(results)) expect(Number.isFinite(row.value), row.figure).toBe(true);
  }, 180_000);
});
