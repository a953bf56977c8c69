// Trend queries. A query picks the coarsest resolution that still gives at least `points`
// buckets, reads it, and merges neighbouring buckets until at most `points` are left. Each
// bucket keeps min and max (so a spike survives any zoom) and counts its null samples: a bucket
// without numbers has min / mean / max null, never 0, and says why.
import { addSample, emptyAggregate, mergeAggregate, type Aggregate } from './aggregate';
import type { ChunkStore } from './chunks';
import type { NullKind } from './codec';
import type { Dictionary, SeriesInfo } from './dictionary';
import type { RollupProgress } from './progress';
import type { RawStore } from './raw';
import { subjectKindOf } from './series';
import { alignDown, rollupTiers, type Retention, type RollupTierName } from './tiers';

/** A time: a Date, an ISO string, or milliseconds since the epoch. */
export type TimeInput = Date | string | number;

export type Resolution = 'raw' | RollupTierName;

export const DEFAULT_TREND_POINTS = 600;

export interface TrendQuery {
  /** A series key (`vk01|host|load1`) or id. */
  series: string | number;
  from: TimeInput;
  to: TimeInput;
  /** Most buckets returned; default 600. */
  points?: number;
}

export interface TrendsQuery extends Omit<TrendQuery, 'series'> {
  series: readonly (string | number)[];
}

export interface TrendBucket {
  startMs: number;
  endMs: number;
  /** Null when the bucket holds no number (a gap), never 0. */
  min: number | null;
  mean: number | null;
  max: number | null;
  /** Samples with a number. */
  count: number;
  /** Samples that were null. */
  nulls: number;
  /** The reason of the latest null sample in the bucket. */
  nullKind: NullKind | null;
}

export interface Trend {
  series: SeriesInfo;
  /** The stored resolution the buckets were built from. */
  resolution: Resolution;
  /** Width of each returned bucket. */
  bucketMs: number;
  buckets: TrendBucket[];
}

export interface QueryContext {
  dictionary: Dictionary;
  raw: RawStore;
  chunks: ChunkStore;
  progress: RollupProgress;
  retention: Retention;
  /** The raw tier's nominal spacing (the fast tick). */
  tickIntervalMs: number;
  latestMs(): number | null;
}

/** Thrown for a query that cannot be answered as asked (unknown series, bad range). */
export class ArchiveQueryError extends Error {
  override readonly name = 'ArchiveQueryError';
}

interface Level {
  resolution: Resolution;
  bucketMs: number;
  retentionMs: number;
}

interface Grid {
  startMs: number;
  /** Data at or after this time is outside the query. */
  limitMs: number;
  widthMs: number;
  size: number;
  buckets: Map<number, Aggregate[]>;
}

export function toMs(time: TimeInput): number {
  const ms =
    time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw new ArchiveQueryError(`not a time: ${String(time)}`);
  return ms;
}

export function trends(context: QueryContext, query: TrendsQuery): Trend[] {
  const fromMs = toMs(query.from);
  const toMsValue = toMs(query.to);
  const points = query.points ?? DEFAULT_TREND_POINTS;
  if (toMsValue < fromMs) throw new ArchiveQueryError('a trend needs from <= to');
  if (!Number.isInteger(points) || points < 1) {
    throw new ArchiveQueryError(`points must be a positive integer (got ${points})`);
  }
  const series = query.series.map((name) => resolveSeries(context.dictionary, name));
  const levels = levelsOf(context);
  const levelIndex = chooseLevel(levels, fromMs, toMsValue, points, context.latestMs());
  const grid = makeGrid(fromMs, toMsValue, points, levels[levelIndex]!.bucketMs);
  for (const [node, ids] of groupByNode(series)) {
    const nodeId = context.dictionary.knownNodeId(node);
    if (nodeId !== undefined) readLevel(context, grid, levelIndex, nodeId, ids);
  }
  const resolution = levels[levelIndex]!.resolution;
  return series.map((info) => ({
    series: info,
    resolution,
    bucketMs: grid.widthMs,
    buckets: outputBuckets(grid, info.id),
  }));
}

function resolveSeries(dictionary: Dictionary, name: string | number): SeriesInfo {
  const info = typeof name === 'number' ? dictionary.series(name) : dictionary.seriesNamed(name);
  if (!info) throw new ArchiveQueryError(`no series ${String(name)} in the archive`);
  return info;
}

function levelsOf(context: QueryContext): Level[] {
  const raw: Level = {
    resolution: 'raw',
    bucketMs: context.tickIntervalMs,
    retentionMs: context.retention.rawMs,
  };
  const rollups = rollupTiers.map((tier) => ({
    resolution: tier.name,
    bucketMs: tier.bucketMs,
    retentionMs: context.retention[tier.retention],
  }));
  return [raw, ...rollups];
}

/** The coarsest level with at least `points` buckets in the range, or a coarser one that
 * still reaches back to `from`. */
function chooseLevel(
  levels: readonly Level[],
  fromMs: number,
  toMsValue: number,
  points: number,
  latestMs: number | null,
): number {
  const spanMs = toMsValue - fromMs;
  let index = 0;
  for (let candidate = levels.length - 1; candidate > 0; candidate--) {
    if (spanMs / levels[candidate]!.bucketMs >= points) {
      index = candidate;
      break;
    }
  }
  const reaches = (level: Level) => latestMs === null || fromMs >= latestMs - level.retentionMs;
  while (index < levels.length - 1 && !reaches(levels[index]!)) index++;
  return index;
}

