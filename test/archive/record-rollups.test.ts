// recordRollups stores history older than the raw window (bundles and the bench bring it that
// way); trend queries must read it exactly as rollups made by maintain().
import { describe, expect, it } from 'vitest';
import type { Aggregate } from '../../electron/archive';
import { HOUR_MS, temporaryArchive } from './helpers';

const CHUNK_START_MS = Date.parse('2026-03-01T00:00:00Z');
const MINUTE_MS = 60_000;

function bucket(min: number, max: number, count: number): Aggregate {
  return { count, nulls: 0, nullKind: null, min, max, sum: ((min + max) / 2) * count };
}

describe('recordRollups', () => {
  it('stores 1 min chunks that trend queries answer from, gaps included', () => {
    const archive = temporaryArchive();
    const buckets = Array.from({ length: 60 }, (_, minute) =>
      minute === 30 || minute === 31 ? undefined : bucket(minute, minute + 10, 12),
    );
    const series = { tier: '1m' as const, node: 'vk01', subject: 'host', metric: 'load1' };
    const chunk = { ...series, startMs: CHUNK_START_MS, buckets };
    expect(archive.recordRollups([chunk], CHUNK_START_MS + HOUR_MS)).toBe(1);
    const trend = archive.trend({
      series: 'vk01|host|load1',
      from: CHUNK_START_MS,
      to: CHUNK_START_MS + HOUR_MS - 1, // the range includes its end
      points: 30, // two minutes a bucket
    });
    expect(trend.resolution).toBe('1m');
    expect(trend.buckets).toHaveLength(30);
    // Minutes 4 and 5: means 9 and 10 over 12 samples each.
    expect(trend.buckets[2]).toMatchObject({ min: 4, max: 15, mean: 9.5, count: 24 });
    expect(trend.buckets[15]).toMatchObject({ min: null, mean: null, max: null, count: 0 });
    expect(trend.buckets[29]?.startMs).toBe(CHUNK_START_MS + 58 * MINUTE_MS);
    archive.close();
  });

  it('refuses a chunk that is not aligned to its tier, and writes nothing of the batch', () => {
    const archive = temporaryArchive();
    const good = {
      tier: '1m' as const,
      node: 'vk01',
      subject: 'host',
      metric: 'load1',
      startMs: CHUNK_START_MS,
      buckets: [bucket(1, 2, 3)],
    };
    const misaligned = { ...good, startMs: CHUNK_START_MS + MINUTE_MS };
    expect(() => archive.recordRollups([good, misaligned])).toThrow(/not a 1m chunk/);
    expect(archive.listSeries()).toHaveLength(0);
    archive.close();
  });
});
