// Which numbers of a snapshot become series, and under which names. A series is
// node x subject x metric, written `vk01|container:visionking-visualizer|memoryBytes`; the subject
// starts with its kind (`host`, `disk:/`, `gpu:0`, `container:NAME`, `database:NAME`, ...).
//
// A section the collector could not read (containers while SSH is down) still yields samples:
// every series it had at the node's previous tick, as null with the section's reason, so an
// outage is a gap with a reason in every chart, not a silent hole.
import type { MissingMap, NodeSnapshot } from '../../shared/snapshot';
import type { NullKind } from './codec';

export interface Sample {
  subject: string;
  metric: string;
  value: number | null;
  /** Why `value` is null (the snapshot's `missing` kind); null when there is a value. */
  nullKind: NullKind | null;
}

/** Subject kinds, each read from one section of the node snapshot. */
export const subjectKinds = [
  'host',
  'disk',
  'clock',
  'gpu',
  'container',
  'database',
  'postgres',
  'redis',
  'redis-db',
  'queue',
  'endpoint',
  'channel',
] as const;
export type SubjectKind = (typeof subjectKinds)[number];

const metricsByKind: Record<SubjectKind, readonly string[]> = {
  host: ['uptimeSeconds', 'load1', 'memTotalBytes', 'memAvailableBytes'],
  disk: ['sizeBytes', 'usedBytes', 'availableBytes', 'usedPct'],
  clock: ['offsetMs'],
  gpu: [
    'temperatureC',
    'memoryUsedBytes',
    'memoryTotalBytes',
    'memoryUsedPct',
    'utilizationPct',
    'powerW',
    'fanPct',
  ],
  container: ['restartCount', 'memoryBytes', 'memoryLimitBytes', 'cpuPct', 'sizeRwBytes'],
  database: ['sizeBytes', 'connections'],
  postgres: ['uptimeSeconds', 'connections', 'maxConnections', 'logWindowSeconds'],
  redis: ['uptimeSeconds', 'usedMemoryBytes', 'connectedClients'],
  'redis-db': ['keys', 'expires', 'avgTtlMs'],
  queue: [
    'messages',
    'messagesReady',
    'messagesUnacked',
    'consumers',
    'publishRatePerSecond',
    'deliverRatePerSecond',
    'memoryBytes',
  ],
  endpoint: ['status', 'latencyMs'],
  channel: ['latencyMs'],
};

/** The metrics stored as samples for a subject kind (the rest of the section is a document). */
export function sampledMetrics(kind: SubjectKind): readonly string[] {
  return metricsByKind[kind];
}

/** `container:keydb` -> `container`; `host` -> `host`. */
export function subjectKindOf(subject: string): SubjectKind | null {
  const colon = subject.indexOf(':');
  const kind = colon < 0 ? subject : subject.slice(0, colon);
  return (subjectKinds as readonly string[]).includes(kind) ? (kind as SubjectKind) : null;
}

export function seriesKey(node: string, subject: string, metric: string): string {
  return `${node}|${subject}|${metric}`;
}

interface SubjectRecord {
  subject: string;
  values: Record<string, unknown>;
  missing: MissingMap;
}

/** A section's subjects, or the reason it could not be read. */
type Group = SubjectRecord[] | { reason: NullKind };

/** Per node, per subject kind: the series seen at the previous tick, carried through outages. */
export type SeriesMemory = Map<SubjectKind, { subject: string; metric: string }[]>;

/** The samples of one node at one tick; `memory` is read and updated. */
export function nodeSamples(node: NodeSnapshot, memory: SeriesMemory): Sample[] {
  const samples: Sample[] = [];
  for (const kind of subjectKinds) {
    const group = readGroup(node, kind);
    if (Array.isArray(group)) {
      const seen = group.flatMap((record) => recordSamples(record, metricsByKind[kind]));
      memory.set(
        kind,
        seen.map(({ subject, metric }) => ({ subject, metric })),
      );
      samples.push(...seen);
    } else {
      for (const series of memory.get(kind) ?? []) {
        samples.push({ ...series, value: null, nullKind: group.reason });
      }
    }
  }
  return samples;
}

