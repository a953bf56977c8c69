import { describe, expect, it } from 'vitest';
import type { Point } from '../../../electron/findings/quantities/measured';
import {
  peerRatio,
  presenceDifference,
  versionDrift,
} from '../../../electron/findings/quantities/peers';
import { consecutiveDeltas, setDelta } from '../../../electron/findings/quantities/deltas';

function readings(values: (number | null)[]): Point[] {
  return values.map((value, index) => ({ atMs: index * 60_000, value }));
}

describe('peerRatio', () => {
  it('compares the visualizers: 48 % on vk02 against 8 % on vk01 is 6×', () => {
    const result = peerRatio(readings([8, 7.5, 8.4, null, 8]), readings([48, 49, 47, 300, 48]));
    expect(result.value).toMatchObject({ high: 48, low: 8, ratio: 6, leftIsHigh: false });
  });

  it('is null with a reason when a side has too few readings or reads 0', () => {
    expect(peerRatio(readings([1, null, null]), readings([2, 2, 2])).reason).toMatch(/1 and 3/);
    expect(peerRatio(readings([0, 0, 0]), readings([2, 2, 2])).reason).toMatch(/reads 0/);
  });
});

describe('versionDrift', () => {
  it('groups Compose 2.32.4 / 2.29.7 / 2.31.0 and leaves unknown nodes out', () => {
    const result = versionDrift({ vk02: '2.29.7', vk01: '2.32.4', vk03: '2.31.0', vk04: null });
    expect(result.value!.groups.map((group) => group.version)).toEqual([
      '2.32.4',
      '2.29.7',
      '2.31.0',
    ]);
    expect(result.value!.unknownNodes).toEqual(['vk04']);
  });

  it('finds no drift among equal versions, and needs two nodes that say', () => {
    expect(versionDrift({ vk01: 'c009', vk02: 'c009' }).value!.groups).toHaveLength(1);
    expect(versionDrift({ vk01: 'c009', vk02: null }).reason).toMatch(/1 node/);
  });
});

describe('presenceDifference', () => {
  it('names containers only some nodes run', () => {
    const partial = presenceDifference({
      vk01: ['inference', 'plc-monitor'],
      vk02: ['inference', 'length-measure', 'rc-sis-surface'],
    });
    expect([...partial]).toEqual([
      ['length-measure', ['vk02']],
      ['plc-monitor', ['vk01']],
      ['rc-sis-surface', ['vk02']],
    ]);
  });
});

describe('deltas', () => {
  it('gives change and rate between consecutive readings, skipping nulls', () => {
    const deltas = consecutiveDeltas(readings([1082, null, 1094]));
    expect(deltas).toEqual([
      { fromMs: 0, toMs: 120_000, from: 1082, to: 1094, change: 12, perHour: 360 },
    ]);
  });

  it('says what appeared and what went away', () => {
    expect(setDelta(['a', 'intel-gpu-exporter'], ['a', 'b'])).toEqual({
      added: ['b'],
      removed: ['intel-gpu-exporter'],
    });
  });
});
