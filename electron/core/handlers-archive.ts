// Handlers for the archive requests of the contract (shared/api/requests-archive.ts). They read
// the open review session as of its cursor when there is one (docs/review.md: a reviewer's
// charts then show the reviewed plant, never a mix), else the live archive the core records.
import {
  MAX_TREND_BUCKETS,
  type archiveRequests,
  type GrowthView,
  type TrendView,
} from '../../shared/api/requests-archive';
import type { Growth, SeriesFilter, Trend, TrendsQuery, GrowthQuery } from '../archive';
import { subjectKindOf } from '../archive/series';
import type { SeriesInfo } from '../archive';
import type { Archive } from '../archive';
import { exportRange, importToDataDirectory, type BundleProgress } from '../review/bundles';
import type { HandlerContext } from './core';
import { answering, currentReview, isoRange } from './handlers-review';
import { CoreError, type Handlers } from './router';

const HOUR_MS = 3_600_000;

/** What the archive requests read: the review (as of its cursor) or the live archive. */
interface ArchiveReader {
  range(): { firstMs: number; lastMs: number } | null;
  listSeries(filter: SeriesFilter): SeriesInfo[];
  trends(query: TrendsQuery): Trend[];
  topGrowth(query: GrowthQuery): Growth[];
}

function reader(context: HandlerContext): ArchiveReader | null {
  const session = currentReview(context);
  if (session) {
    return {
      range: () => session.rangeAsOfCursor(),
      listSeries: (filter) => session.listSeries(filter),
      trends: (query) => session.trends(query),
      topGrowth: (query) => session.topGrowth(query),
    };
  }
  return context.options.archive ?? null;
}

function requireReader(context: HandlerContext): ArchiveReader {
  const found = reader(context);
  if (!found) {
    throw new CoreError('UNAVAILABLE', 'this core keeps no archive and no review is open');
  }
  return found;
}

export function archiveHandlers(
  context: HandlerContext,
): Pick<Handlers, keyof typeof archiveRequests> {
  return {
    'archive.range': () => isoRange(reader(context)?.range() ?? null),
    'series.list': (filter) =>
      (reader(context)?.listSeries(filter) ?? []).map((info) => ({
        key: info.key,
        node: info.node,
        subject: info.subject,
        kind: subjectKindOf(info.subject) ?? info.subject,
        metric: info.metric,
      })),
    'trend.query': ({ series, from, to, points }) =>
      answering(() => {
        // The answer must fit one message: more series get fewer buckets each.
        const perSeries = Math.max(1, Math.floor(MAX_TREND_BUCKETS / series.length));
        const trends = requireReader(context).trends({
          series,
          from,
          to,
          points: Math.min(points, perSeries),
        });
        return trends.map(trendView);
      }),
    'trend.topGrowth': ({ node, from, to, limit }) =>
      answering(() => {
        const all = requireReader(context).topGrowth({ node, from, to, limit: Infinity });
        return all
          .map(growthView)
          .sort(
            (left, right) =>
              (right.growthBytesPerHour ?? -Infinity) - (left.growthBytesPerHour ?? -Infinity),
          )
          .slice(0, limit);
      }),
    'bundle.export': ({ from, to, path }) =>
      answering(() =>
        exportRange(exportSource(context), { from, to, path }, progressOf(context, 'export', path)),
      ),
    'bundle.import': ({ path }) =>
      answering(() => importToDataDirectory(path, progressOf(context, 'import', path))),
  };
}

/** What an export reads: the open review's archive, else the live one. */
function exportSource(context: HandlerContext): Archive {
  const session = currentReview(context);
  // A bundle reads the database file alone; the read-only handle is never written through.
  const archive = session ? (session.archive as Archive) : context.options.archive;
  if (!archive) throw new CoreError('UNAVAILABLE', 'this core keeps no archive to export from');
  return archive;
}

function progressOf(context: HandlerContext, operation: 'export' | 'import', path: string) {
  return (progress: BundleProgress) =>
    context.broadcast('bundle.progress', {
      operation,
      path,
      phase: progress.phase,
      done: progress.done,
      total: progress.total,
      bytes: progress.bytes,
    });
}

function trendView(trend: Trend): TrendView {
  return {
    series: trend.series.key,
    resolution: trend.resolution,
    bucketMs: trend.bucketMs,
    buckets: trend.buckets,
  };
}

function growthView(growth: Growth): GrowthView {
  const hours = (growth.lastAtMs - growth.firstAtMs) / HOUR_MS;
  return {
    series: growth.series.key,
    container: growth.container,
    firstAt: new Date(growth.firstAtMs).toISOString(),
    lastAt: new Date(growth.lastAtMs).toISOString(),
    firstMemoryBytes: growth.firstMean,
    lastMemoryBytes: growth.lastMean,
    growthBytes: growth.growth,
    growthBytesPerHour: hours > 0 ? growth.growth / hours : null,
  };
}