/** Buckets of whole `stepMs` covering [from, to], widened so there are at most `points`. */
function makeGrid(fromMs: number, toMsValue: number, points: number, stepMs: number): Grid {
  const startMs = alignDown(fromMs, stepMs);
  const limitMs = alignDown(toMsValue, stepMs) + stepMs;
  const widthMs = Math.ceil((limitMs - startMs) / points / stepMs) * stepMs;
  const size = Math.ceil((limitMs - startMs) / widthMs);
  return { startMs, limitMs, widthMs, size, buckets: new Map() };
}

function bucketAt(grid: Grid, seriesId: number, atMs: number): Aggregate {
  let buckets = grid.buckets.get(seriesId);
  if (!buckets) grid.buckets.set(seriesId, (buckets = []));
  return (buckets[Math.floor((atMs - grid.startMs) / grid.widthMs)] ??= emptyAggregate());
}

/**
 * Fills the grid from a level: its stored buckets up to where it has rolled up, the rest from
 * the next finer level (the newest minutes are still raw samples).
 */
function readLevel(
  context: QueryContext,
  grid: Grid,
  levelIndex: number,
  nodeId: number,
  ids: number[],
  fromMs = grid.startMs,
): void {
  if (levelIndex === 0) {
    context.raw.read(nodeId, fromMs, grid.limitMs, new Set(ids), (id, atMs, value, nullKind) =>
      addSample(bucketAt(grid, id, atMs), value, nullKind),
    );
    return;
  }
  const tier = rollupTiers[levelIndex - 1]!;
  const doneUntilMs = context.progress.get(tier.name, nodeId) ?? fromMs;
  const storedEndMs = Math.min(Math.max(doneUntilMs, fromMs), grid.limitMs);
  for (const id of storedEndMs > fromMs ? ids : []) {
    context.chunks.readSeries(tier, id, fromMs, storedEndMs, (seriesId, atMs, bucket) =>
      mergeAggregate(bucketAt(grid, seriesId, atMs), bucket),
    );
  }
  if (storedEndMs < grid.limitMs)
    readLevel(context, grid, levelIndex - 1, nodeId, ids, storedEndMs);
}

function outputBuckets(grid: Grid, seriesId: number): TrendBucket[] {
  const filled = grid.buckets.get(seriesId) ?? [];
  const buckets: TrendBucket[] = [];
  for (let index = 0; index < grid.size; index++) {
    const startMs = grid.startMs + index * grid.widthMs;
    const aggregate = filled[index] ?? emptyAggregate();
    buckets.push({
      startMs,
      endMs: startMs + grid.widthMs,
      min: aggregate.min,
      mean: aggregate.count > 0 ? (aggregate.sum as number) / aggregate.count : null,
      max: aggregate.max,
      count: aggregate.count,
      nulls: aggregate.nulls,
      nullKind: aggregate.nullKind,
    });
  }
  return buckets;
}

function groupByNode(series: readonly SeriesInfo[]): Map<string, number[]> {
  const byNode = new Map<string, number[]>();
  for (const info of series) {
    const ids = byNode.get(info.node) ?? [];
    if (!ids.includes(info.id)) ids.push(info.id);
    byNode.set(info.node, ids);
  }
  return byNode;
}

export interface SeriesFilter {
  node?: string;
  /** An exact subject: `container:keydb`. */
  subject?: string;
  /** A subject kind: `container`, `gpu`, `host`, ... */
  kind?: string;
  metric?: string;
}

export function listSeries(dictionary: Dictionary, filter: SeriesFilter = {}): SeriesInfo[] {
  return dictionary
    .allSeries()
    .filter(
      (info) =>
        (filter.node === undefined || info.node === filter.node) &&
        (filter.subject === undefined || info.subject === filter.subject) &&
        (filter.kind === undefined || subjectKindOf(info.subject) === filter.kind) &&
        (filter.metric === undefined || info.metric === filter.metric),
    )
    .sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));
}

export interface GrowthQuery {
  node: string;
  /** Default `memoryBytes`. */
  metric?: string;
  from: TimeInput;
  to: TimeInput;
  /** Default 10. */
  limit?: number;
}

export interface Growth {
  series: SeriesInfo;
  /** The container's name. */
  container: string;
  firstAtMs: number;
  firstMean: number;
  lastAtMs: number;
  lastMean: number;
  /** lastMean - firstMean, in the metric's unit. */
  growth: number;
}

/** Buckets a growth query compares: the first and last of this many over the range. */
const GROWTH_POINTS = 60;

/** Containers of a node by growth of a metric: the mean of the range's last bucket with numbers
 * minus that of its first. */
export function topGrowth(context: QueryContext, query: GrowthQuery): Growth[] {
  const metric = query.metric ?? 'memoryBytes';
  const series = listSeries(context.dictionary, { node: query.node, kind: 'container', metric });
  if (series.length === 0) return [];
  const found = trends(context, {
    series: series.map((info) => info.id),
    from: query.from,
    to: query.to,
    points: GROWTH_POINTS,
  });
  return found
    .map((trend) => growthOf(trend))
    .filter((growth): growth is Growth => growth !== null)
    .sort((left, right) => right.growth - left.growth)
    .slice(0, query.limit ?? 10);
}

function growthOf(trend: Trend): Growth | null {
  const withNumbers = trend.buckets.filter((bucket) => bucket.mean !== null);
  const first = withNumbers[0];
  const last = withNumbers.at(-1);
  if (!first || !last) return null;
  return {
    series: trend.series,
    container: trend.series.subject.slice('container:'.length),
    firstAtMs: first.startMs,
    firstMean: first.mean as number,
    lastAtMs: last.startMs,
    lastMean: last.mean as number,
    growth: (last.mean as number) - (first.mean as number),
  };
}
