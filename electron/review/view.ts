// The fleet as of one moment, from an archive: the snapshot rebuilt from the documents in effect
// and the numbers of each node's latest tick at or before it, the health every channel had
// (its latest archived change), and the findings open then.
import type { Archive, ArchivedFinding, HealthChange, Sample } from '../archive';
import { rollupTiers } from '../archive/tiers';
import { trimLogLines, EVENT_LOG_LINES } from '../core/core';
import type { FindingView, ReviewView } from '../../shared/api/requests-review';
import { splitSnapshot } from '../../shared/api/requests-snapshot';
import { SNAPSHOT_VERSION, type NodeSnapshot, type Snapshot } from '../../shared/snapshot';
import { rebuildNode } from './rebuild';

type ValuesSource = ReviewView['values'][string];

interface NodeValues {
  samples: Sample[];
  source: ValuesSource;
}

/**
 * The view of one moment as the core rebuilds it: the whole snapshot, which `review.seek` answers
 * as its marker (`wireView`) and `review.node` one node at a time, so no message grows with the
 * fleet.
 */
export type RebuiltView = Omit<ReviewView, 'tick'> & { snapshot: Snapshot | null };

export function viewAt(archive: Archive, atMs: number): RebuiltView {
  return {
    at: iso(atMs),
    ...snapshotAt(archive, atMs),
    health: healthAt(archive, atMs),
    findings: findingsOpenAt(archive, atMs),
  };
}

/** The view as `review.seek` answers it: the snapshot's marker instead of its nodes. */
export function wireView(view: RebuiltView): ReviewView {
  const { snapshot, ...rest } = view;
  return { ...rest, tick: snapshot ? splitSnapshot(snapshot).tick : null };
}

/** The rebuilt snapshot (log lines cut as in pushed snapshots) and where its numbers came from. */
export function snapshotAt(
  archive: Archive,
  atMs: number,
): { snapshot: Snapshot | null; values: Record<string, ValuesSource> } {
  const documents = archive.documentsAt(atMs);
  const ticks = archive.samplesAt(atMs);
  const nodes: Record<string, NodeSnapshot> = {};
  const values: Record<string, ValuesSource> = {};
  let takenAtMs: number | null = null;
  for (const node of Object.keys(documents).sort()) {
    const tick = ticks[node];
    const found: NodeValues = tick
      ? {
          samples: tick.samples,
          source: { resolution: 'raw', fromAt: iso(tick.atMs), toAt: iso(tick.atMs) },
        }
      : rolledUpValues(archive, node, atMs);
    const tickAt = tick ? tick.atMs : atMs;
    nodes[node] = rebuildNode({
      documents: documents[node]!,
      samples: found.samples,
      tickAt: iso(tickAt),
    });
    values[node] = found.source;
    takenAtMs = Math.max(takenAtMs ?? tickAt, tickAt);
  }
  const deployment = archive.deploymentName();
  if (takenAtMs === null || deployment === null) return { snapshot: null, values };
  const snapshot: Snapshot = {
    version: SNAPSHOT_VERSION,
    deployment,
    takenAt: iso(takenAtMs),
    nodes,
  };
  return { snapshot: trimLogLines(snapshot, EVENT_LOG_LINES), values };
}

/** Metrics the snapshot format holds as integers. */
const countMetrics = new Set([
  'restartCount',
  'connections',
  'maxConnections',
  'connectedClients',
  'messages',
  'messagesReady',
  'messagesUnacked',
  'consumers',
  'keys',
  'expires',
]);

/**
 * A node whose raw tick of that time is past retention: the mean of the rollup bucket holding
 * the moment, from the finest tier that still has it.
 */
function rolledUpValues(archive: Archive, node: string, atMs: number): NodeValues {
  const series = archive.listSeries({ node });
  const finest = rollupTiers[0]!;
  if (series.length === 0) {
    return { samples: [], source: { resolution: '1m', fromAt: iso(atMs), toAt: iso(atMs) } };
  }
  const trends = archive.trends({
    series: series.map((info) => info.id),
    from: atMs - finest.bucketMs,
    to: atMs,
    points: 1,
  });
  const samples = trends.map((trend) => {
    const bucket = trend.buckets.at(-1);
    const mean = bucket?.mean ?? null;
    // Counts stay whole numbers, as the snapshot format requires of them.
    const value = mean !== null && countMetrics.has(trend.series.metric) ? Math.round(mean) : mean;
    const nullKind = value === null ? (bucket?.nullKind ?? 'unknown') : null;
    return { subject: trend.series.subject, metric: trend.series.metric, value, nullKind };
  });
  const first = trends[0]!;
  const bucket = first.buckets.at(-1);
  const resolution = first.resolution === 'raw' ? '1m' : first.resolution;
  const fromMs = bucket?.startMs ?? atMs;
  return {
    samples,
    source: { resolution, fromAt: iso(fromMs), toAt: iso(bucket?.endMs ?? atMs) },
  };
}

/** Every channel's latest archived health change at or before the moment, and the verdict. */
export function healthAt(archive: Archive, atMs: number): ReviewView['health'] {
  const nodes: ReviewView['health']['nodes'] = {};
  for (const event of archive.events({ from: 0, to: atMs, kind: 'health' })) {
    const change = event.body as HealthChange;
    if (event.node === null) continue;
    (nodes[event.node] ??= {})[change.channel] = {
      state: change.to as 'unknown' | 'up' | 'degraded' | 'down',
      since: iso(event.atMs),
      lastError: change.error as ReviewView['health']['nodes'][string][string]['lastError'],
    };
  }
  const verdicts = archive.events({ from: 0, to: atMs, kind: 'verdict' });
  const verdict = (verdicts.at(-1)?.body ?? null) as ReviewView['health']['verdict'];
  return { nodes, verdict };
}

export function findingsOpenAt(archive: Archive, atMs: number): FindingView[] {
  return archive
    .findings({ from: atMs, to: atMs })
    .filter((finding) => finding.closedMs === null || finding.closedMs > atMs)
    .map(findingView);
}

export function findingView(finding: ArchivedFinding): FindingView {
  return {
    id: finding.id,
    rule: finding.rule,
    node: finding.node,
    subject: finding.subject,
    openedAt: iso(finding.openedMs),
    closedAt: finding.closedMs === null ? null : iso(finding.closedMs),
    body: finding.body,
  };
}

export function iso(atMs: number): string {
  return new Date(atMs).toISOString();
}
