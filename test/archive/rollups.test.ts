// Rollups are exact summaries of the raw samples: for random series with nulls and gaps, the
// stored one-minute and fifteen-minute buckets, and trends read at every resolution, equal what
// is computed directly from the raw samples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nullKinds, type Archive, type Resolution, type Trend } from '../../electron/archive';
import { ChunkStore } from '../../electron/archive/chunks';
import { rollupTiers } from '../../electron/archive/tiers';
import {
  closeTo,
  referenceBuckets,
  sample,
  temporaryArchive,
  type RawPoint,
  type ReferenceBucket,
} from './helpers';

const START_MS = Date.parse('2026-03-01T00:00:00Z');
const SERIES = ['host|load1', 'container:keydb|memoryBytes', 'gpu:0|temperatureC'];

const pointValue = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -1_000_000, max: 20_000_000_000 }) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0, max: 100_000 }).map((hundredths) => hundredths / 100),
  },
  {
    weight: 1,
    arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  },
);

/** A series: ticks at a random cadence, some dropped, some null with a random reason. */
const history = fc
  .record({
    intervalMs: fc.constantFrom(5_000, 15_000, 60_000, 97_000, 180_000),
    ticks: fc.integer({ min: 20, max: 1_000 }),
    seed: fc.array(
      fc.record({
        value: pointValue,
        isNull: fc.boolean(),
        dropped: fc.integer({ min: 0, max: 9 }),
        kind: fc.constantFrom(...nullKinds),
      }),
      { minLength: 50, maxLength: 50 },
    ),
  })
  .map(({ intervalMs, ticks, seed }) => {
    const points: RawPoint[][] = SERIES.map(() => []);
    for (let tick = 0; tick < ticks; tick++) {
      SERIES.forEach((_, index) => {
        const draw = seed[(tick * 7 + index * 13) % seed.length]!;
        // No sample at this tick: a gap, not a null. The first tick names every series.
        if (draw.dropped === 0 && tick > 0) return;
        const isNull = draw.isNull && (tick + index) % 3 === 0;
        const atMs = START_MS + tick * intervalMs;
        points[index]!.push({
          atMs,
          value: isNull ? null : draw.value,
          nullKind: isNull ? draw.kind : null,
        });
      });
    }
    return points;
  });

function ingest(archive: Archive, points: RawPoint[][]): void {
  const byTime = new Map<number, ReturnType<typeof sample>[]>();
  SERIES.forEach((name, index) => {
    const [subject, metric] = name.split('|') as [string, string];
    for (const point of points[index]!) {
      const list = byTime.get(point.atMs) ?? [];
      list.push(sample(subject, metric, point));
      byTime.set(point.atMs, list);
    }
  });
  for (const atMs of [...byTime.keys()].sort((left, right) => left - right)) {
    expect(archive.recordSamples(atMs, { vk01: byTime.get(atMs)! }).ok).toBe(true);
  }
  while (!archive.maintain({ budgetMs: 1_000 }).idle);
}

function expectSame(actual: ReferenceBucket | undefined, expected: ReferenceBucket | undefined) {
  const empty = (bucket?: ReferenceBucket) => !bucket || bucket.count + bucket.nulls === 0;
  if (empty(expected)) return expect(empty(actual)).toBe(true);
  const exact = ({ startMs, count, nulls, nullKind, min, max }: ReferenceBucket) => {
    return { startMs, count, nulls, nullKind, min, max };
  };
  expect(exact(actual!)).toEqual(exact(expected!));
  expect(closeTo(actual!.sum, expected!.sum)).toBe(true);
}

/** Stored buckets of every fully rolled-up chunk, read with the archive's own chunk reader. */
function storedBuckets(archive: Archive, tierIndex: number, seriesKey: string) {
  const tier = rollupTiers[tierIndex]!;
  const internals = archive as unknown as { chunks: ChunkStore };
  const id = archive.listSeries().find((info) => info.key === seriesKey)!.id;
  const buckets = new Map<number, ReferenceBucket>();
  internals.chunks.readSeries(tier, id, 0, Number.MAX_SAFE_INTEGER, (_, atMs, bucket) => {
    buckets.set(atMs, { startMs: atMs, ...bucket });
  });
  return buckets;
}

