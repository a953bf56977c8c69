// What a demo node's servers answer: PostgreSQL rows for the collector's two queries, Redis INFO
// and hashes, the Prometheus `up` vector and RabbitMQ's /api/queues, each in the wire format
// the real transports hand to the probes.
import { noise } from './clock';
import { HOUR_MS } from './models';
import type { ContainerView, GpuView, NodeView } from './node-view';

const MIB = 1024 * 1024;

type Row = Record<string, unknown>;

function container(view: NodeView, name: string | undefined): ContainerView | undefined {
  return view.containers.find((candidate) => candidate.spec.name === name);
}

function secondsSince(view: NodeView, name: string | undefined): number {
  const started = container(view, name)?.startedMs ?? view.bootMs;
  return (view.atMs - started) / 1000;
}

// -- PostgreSQL -----------------------------------------------------------------------------------

/** Rows for `collectPostgres`' size query, or `select 1`; null for a query the demo lacks. */
export function postgresRows(view: NodeView, sql: string, startMs: number): Row[] | null {
  const server = view.spec.postgres;
  if (!server) return null;
  if (/^\s*select\s+1\s*;?\s*$/i.test(sql)) return [{ '?column?': 1 }];
  if (/pg_database_size/.test(sql)) {
    return [...server.databases]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((database) => ({
        name: database.name,
        // pg returns bigint as text.
        size_bytes: String(
          Math.round(database.size + (database.growthPerHour * (view.atMs - startMs)) / HOUR_MS),
        ),
        connections: String(database.connections),
      }));
  }
  if (/pg_postmaster_start_time/.test(sql)) return [serverRow(view)];
  if (/from pg_stat_activity/.test(sql) && /client_addr/.test(sql)) return sessionRows(view);
  return null;
}

/** The action runner's session list: one idle client per connection the scenario counts. */
function sessionRows(view: NodeView): Row[] {
  const server = view.spec.postgres!;
  const startedMs = view.atMs - secondsSince(view, server.container) * 1000;
  return [...server.databases]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((database, databaseIndex) =>
      Array.from({ length: database.connections }, (_, index) => ({
        pid: view.pid - 100 * (databaseIndex + 1) - index,
        usename: 'postgres',
        datname: database.name,
        // The pipeline's writers connect from the node itself, over the Docker bridge.
        client_addr: `172.18.0.${10 + index}`,
        application_name: '',
        state: 'idle',
        backend_start: new Date(startedMs + 60_000 * (index + 1)).toISOString(),
      })),
    );
}

function serverRow(view: NodeView): Row {
  const server = view.spec.postgres!;
  const connections = server.databases.reduce((sum, database) => sum + database.connections, 0);
  return {
    version: server.version,
    uptime_seconds: secondsSince(view, server.container).toFixed(6),
    connections: String(connections),
    max_connections: server.maxConnections,
  };
}

// -- Redis ----------------------------------------------------------------------------------------

/** Keys per database: every one empty while the line is idle (report 2026-02-18 23:18 #4). */
export function redisKeyCounts(view: NodeView): Map<number, number> {
  const counts = new Map<number, number>();
  const redis = view.spec.redis;
  if (!redis) return counts;
  if (view.producing) {
    for (const [db, keys] of Object.entries(redis.productionKeys)) counts.set(Number(db), keys);
  }
  for (const hash of liveHashes(view)) {
    counts.set(hash.db, Math.max(counts.get(hash.db) ?? 0, 1));
  }
  return counts;
}

function liveHashes(view: NodeView) {
  return (view.spec.redis?.hashes ?? []).filter(
    (hash) => hash.during === 'always' || (hash.during === 'production') === view.producing,
  );
}

/** One Redis database of a node at the view's moment: how many keys, and the hashes among them. */
export interface RedisDatabaseContents {
  db: number;
  keys: number;
  hashes: { key: string; fields: Record<string, string> }[];
}

/**
 * What the node's Redis holds, database by database (the ones with keys), for a real server to
 * be filled with the same story (the test plant does). Empty while the line is idle.
 */
export function redisContents(view: NodeView): RedisDatabaseContents[] {
  const hashes = liveHashes(view);
  return [...redisKeyCounts(view)]
    .filter(([, keys]) => keys > 0)
    .sort(([left], [right]) => left - right)
    .map(([db, keys]) => ({
      db,
      keys,
      hashes: hashes
        .filter((hash) => hash.db === db)
        .map((hash) => ({ key: hash.key, fields: { ...hash.fields } })),
    }));
}

export function redisHash(view: NodeView, db: number, key: string): Record<string, string> | null {
  const hash = liveHashes(view).find((candidate) => candidate.db === db && candidate.key === key);
  return hash ? { ...hash.fields } : null;
}

