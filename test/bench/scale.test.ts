// The scale benchmark's machinery with 2 deployments: one fleet of 6 nodes built from two demo
// plants, driven through the served pipeline; the figures present and finite.
import { describe, expect, it } from 'vitest';
import { measureScale, scaledFleet, scaleRows } from '../../electron/bench/scale';

describe('bench scale', () => {
  it('names the nodes of each deployment apart and reads each from its own plant', async () => {
    const { fleet, clock, collector } = scaledFleet(2);
    expect(Object.keys(fleet.nodes)).toEqual([
      'd01-vk01',
      'd01-vk02',
      'd01-vk03',
      'd02-vk01',
      'd02-vk02',
      'd02-vk03',
    ]);
    clock.advance(10 * 60_000);
    const snapshot = await collector.collectOnce();
    await collector.stop();
    expect(snapshot.nodes['d01-vk02']?.containers?.length).toBeGreaterThan(0);
    expect(snapshot.nodes['d02-vk02']?.containers?.length).toBeGreaterThan(0);
  });

  it('measures ticks, CPU, memory, archive growth and request latency', async () => {
    // 12 ticks (an hour at 60x) get past the demo story's SSH outage at its start.
    const run = { warmupTicks: 2, measuredTicks: 12 };
    const ours = await measureScale({ deployments: 2, ...run });
    const baseline = await measureScale({ deployments: 1, ...run });
    expect(ours.nodes).toBe(6);
    expect(ours.containers).toBeGreaterThan(baseline.containers);
    expect(ours.requestProblem).toBeNull();
    for (const value of [
      ours.tickMs.median,
      ours.cpuShare,
      ours.rssBytes,
      ours.archiveBytesPerDay,
      ours.largestSnapshotMessageBytes,
      ours.wholeSnapshotBytes,
      ours.snapshotLatestMs,
      ours.snapshotNodeMs,
      ours.snapshotFleetMs,
      ours.trendQueryMs,
    ]) {
      expect(Number.isFinite(value)).toBe(true);
    }
    expect(ours.archiveBytesPerDay).toBeGreaterThan(0);
    // One node per message: the largest is a fraction of the whole six-node snapshot.
    expect(ours.largestSnapshotMessageBytes).toBeLessThan(ours.wholeSnapshotBytes / 3);
    for (const row of scaleRows(ours, baseline)) {
      expect(Number.isFinite(row.value), row.figure).toBe(true);
      expect(Number.isFinite(row.baseline), row.figure).toBe(true);
    }
  }, 180_000);
});
