// The archive part of the contract: requests and pushed events, merged into contract.ts.
// Handlers live in electron/core/handlers-archive.ts. docs/review.md describes them.
//
// While a review session is open (requests-review.ts) these requests answer from the session's
// archive as of its cursor; otherwise from the live archive the core records into.
import { z } from 'zod';
import { missingKinds } from '../snapshot';
import { isoTime, noArgs, type RequestSpec } from './spec';

/** Most series one trend query may name. */
export const MAX_TREND_SERIES = 64;
/** Most buckets one trend query may ask for per series. */
export const MAX_TREND_POINTS = 2000;
export const DEFAULT_TREND_POINTS = 600;
/**
 * Most buckets one answer carries over all its series, so it stays under the 1 MiB message
 * limit (a bucket is about 130 bytes of JSON): more series get fewer points each.
 */
export const MAX_TREND_BUCKETS = 6000;
/** Longest bundle path the bundle requests take. */
export const MAX_BUNDLE_PATH_CHARS = 4096;
/** Most containers one growth query returns. */
export const MAX_GROWTH_LIMIT = 50;

const shortText = z.string().min(1).max(200);

export const archiveRangeSchema = z.object({ firstAt: isoTime, lastAt: isoTime }).nullable();

export const seriesInfoSchema = z.object({
  /** `vk01|container:visionking-visualizer|memoryBytes`. */
  key: z.string(),
  node: z.string(),
  /** `host`, `disk:/`, `gpu:0`, `container:NAME`, `database:NAME`, ... */
  subject: z.string(),
  /** The subject's kind: `host`, `disk`, `gpu`, `container`, ... */
  kind: z.string(),
  metric: z.string(),
});
export type SeriesInfoView = z.infer<typeof seriesInfoSchema>;

/** Why a sample was null: the snapshot's reason kinds, plus `unknown`. */
export const nullKindSchema = z.enum([...missingKinds, 'unknown']);

export const trendBucketSchema = z.object({
  startMs: z.number(),
  endMs: z.number(),
  /** Null when the bucket holds no number (a gap), never 0. */
  min: z.number().nullable(),
  mean: z.number().nullable(),
  max: z.number().nullable(),
  /** Samples with a number. */
  count: z.number().int().nonnegative(),
  /** Samples that were null, and the reason of the latest of them. */
  nulls: z.number().int().nonnegative(),
  nullKind: nullKindSchema.nullable(),
});

export const trendSchema = z.object({
  series: z.string(),
  /** The stored resolution the buckets were built from. */
  resolution: z.enum(['raw', '1m', '15m']),
  bucketMs: z.number().positive(),
  buckets: z.array(trendBucketSchema),
});
export type TrendView = z.infer<typeof trendSchema>;

export const growthSchema = z.object({
  series: z.string(),
  container: z.string(),
  /** Start of the range's first and last buckets that hold numbers, and their means. */
  firstAt: isoTime,
  lastAt: isoTime,
  firstMemoryBytes: z.number(),
  lastMemoryBytes: z.number(),
  growthBytes: z.number(),
  /** Null when the first and last buckets are the same one (no time passed between them). */
  growthBytesPerHour: z.number().nullable(),
});
export type GrowthView = z.infer<typeof growthSchema>;

export const archiveRequests = {
  'archive.range': {
    summary: 'First and last moment the archive (or the open review) holds; null when empty.',
    args: noArgs,
    result: archiveRangeSchema,
  },
  'series.list': {
    summary: 'The archived series, optionally only of one node, subject kind or metric.',
    args: z.object({ node: shortText, kind: shortText, metric: shortText }).partial().strict(),
    result: z.array(seriesInfoSchema),
  },
  'trend.query': {
    summary: 'Min/mean/max buckets of up to 64 series over a range; nulls stay gaps.',
    args: z
      .object({
        series: z.array(z.string().min(1).max(500)).min(1).max(MAX_TREND_SERIES),
        from: isoTime,
        to: isoTime,
        points: z.number().int().min(1).max(MAX_TREND_POINTS).default(DEFAULT_TREND_POINTS),
      })
      .strict(),
    result: z.array(trendSchema),
  },
  'trend.topGrowth': {
    summary: "A node's containers by memory growth over a range, fastest first (bytes/h).",
    args: z
      .object({
        node: shortText,
        from: isoTime,
        to: isoTime,
        limit: z.number().int().min(1).max(MAX_GROWTH_LIMIT).default(10),
      })
      .strict(),
    result: z.array(growthSchema),
  },
  'bundle.export': {
    summary: 'Writes a range of the archive (or of the open review) to a new bundle file.',
    args: z
      .object({ from: isoTime, to: isoTime, path: z.string().min(1).max(MAX_BUNDLE_PATH_CHARS) })
      .strict(),
    result: z.object({
      path: z.string(),
      bytes: z.number().int().nonnegative(),
      records: z.number().int().nonnegative(),
      fromAt: isoTime,
      toAt: isoTime,
    }),
  },
  'bundle.import': {
    summary: 'Checks a bundle and imports it into a new archive directory under the data folder.',
    args: z.object({ path: z.string().min(1).max(MAX_BUNDLE_PATH_CHARS) }).strict(),
    result: z.object({
      /** The new archive directory; `review.open` takes it. */
      directory: z.string(),
      bytes: z.number().int().nonnegative(),
      records: z.number().int().nonnegative(),
      range: archiveRangeSchema,
    }),
  },
} as const satisfies Record<string, RequestSpec>;

export const archiveEvents = {
  /** Progress of `bundle.export` / `bundle.import`: records done (of total when known), bytes. */
  'bundle.progress': z.object({
    operation: z.enum(['export', 'import']),
    path: z.string(),
    phase: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    bytes: z.number().nonnegative(),
  }),
} as const satisfies Record<string, z.ZodType>;
