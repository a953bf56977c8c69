// Trend queries pick the coarsest resolution that still gives the points asked for, never
// return more, keep spikes in their min/max envelope and leave gaps as gaps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchiveQueryError, type Archive } from '../../electron/archive';
import { HOUR_MS, temporaryArchive } from './helpers';

const START_MS = Date.parse('2026-03-01T00:00:00Z');
const DAY_MS = 24 * HOUR_MS;
const END_MS = START_MS + 3 * DAY_MS;
const TICK_MS = 30_000;
const SPIKE_MS = START_MS + 40 * HOUR_MS + 17 * TICK_MS;
const GAP = { fromMs: START_MS + 50 * HOUR_MS, toMs: START_MS + 52 * HOUR_MS };
const MIB = 1024 * 1024;

/** Three containers growing at 0, 1 and 5 MiB an hour, a CPU spike, a two-hour gap. */
function fill(archive: Archive): void {
  for (let atMs = START_MS; atMs <= END_MS; atMs += TICK_MS) {
    if (atMs >= GAP.fromMs && atMs < GAP.toMs) continue;
    const hours = (atMs - START_MS) / HOUR_MS;
    const memory = (name: string, perHour: number) => ({
      subject: `container:${name}`,
      metric: 'memoryBytes',
      value: Math.round(100 * MIB + perHour * MIB * hours),
      nullKind: null,
    });
    archive.recordSamples(atMs, {
      vk02: [
        memory('keydb', 0),
        memory('visionking-visualizer', 5),
        memory('visionking-result', 1),
        {
          subject: 'container:keydb',
          metric: 'cpuPct',
          value: atMs === SPIKE_MS ? 950 : 2.5,
          nullKind: null,
        },
      ],
    });
  }
  while (!archive.maintain({ budgetMs: 1_000 }).idle);
}

function filled(): Archive {
  const archive = temporaryArchive();
  fill(archive);
  return archive;
}

describe('trend', () => {
  it.each([
    ['raw', HOUR_MS],
    ['1m', 12 * HOUR_MS],
    ['1m', 3 * DAY_MS],
    ['15m', 7 * DAY_MS],
  ])('answers from %s for a range of %d ms at 600 points', (resolution, spanMs) => {
    const archive = filled();
    const trend = archive.trend({
      series: 'vk02|container:keydb|memoryBytes',
      from: END_MS - spanMs,
      to: END_MS,
    });
    expect(trend.resolution).toBe(resolution);
    expect(trend.buckets.length).toBeLessThanOrEqual(600);
    expect(trend.buckets.length).toBeGreaterThan(300);
  });

  it('never returns more buckets than points, whatever the range', () => {
    const archive = filled();
    fc.assert(
      fc.property(
        fc.integer({ min: START_MS - DAY_MS, max: END_MS + DAY_MS }),
        fc.integer({ min: 0, max: 30 * DAY_MS }),
        fc.integer({ min: 1, max: 2_000 }),
        (fromMs, spanMs, points) => {
          const trend = archive.trend({
            series: 'vk02|container:keydb|cpuPct',
            from: fromMs,
            to: fromMs + spanMs,
            points,
          });
          expect(trend.buckets.length).toBeLessThanOrEqual(points);
          expect(trend.buckets[0]!.startMs).toBeLessThanOrEqual(fromMs);
          expect(trend.buckets.at(-1)!.endMs).toBeGreaterThan(fromMs + spanMs);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps a one-sample spike in the max of its bucket at every zoom', () => {
    const archive = filled();
    for (const points of [2_000, 600, 50, 3]) {
      const trend = archive.trend({
        series: 'vk02|container:keydb|cpuPct',
        from: START_MS,
        to: END_MS,
        points,
      });
      const spike = trend.buckets.find(
        (bucket) => bucket.startMs <= SPIKE_MS && SPIKE_MS < bucket.endMs,
      );
      expect(spike!.max).toBe(950);
      expect(Math.max(...trend.buckets.map((bucket) => bucket.max ?? 0))).toBe(950);
      expect(spike!.min).toBe(2.5);
    }
  });

  it('leaves a stretch without samples as empty buckets, not zeros', () => {
    const archive = filled();
    const trend = archive.trend({
      series: 'vk02|container:keydb|memoryBytes',
      from: GAP.fromMs - HOUR_MS,
      to: GAP.toMs + HOUR_MS,
      points: 240,
    });
    const inGap = trend.buckets.filter(
      (bucket) => bucket.startMs >= GAP.fromMs && bucket.endMs <= GAP.toMs,
    );
    expect(inGap.length).toBeGreaterThan(50);
    for (const bucket of inGap) {
      expect(bucket).toMatchObject({ count: 0, nulls: 0, min: null, mean: null, max: null });
    }
  });

  it('answers several series as it answers each alone', () => {
    const archive = filled();
    const keys = archive.listSeries({ node: 'vk02', kind: 'container', metric: 'memoryBytes' });
    const query = { from: START_MS, to: END_MS, points: 100 };
    const together = archive.trends({ ...query, series: keys.map((info) => info.key) });
    for (const [index, info] of keys.entries()) {
      expect(together[index]).toEqual(archive.trend({ ...query, series: info.id }));
    }
  });

  it('refuses unknown series and reversed ranges', () => {
    const archive = filled();
    expect(() => archive.trend({ series: 'vk09|host|load1', from: 0, to: 1 })).toThrow(
      ArchiveQueryError,
    );
    expect(() => archive.trend({ series: 'vk02|container:keydb|cpuPct', from: 2, to: 1 })).toThrow(
      /from <= to/,
    );
  });
});

describe('topGrowth', () => {
  it('ranks the containers of a node by memory growth over the range', () => {
    const archive = filled();
    const growth = archive.topGrowth({ node: 'vk02', from: START_MS, to: END_MS, limit: 2 });
    expect(growth.map((entry) => entry.container)).toEqual([
      'visionking-visualizer',
      'visionking-result',
    ]);
    // 5 MiB an hour over 72 h, less the width of the first and last buckets averaged away.
    expect(growth[0]!.growth / MIB).toBeGreaterThan(5 * 70);
    expect(growth[0]!.growth / MIB).toBeLessThan(5 * 72);
  });
});

describe('listSeries and range', () => {
  it('filter series by node, kind and metric, and tell the first and last sample', () => {
    const archive = filled();
    expect(archive.listSeries({ metric: 'cpuPct' }).map((info) => info.key)).toEqual([
      'vk02|container:keydb|cpuPct',
    ]);
    expect(archive.listSeries({ kind: 'container' })).toHaveLength(4);
    expect(archive.listSeries({ node: 'vk01' })).toEqual([]);
    expect(archive.range()).toEqual({ firstMs: START_MS, lastMs: END_MS });
  });
});