describe('rollups', () => {
  it('store exactly the buckets computed from the raw samples, at 1 min and 15 min', () => {
    const tiersSeen = new Set<string>();
    fc.assert(
      fc.property(history, (points) => {
        const archive = temporaryArchive();
        ingest(archive, points);
        SERIES.forEach((name, index) => {
          rollupTiers.forEach((tier, tierIndex) => {
            const stored = storedBuckets(archive, tierIndex, `vk01|${name}`);
            if (stored.size > 0) tiersSeen.add(tier.name);
            const expected = referenceBuckets(
              points[index]!,
              0,
              tier.bucketMs,
              lastChunkEnd(points, tier.chunkMs),
            );
            for (const startMs of new Set([...stored.keys(), ...expected.keys()])) {
              expectSame(stored.get(startMs), expected.get(startMs));
            }
          });
        });
        archive.close();
      }),
      { numRuns: 30 },
    );
    expect([...tiersSeen].sort()).toEqual(['15m', '1m']);
  });

  it('give trends at every resolution equal to buckets computed from the raw samples', () => {
    const query = fc.record({
      points: fc.integer({ min: 1, max: 700 }),
      fromFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      lengthFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    const resolutionsSeen = new Set<string>();
    fc.assert(
      fc.property(history, query, (points, { points: wanted, fromFraction, lengthFraction }) => {
        const archive = temporaryArchive();
        ingest(archive, points);
        const range = archive.range()!;
        const fromMs = range.firstMs + Math.floor((range.lastMs - range.firstMs) * fromFraction);
        const toMs = fromMs + Math.floor((range.lastMs - fromMs) * lengthFraction);
        const spanMs = range.lastMs - range.firstMs;
        // The random query, and the whole range at exactly one 15 min and one 1 min bucket
        // per point, so every resolution is checked.
        const queries = [
          { fromMs, toMs, wanted },
          ...[15 * 60_000, 60_000]
            .filter((stepMs) => spanMs >= stepMs)
            .map((stepMs) => ({ ...range, fromMs: range.firstMs, toMs: range.lastMs, stepMs }))
            .map((whole) => ({ ...whole, wanted: Math.floor(spanMs / whole.stepMs) })),
        ];
        for (const each of queries) {
          SERIES.forEach((name, index) => {
            const trend = archive.trend({
              series: `vk01|${name}`,
              from: each.fromMs,
              to: each.toMs,
              points: each.wanted,
            });
            resolutionsSeen.add(trend.resolution);
            expectTrendMatches(trend, points[index]!, each.toMs, each.wanted);
          });
        }
        archive.close();
      }),
      { numRuns: 30 },
    );
    expect([...resolutionsSeen].sort()).toEqual(['15m', '1m', 'raw']);
  });
});

function expectTrendMatches(trend: Trend, points: RawPoint[], toMs: number, wanted: number) {
  expect(trend.buckets.length).toBeLessThanOrEqual(wanted);
  const stepMs = stepOf(trend.resolution);
  const limitMs = Math.floor(toMs / stepMs) * stepMs + stepMs;
  const startMs = trend.buckets[0]!.startMs;
  const expected = referenceBuckets(points, startMs, trend.bucketMs, limitMs);
  for (const bucket of trend.buckets) {
    const sum = bucket.mean === null ? null : bucket.mean * bucket.count;
    expectSame({ ...bucket, sum }, expected.get(bucket.startMs));
  }
}

function stepOf(resolution: Resolution): number {
  if (resolution === 'raw') return 5_000;
  return rollupTiers.find((tier) => tier.name === resolution)!.bucketMs;
}

/** Rollups cover whole chunks up to the newest sample; later buckets are not stored yet. */
function lastChunkEnd(points: RawPoint[][], chunkMs: number): number {
  const latestMs = Math.max(...points.flat().map((point) => point.atMs));
  return Math.floor(latestMs / chunkMs) * chunkMs;
}

describe('a late tick', () => {
  it('makes its hour roll up again', () => {
    const archive = temporaryArchive();
    const lateMs = START_MS + 90 * 60_000;
    const tick = (atMs: number) =>
      archive.recordSamples(atMs, {
        vk01: [{ subject: 'host', metric: 'load1', value: 1, nullKind: null }],
      });
    for (let atMs = START_MS; atMs <= START_MS + 8 * 3_600_000; atMs += 60_000) {
      if (atMs !== lateMs) tick(atMs);
    }
    while (!archive.maintain({ budgetMs: 1_000 }).idle);
    const minute = () => storedBuckets(archive, 0, 'vk01|host|load1').get(lateMs);
    const quarter = () => storedBuckets(archive, 1, 'vk01|host|load1').get(lateMs);
    expect(minute()).toBeUndefined();
    expect(quarter()?.count).toBe(14);
    expect(tick(lateMs).ok).toBe(true);
    while (!archive.maintain({ budgetMs: 1_000 }).idle);
    expect(minute()?.count).toBe(1);
    expect(quarter()?.count).toBe(15);
  });
});
