// Rebuilds a node's snapshot as of a moment from what the archive keeps of it: the documents in
// effect then (the snapshot minus its numbers, electron/archive/documents.ts) and the samples
// of one tick (the numbers, electron/archive/series.ts). The inverse of nodeDocuments +
// nodeSamples: each sampled metric goes back into the record of its subject.
import type { Sample } from '../archive';
import { sampledMetrics, type SubjectKind } from '../archive/series';
import type { MissingMap, NodeSnapshot } from '../../shared/snapshot';

type Documents = Record<string, unknown>;
type Values = Map<string, Sample>;
type Row = Record<string, unknown> & { missing?: MissingMap };

/** What to say for a number the archive does not hold at this moment. */
const notHeld = { kind: 'unavailable', detail: 'not in the archive at this moment' } as const;

export interface RebuildInput {
  documents: Documents;
  samples: readonly Sample[];
  /** When the samples were taken: an up channel's lastSuccessAt. */
  tickAt: string;
}

export function rebuildNode({ documents, samples, tickAt }: RebuildInput): NodeSnapshot {
  const values: Values = new Map(
    samples.map((sample) => [key(sample.subject, sample.metric), sample]),
  );
  const missing = (documents.missing ?? {}) as MissingMap;
  const postgres = documents.postgres as { databases: Row[] | null; server: Row | null } | null;
  return {
    reachability: rebuildReachability(documents.reachability, values, tickAt),
    host: rebuildHost(documents.host as Row | null, values),
    gpus: list(documents.gpus, 'gpu', (gpu) => `gpu:${String(gpu.index)}`, values),
    containers: rebuildContainers(documents, values),
    postgres: list(postgres?.databases, 'database', (db) => `database:${String(db.name)}`, values),
    postgresServer: postgres?.server ? fill(postgres.server, 'postgres', 'postgres', values) : null,
    redis: rebuildRedis(documents.redis as Row | null, values),
    queues: list(documents.queues, 'queue', queueSubject, values),
    endpoints: rebuildEndpoints(documents.endpoints, values),
    logs: missing.logs ? null : rebuildLogs(documents),
    missing,
  } as NodeSnapshot;
}

function key(subject: string, metric: string): string {
  return `${subject}|${metric}`;
}

/**
 * A record with its sampled metrics put back. A metric the document names a reason for stays
 * null; one without a sample is null with a reason (the snapshot's rule: null always says why).
 */
function fill(record: Row, kind: SubjectKind, subject: string, values: Values): Row {
  const missing: MissingMap = { ...(record.missing ?? {}) };
  const filled: Row = { ...record };
  for (const metric of sampledMetrics(kind)) {
    // The document keeps a few sampled fields itself (restart count, limit): exact as stored.
    if (metric in record) continue;
    if (missing[metric]) {
      filled[metric] = null;
      continue;
    }
    const value = values.get(key(subject, metric))?.value ?? null;
    filled[metric] = value;
    if (value === null) missing[metric] = { ...notHeld };
  }
  return record.missing === undefined ? filled : { ...filled, missing };
}

function list(
  items: unknown,
  kind: SubjectKind,
  subjectOf: (item: Row) => string,
  values: Values,
): Row[] | null {
  if (!Array.isArray(items)) return null;
  return (items as Row[]).map((item) => fill(item, kind, subjectOf(item), values));
}

function rebuildReachability(document: unknown, values: Values, tickAt: string): unknown {
  const channels = (document ?? {}) as Record<string, Row>;
  return Object.fromEntries(
    Object.entries(channels).map(([name, channel]) => {
      const latencyMs = values.get(key(`channel:${name}`, 'latencyMs'))?.value ?? null;
      const lastSuccessAt = channel.state === 'up' ? tickAt : (channel.lastSuccessAt ?? null);
      return [name, { ...channel, latencyMs, lastSuccessAt }];
    }),
  );
}

function rebuildHost(host: Row | null, values: Values): Row | null {
  if (!host) return null;
  const filled = fill(host, 'host', 'host', values);
  filled.disks = list(host.disks, 'disk', (disk) => `disk:${String(disk.mount)}`, values);
  filled.clock = host.clock ? fill(host.clock as Row, 'clock', 'clock', values) : null;
  return filled;
}

function rebuildContainers(documents: Documents, values: Values): Row[] | null {
  const names = documents.containerList;
  if (!Array.isArray(names)) return null;
  return (names as string[]).flatMap((name) => {
    const document = documents[`container:${name}`] as Row | undefined;
    return document ? [fill(document, 'container', `container:${name}`, values)] : [];
  });
}

function rebuildRedis(redis: Row | null, values: Values): Row | null {
  if (!redis) return null;
  const filled = fill(redis, 'redis', 'redis', values);
  const databases = (redis.databases ?? []) as Row[];
  // Per-database numbers have no reason map in the snapshot: a database without them is left
  // out rather than shown with invented zeros.
  filled.databases = databases.flatMap((database) => {
    const subject = `redis-db:${String(database.db)}`;
    const numbers = sampledMetrics('redis-db').map((metric) => [
      metric,
      values.get(key(subject, metric))?.value ?? null,
    ]);
    if (numbers.some(([, value]) => value === null)) return [];
    return [{ ...database, ...Object.fromEntries(numbers) }];
  });
  return filled;
}

function rebuildEndpoints(document: unknown, values: Values): Row[] {
  if (!Array.isArray(document)) return [];
  return (document as Row[]).map((endpoint) => {
    const subject = `endpoint:${String(endpoint.name)}`;
    const latencyMs = values.get(key(subject, 'latencyMs'))?.value ?? null;
    return { ...endpoint, latencyMs };
  });
}

function rebuildLogs(documents: Documents): Record<string, unknown> {
  const logs: Record<string, unknown> = {};
  for (const [kind, document] of Object.entries(documents)) {
    if (kind.startsWith('logs:')) logs[kind.slice('logs:'.length)] = document;
  }
  return logs;
}

function queueSubject(queue: Row): string {
  const name = String(queue.name);
  return queue.vhost === '/' ? `queue:${name}` : `queue:${name}@${String(queue.vhost)}`;
}
