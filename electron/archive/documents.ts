// The parts of a snapshot that are not time series: container lists, versions, endpoint states,
// log digests. They rarely change, so each is stored only when its canonical JSON changes.
// The numbers stored as samples are taken out first; otherwise every tick would differ.
import { createHash } from 'node:crypto';
import type { NodeSnapshot } from '../../shared/snapshot';
import { sampledMetrics, type SubjectKind } from './series';

/**
 * Document kinds of one node: `reachability`, `host`, `gpus`, `containerList` (names in order,
 * null when the list could not be read), `container:<name>`, `postgres`, `redis`, `queues`,
 * `endpoints`, `missing` (the node's section reasons) and `logs:<container>`.
 */
export type NodeDocuments = Map<string, unknown>;

// Sampled fields that change rarely and say what happened (a restart, a new limit, an endpoint
// answering again) stay in documents too, so a document alone tells that story.
const keptInDocuments = new Set(['restartCount', 'memoryLimitBytes', 'status']);

export function nodeDocuments(node: NodeSnapshot): NodeDocuments {
  const documents: NodeDocuments = new Map<string, unknown>([
    ['reachability', reachabilityDocument(node)],
    ['host', hostDocument(node.host)],
    ['gpus', stripList(node.gpus, 'gpu')],
    ['containerList', node.containers && node.containers.map((container) => container.name)],
    ['postgres', postgresDocument(node)],
    ['redis', redisDocument(node.redis)],
    ['queues', stripList(node.queues, 'queue')],
    ['endpoints', stripList(node.endpoints, 'endpoint')],
    ['missing', node.missing],
  ]);
  // One document per container: a crash-looping container does not rewrite its neighbours.
  for (const container of node.containers ?? []) {
    documents.set(`container:${container.name}`, strip(container, 'container'));
  }
  for (const [container, logs] of Object.entries(node.logs ?? {})) {
    documents.set(`logs:${container}`, logs);
  }
  return documents;
}

/** Channel state and error; the latency is a sample and `lastSuccessAt` moves while up. */
function reachabilityDocument(node: NodeSnapshot): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(node.reachability).map(([name, channel]) => {
      const { latencyMs: _latencyMs, lastSuccessAt, ...rest } = channel;
      // While a channel is up its lastSuccessAt is the tick's time, so it is not stored: review
      // rebuilds it from the tick (electron/review/rebuild.ts).
      return [name, channel.state === 'up' ? rest : { ...rest, lastSuccessAt }];
    }),
  );
}

function hostDocument(host: NodeSnapshot['host']): unknown {
  if (!host) return null;
  return {
    ...strip(host, 'host'),
    disks: stripList(host.disks, 'disk'),
    clock: host.clock && strip(host.clock, 'clock'),
  };
}

function postgresDocument(node: NodeSnapshot): unknown {
  return {
    databases: stripList(node.postgres, 'database'),
    server: node.postgresServer && strip(node.postgresServer, 'postgres'),
  };
}

function redisDocument(redis: NodeSnapshot['redis']): unknown {
  if (!redis) return null;
  return { ...strip(redis, 'redis'), databases: stripList(redis.databases, 'redis-db') };
}

function stripList(items: readonly object[] | null, kind: SubjectKind): unknown {
  return items && items.map((item) => strip(item, kind));
}

function strip(record: object, kind: SubjectKind): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...record };
  for (const metric of sampledMetrics(kind)) {
    if (!keptInDocuments.has(metric)) delete copy[metric];
  }
  return copy;
}

/** JSON with object keys sorted at every depth, so equal content always hashes alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) {
      text += (index === 0 ? '' : ',') + canonicalJson(value[index]);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${text}}`;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
