import { describe, expect, it } from 'vitest';
import {
  appendSample,
  largestContainers,
  sampleOf,
  seriesKey,
  seriesValues,
} from '../../../renderer/state/history';
import { container, gpu, nodeSnapshot, snapshot, GIBIBYTE } from '../snapshot-factory';

describe('the page history', () => {
  const at = (minute: number) => `2026-02-18T21:${String(minute).padStart(2, '0')}:00-03:00`;

  it('samples container memory and GPU readings, null kept as null', () => {
    const sample = sampleOf(
      snapshot(at(30), {
        vk01: nodeSnapshot({ containers: [container('keydb')], gpus: [gpu(0, null)] }),
      }),
    );
    expect(sample.values[seriesKey('vk01', 'container.memoryBytes', 'keydb')]).toBe(GIBIBYTE);
    expect(sample.values[seriesKey('vk01', 'container.cpuPct', 'keydb')]).toBeNull();
    expect(sample.values[seriesKey('vk01', 'gpu.temperatureC', '0')]).toBeNull();
    expect(sample.values[seriesKey('vk01', 'gpu.utilizationPct', '0')]).toBe(40);
  });

  it('keeps the newest samples, replacing one of the same moment', () => {
    let history = appendSample([], { takenAt: at(1), values: { k: 1 } }, 2);
    history = appendSample(history, { takenAt: at(2), values: { k: 2 } }, 2);
    history = appendSample(history, { takenAt: at(2), values: { k: 3 } }, 2);
    history = appendSample(history, { takenAt: at(3), values: {} }, 2);
    expect(seriesValues(history, 'k')).toEqual([
      { at: at(2), value: 3 },
      { at: at(3), value: null },
    ]);
  });

  it('remembers the largest containers of a node while it cannot be read', () => {
    const big = { ...container('database-server'), memoryBytes: 16 * GIBIBYTE };
    const listed = sampleOf(
      snapshot(at(1), { vk01: nodeSnapshot({ containers: [container('keydb'), big] }) }),
    );
    const dark = sampleOf(snapshot(at(2), { vk01: nodeSnapshot({ containers: null }) }));
    expect(largestContainers([listed, dark], 'vk01', 1)).toEqual(['database-server']);
    expect(largestContainers([listed, dark], 'vk02', 5)).toEqual([]);
  });
});
