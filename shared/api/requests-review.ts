// The review part of the contract: offline review sessions over a bundle or an archive directory,
// a cursor moved through time, and the comparison of two moments. Merged into contract.ts;
// handlers live in electron/core/handlers-review.ts. docs/review.md describes them.
import { z } from 'zod';
import { channelErrorSchema } from '../snapshot';
import { isoTime, noArgs, type RequestSpec } from './spec';
import { archiveRangeSchema } from './requests-archive';
import { MAX_NODE_ID_CHARS, snapshotNodePartSchema, snapshotTickSchema } from './requests-snapshot';

/** Longest path `review.open` takes. */
export const MAX_PATH_CHARS = 4096;

/**
 * The fleet a review shows. Role and host are null when the archive does not say (an archive
 * recorded before the core noted its fleet); they are never guessed.
 */
export const reviewFleetSchema = z.object({
  deployment: z.string().nullable(),
  nodes: z.array(
    z.object({
      id: z.string(),
      role: z.enum(['processing', 'dashboard']).nullable(),
      host: z.string().nullable(),
    }),
  ),
});
export type ReviewFleet = z.infer<typeof reviewFleetSchema>;

export const reviewOpenedSchema = z.object({
  sessionId: z.string(),
  /** What the session holds; the cursor starts at `range.lastAt`. */
  range: archiveRangeSchema,
  fleet: reviewFleetSchema,
  source: z.enum(['archive', 'bundle']),
});

/** A channel's health as of the cursor, from the archived health changes. */
export const channelHealthAsOfSchema = z.object({
  state: z.enum(['unknown', 'up', 'degraded', 'down']),
  since: isoTime,
  lastError: channelErrorSchema.nullable(),
});

export const findingViewSchema = z.object({
  id: z.number().int(),
  rule: z.string(),
  node: z.string().nullable(),
  subject: z.string().nullable(),
  openedAt: isoTime,
  closedAt: isoTime.nullable(),
  body: z.unknown(),
});
export type FindingView = z.infer<typeof findingViewSchema>;

/** Where a node's numbers in the view come from. */
export const valuesSourceSchema = z.object({
  /** `raw`: the node's latest tick at or before the cursor; `1m` / `15m`: the mean of the
   * rollup bucket holding the cursor (its raw samples are past retention). */
  resolution: z.enum(['raw', '1m', '15m']),
  fromAt: isoTime,
  toAt: isoTime,
});

export const reviewViewSchema = z.object({
  /** The cursor. */
  at: isoTime,
  /** The fleet's snapshot as of the cursor, rebuilt from stored documents and samples, without
   * its nodes (each one: `review.node`, as the live `snapshot.latest` / `snapshot.node`, so no
   * message grows with the fleet); null when the archive holds nothing at or before the cursor. */
  tick: snapshotTickSchema.nullable(),
  /** Per node: where its numbers come from. */
  values: z.record(z.string(), valuesSourceSchema),
  health: z.object({
    nodes: z.record(z.string(), z.record(z.string(), channelHealthAsOfSchema)),
    verdict: z.object({ kind: z.string(), message: z.string() }).nullable(),
  }),
  /** Findings open at the cursor. */
  findings: z.array(findingViewSchema),
});
export type ReviewView = z.infer<typeof reviewViewSchema>;

const deltaFields = <Name extends string>(name: Name) =>
  ({
    [`${name}From`]: z.number().nullable(),
    [`${name}To`]: z.number().nullable(),
    [`${name}Delta`]: z.number().nullable(),
  }) as Record<`${Name}${'From' | 'To' | 'Delta'}`, z.ZodNullable<z.ZodNumber>>;

/** Field -> why it is null (a side without a reading). */
const missingSchema = z.record(z.string(), z.string());

const containerRefSchema = z.object({
  name: z.string(),
  image: z.string(),
  tag: z.string().nullable(),
});

export const nodeDiffSchema = z.object({
  node: z.string(),
  /** Null when both moments have the node's container list; else why a side has none. */
  containerListMissing: z.string().nullable(),
  containersAdded: z.array(containerRefSchema),
  containersRemoved: z.array(containerRefSchema),
  /** The restart count went up, or the container started again (`docker restart` resets the
   * count, so startedAt is what tells). */
  containersRestarted: z.array(
    z.object({
      name: z.string(),
      restartCountFrom: z.number().nullable(),
      restartCountTo: z.number().nullable(),
      startedAtFrom: isoTime.nullable(),
      startedAtTo: isoTime.nullable(),
    }),
  ),
  imageChanges: z.array(
    z.object({
      name: z.string(),
      imageFrom: z.string(),
      tagFrom: z.string().nullable(),
      imageTo: z.string(),
      tagTo: z.string().nullable(),
    }),
  ),
  /** Containers present at both moments. */
  containers: z.array(
    z.object({
      name: z.string(),
      ...deltaFields('memoryBytes'),
      ...deltaFields('sizeRwBytes'),
      missing: missingSchema,
    }),
  ),
  host: z.object({
    ...deltaFields('memAvailableBytes'),
    ...deltaFields('memUsedBytes'),
    missing: missingSchema,
  }),
  disks: z.array(
    z.object({
      mount: z.string(),
      ...deltaFields('usedBytes'),
      ...deltaFields('usedPct'),
      missing: missingSchema,
    }),
  ),
});
export type NodeDiff = z.infer<typeof nodeDiffSchema>;

export const momentDiffSchema = z.object({
  from: isoTime,
  to: isoTime,
  nodes: z.array(nodeDiffSchema),
  /** Opened after `from`, at or before `to`. */
  findingsOpened: z.array(findingViewSchema),
  /** Closed after `from`, at or before `to`. */
  findingsClosed: z.array(findingViewSchema),
});
export type MomentDiff = z.infer<typeof momentDiffSchema>;

export const reviewRequests = {
  'review.open': {
    summary: 'Opens a bundle file or an archive directory read-only as the review session.',
    args: z.object({ path: z.string().min(1).max(MAX_PATH_CHARS) }).strict(),
    result: reviewOpenedSchema,
  },
  'review.close': {
    summary: 'Closes the review session; archive requests answer from the live archive again.',
    args: noArgs,
    result: z.object({ closed: z.boolean() }),
  },
  'review.seek': {
    summary:
      'Moves the review cursor and answers the fleet (its nodes: review.node), health and ' +
      'findings as of then.',
    args: z.object({ at: isoTime }).strict(),
    result: reviewViewSchema,
  },
  'review.node': {
    summary:
      'One node of the fleet as of a moment of the review (review.seek names them), log lines ' +
      'cut as in snapshot.node.',
    args: z.object({ at: isoTime, node: z.string().min(1).max(MAX_NODE_ID_CHARS) }).strict(),
    result: snapshotNodePartSchema,
  },
  'review.diff': {
    summary: 'Compares two moments of the review: containers, images, memory, disks, findings.',
    args: z.object({ from: isoTime, to: isoTime }).strict(),
    result: momentDiffSchema,
  },
} as const satisfies Record<string, RequestSpec>;

export const reviewEvents = {
  /** Progress of `review.open` on a bundle (reading and checking it into a temporary archive). */
  'review.progress': z.object({
    path: z.string(),
    phase: z.string(),
    doneBytes: z.number().nonnegative().nullable(),
    totalBytes: z.number().nonnegative().nullable(),
  }),
} as const satisfies Record<string, z.ZodType>;