/** KeyDB's INFO (Redis 6 layout), `\r\n` line ends, empty databases left out of Keyspace. */
export function redisInfo(view: NodeView, seed: number): string {
  const redis = view.spec.redis!;
  const uptime = Math.floor(secondsSince(view, redis.container));
  const keys = [...redisKeyCounts(view)].filter(([, count]) => count > 0);
  const usedMemory = 1_183_744 + keys.reduce((sum, [, count]) => sum + count * 1_216, 0);
  const commands = Math.floor(uptime * 9.5 + noise(seed, view.id, uptime) * 10);
  const lines = [
    '# Server',
    `redis_version:${redis.version}`,
    'redis_git_sha1:00000000',
    'redis_mode:standalone',
    `os:Linux ${view.spec.kernel} x86_64`,
    'arch_bits:64',
    'multiplexing_api:epoll',
    'process_id:1',
    'tcp_port:6379',
    `uptime_in_seconds:${uptime}`,
    `uptime_in_days:${Math.floor(uptime / 86_400)}`,
    'executable:/usr/local/bin/keydb-server',
    '',
    '# Clients',
    `connected_clients:${redis.clients}`,
    'blocked_clients:0',
    '',
    '# Memory',
    `used_memory:${usedMemory}`,
    `used_memory_human:${(usedMemory / 1024 / 1024).toFixed(2)}M`,
    'maxmemory:0',
    'mem_allocator:jemalloc-5.2.1',
    '',
    '# Stats',
    `total_commands_processed:${commands}`,
    '',
    '# Replication',
    'role:master',
    'connected_slaves:0',
    '',
    '# Keyspace',
    ...keys.map(([db, count]) => `db${db}:keys=${count},expires=0,avg_ttl=0`),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

// -- Prometheus and RabbitMQ ----------------------------------------------------------------------

/** `/api/v1/query?query=up`: one sample per scrape target, 1 while its container runs. */
export function prometheusUp(view: NodeView): string {
  const targets = view.spec.prometheus?.targets ?? [];
  const result = targets.map((target) => {
    const running = container(view, target.job)?.state === 'running';
    return {
      metric: { __name__: 'up', instance: target.instance, job: target.job },
      value: [view.atMs / 1000, running ? '1' : '0'],
    };
  });
  return JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
}

/** What the DCGM exporter on a node exports per GPU, by metric name. */
const dcgmMetrics: Record<string, (gpu: GpuView) => string> = {
  DCGM_FI_DEV_GPU_TEMP: (gpu) => String(gpu.temperatureC),
  DCGM_FI_DEV_FB_USED: (gpu) => String(Math.round(gpu.memoryUsedBytes / MIB)),
  DCGM_FI_DEV_FB_FREE: (gpu) =>
    String(Math.round((gpu.spec.memoryTotal - gpu.memoryUsedBytes) / MIB)),
  DCGM_FI_DEV_GPU_UTIL: (gpu) => String(gpu.utilizationPct),
  DCGM_FI_DEV_POWER_USAGE: (gpu) => gpu.powerW.toFixed(3),
  DCGM_FI_DEV_FAN_SPEED: (gpu) => String(gpu.fanPct),
};

/** Fields the exporter stops exporting in the report's blackout; utilization stays (at 0). */
const dcgmLostInBlackout = new Set(Object.keys(dcgmMetrics).filter((name) => !/UTIL/.test(name)));

/**
 * The DCGM exporter's GPU series for an instant query naming `DCGM_FI_*` metrics, while the
 * exporter container runs; null when the expression asks for something else.
 */
export function prometheusDcgm(
  view: NodeView,
  expression: string,
  exporter: string,
): string | null {
  const asked = Object.keys(dcgmMetrics).filter((name) => expression.includes(name));
  if (asked.length === 0) return null;
  const exporting = container(view, exporter)?.state === 'running';
  const result = exporting
    ? view.gpus.flatMap((gpu) =>
        asked
          .filter((name) => !(gpu.lost && dcgmLostInBlackout.has(name)))
          .map((name) => ({
            metric: dcgmLabels(view, gpu, name),
            value: [view.atMs / 1000, dcgmMetrics[name]?.(gpu) ?? '0'],
          })),
      )
    : [];
  return JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
}

function dcgmLabels(view: NodeView, gpu: GpuView, name: string): Record<string, string> {
  return {
    __name__: name,
    gpu: String(gpu.index),
    UUID: gpu.spec.uuid,
    device: `nvidia${gpu.index}`,
    modelName: gpu.spec.name,
    Hostname: view.id,
    instance: 'nvidia-gpu-exporter:9400',
    job: 'nvidia-gpu-exporter',
  };
}

export function prometheusEmpty(): string {
  return JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } });
}

/** `/api/queues`: idle queues hold nothing; in production they carry the line's flow. */
export function rabbitQueues(view: NodeView): string {
  const queues = (view.spec.rabbitmq?.queues ?? []).map((queue) => {
    const rate = view.producing ? queue.productionPublishPerSecond : 0;
    return {
      name: queue.name,
      vhost: '/',
      state: 'running',
      messages: 0,
      messages_ready: 0,
      messages_unacknowledged: 0,
      consumers: queue.consumers,
      memory: 55_412 + Math.round(rate * 120),
      message_stats: { publish_details: { rate }, deliver_get_details: { rate } },
    };
  });
  return JSON.stringify(queues);
}