function recordSamples(record: SubjectRecord, metrics: readonly string[]): Sample[] {
  return metrics.map((metric) => {
    const raw = record.values[metric];
    const value = typeof raw === 'number' ? raw : null;
    const nullKind = value === null ? (record.missing[metric]?.kind ?? 'unknown') : null;
    return { subject: record.subject, metric, value, nullKind };
  });
}

function readGroup(node: NodeSnapshot, kind: SubjectKind): Group {
  switch (kind) {
    case 'host':
      return node.host ? [subjectRecord('host', node.host)] : sectionReason(node, 'host');
    case 'disk':
    case 'clock':
      return hostPartGroup(node, kind);
    case 'gpu':
      return listGroup(node, 'gpus', node.gpus, (gpu) => `gpu:${gpu.index}`);
    case 'container':
      return listGroup(node, 'containers', node.containers, (item) => `container:${item.name}`);
    case 'database':
      return listGroup(node, 'postgres', node.postgres, (item) => `database:${item.name}`);
    case 'postgres':
      if (!node.postgresServer) return sectionReason(node, 'postgresServer');
      return [subjectRecord('postgres', node.postgresServer)];
    default:
      return otherGroup(node, kind);
  }
}

function otherGroup(node: NodeSnapshot, kind: SubjectKind): Group {
  switch (kind) {
    case 'redis':
      return node.redis ? [subjectRecord('redis', node.redis)] : sectionReason(node, 'redis');
    case 'redis-db': {
      const databases = node.redis?.databases ?? null;
      return listGroup(node, 'redis', databases, (database) => `redis-db:${database.db}`);
    }
    case 'queue':
      return listGroup(node, 'queues', node.queues, (queue) => queueSubject(queue));
    case 'endpoint':
      return node.endpoints.map((endpoint) => endpointRecord(endpoint));
    case 'channel':
      return channelRecords(node);
    default:
      return { reason: 'unknown' };
  }
}

function subjectRecord(subject: string, record: object): SubjectRecord {
  const values = record as Record<string, unknown>;
  return { subject, values, missing: (values.missing as MissingMap | undefined) ?? {} };
}

function sectionReason(node: NodeSnapshot, section: string): { reason: NullKind } {
  return { reason: node.missing[section]?.kind ?? 'unknown' };
}

function listGroup<Item extends object>(
  node: NodeSnapshot,
  section: string,
  items: Item[] | null,
  subjectOf: (item: Item) => string,
): Group {
  if (items === null) return sectionReason(node, section);
  return items.map((item) => subjectRecord(subjectOf(item), item));
}

function hostPartGroup(node: NodeSnapshot, kind: 'disk' | 'clock'): Group {
  const host = node.host;
  if (!host) return sectionReason(node, 'host');
  const field = kind === 'disk' ? 'disks' : 'clock';
  const part = host[field];
  if (part === null) return { reason: host.missing[field]?.kind ?? 'unknown' };
  if (kind === 'clock') return [subjectRecord('clock', part as object)];
  return host.disks!.map((disk) => subjectRecord(`disk:${disk.mount}`, disk));
}

/** `queue:camera_frames` on the default vhost, `queue:NAME@VHOST` on any other. */
function queueSubject(queue: { name: string; vhost: string }): string {
  return queue.vhost === '/' ? `queue:${queue.name}` : `queue:${queue.name}@${queue.vhost}`;
}

function endpointRecord(endpoint: NodeSnapshot['endpoints'][number]): SubjectRecord {
  const missing: MissingMap =
    endpoint.latencyMs === null
      ? { latencyMs: { kind: 'channel-down', detail: endpoint.error?.message ?? 'no answer' } }
      : {};
  return { subject: `endpoint:${endpoint.name}`, values: { ...endpoint }, missing };
}

/** Channel latencies; channels the fleet file does not configure have no series at all. */
function channelRecords(node: NodeSnapshot): SubjectRecord[] {
  return Object.entries(node.reachability)
    .filter(([, channel]) => channel.error?.kind !== 'not-configured')
    .map(([name, channel]) => {
      const kind: NullKind = channel.state === 'down' ? 'channel-down' : 'not-collected';
      const missing: MissingMap =
        channel.latencyMs === null ? { latencyMs: { kind, detail: channel.state } } : {};
      return { subject: `channel:${name}`, values: { latencyMs: channel.latencyMs }, missing };
    });
}
