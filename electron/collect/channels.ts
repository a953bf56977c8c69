// The transports one node is reached through, and the database/queue reads of the slow tier.
// The demo plant supplies the same interfaces with simulated answers.
import type { FleetNode, RedisWatch } from '../../shared/fleet';
import type {
  PostgresDatabase,
  PostgresServer,
  Redis,
  RedisWatchedField,
  RedisWatchedKey,
} from '../../shared/snapshot';
import { keyCountsFor, parseRedisInfo } from '../probes/redis-info';
import type { Outcome, PingResult } from '../transport/errors';
import { probeHttp, type HttpProbeResult } from '../transport/http';
import { PostgresChannel, type QueryOutcome } from '../transport/postgres';
import { queryInstant, type PrometheusData } from '../transport/prometheus';
import { fetchQueues, type RabbitmqQueues } from '../transport/rabbitmq';
import { RedisChannel } from '../transport/redis';
import { SshConnection, type ExecOptions, type ExecResult } from '../transport/ssh';
import { reason } from './node-snapshot';

export interface SshTransport {
  exec(script: string, options?: ExecOptions): Promise<ExecResult>;
  close(): void;
  /** Connections made and commands run: the round trips the benchmark counts. */
  readonly counters?: { connections: number; execs: number };
}

export interface PostgresTransport {
  query<T extends Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<QueryOutcome<T>>;
  ping(): Promise<PingResult>;
  close(): Promise<void>;
}

export interface RedisTransport {
  ping(): Promise<PingResult>;
  info(section?: string): Promise<Outcome<string>>;
  hgetall(db: number, key: string): Promise<Outcome<Record<string, string>>>;
  exists(db: number, key: string): Promise<Outcome<boolean>>;
  close(): Promise<void>;
}

export interface NodeTransports {
  ssh: SshTransport | null;
  postgres: PostgresTransport | null;
  redis: RedisTransport | null;
  rabbitmq: (() => Promise<Outcome<RabbitmqQueues>>) | null;
  /** Instant query against the node's Prometheus, when the fleet file names one. */
  prometheus: ((expression: string) => Promise<Outcome<PrometheusData>>) | null;
  probeHttp(url: string, options: { timeoutMs: number }): Promise<HttpProbeResult>;
}

export interface TransportOptions {
  env?: NodeJS.ProcessEnv;
  /** SSH key material given directly (tests, keychain) instead of the identity file. */
  privateKey?: string;
  fastIntervalMs?: number;
}

/** Real transports for one node of a fleet file: one long-lived connection per channel. */
export function createNodeTransports(
  nodeId: string,
  node: FleetNode,
  options: TransportOptions = {},
): NodeTransports {
  const { env = process.env } = options;
  const ssh = node.ssh
    ? new SshConnection({
        nodeId,
        host: node.host,
        settings: node.ssh,
        env,
        privateKey: options.privateKey,
      })
    : null;
  const postgres = node.postgres
    ? new PostgresChannel({ nodeId, host: node.host, settings: node.postgres, env })
    : null;
  const redis = node.redis
    ? new RedisChannel({
        nodeId,
        host: node.host,
        settings: node.redis,
        env,
        stuckAfterMs: options.fastIntervalMs,
      })
    : null;
  const rabbitmq = node.rabbitmq;
  return {
    ssh,
    postgres,
    redis,
    rabbitmq: rabbitmq ? () => fetchQueues(rabbitmq, { env }) : null,
    prometheus: node.prometheus
      ? (expression) => queryInstant(node.prometheus as string, expression, { timeoutMs: 3_000 })
      : null,
    probeHttp: (url, probeOptions) => probeHttp(url, probeOptions),
  };
}

export async function closeNodeTransports(transports: NodeTransports): Promise<void> {
  transports.ssh?.close();
  await Promise.all([transports.postgres?.close(), transports.redis?.close()]);
}

const databaseSizesSql = `
  select d.datname as name, pg_database_size(d.datname) as size_bytes,
         (select count(*) from pg_stat_activity a where a.datname = d.datname) as connections
  from pg_database d where not d.datistemplate order by d.datname`;

const serverSql = `
  select version() as version,
         extract(epoch from now() - pg_postmaster_start_time()) as uptime_seconds,
         (select count(*) from pg_stat_activity
          where backend_type = 'client backend') as connections,
         current_setting('max_connections')::int as max_connections`;

export interface CollectedPostgres {
  databases: PostgresDatabase[] | null;
  server: PostgresServer | null;
}

/** Database sizes and connection counts; null sections when the server did not answer. */
export async function collectPostgres(
  postgres: PostgresTransport | null,
): Promise<CollectedPostgres> {
  if (!postgres) return { databases: null, server: null };
  const [sizes, server] = await Promise.all([
    postgres.query<{ name: string; size_bytes: string; connections: string }>(databaseSizesSql),
    postgres.query<{
      version: string;
      uptime_seconds: string;
      connections: string;
      max_connections: number;
    }>(serverSql),
  ]);
  const databases = sizes.ok
    ? sizes.rows.map((row) => ({
        name: row.name,
        sizeBytes: Number(row.size_bytes),
        connections: Number(row.connections),
        missing: {},
      }))
    : null;
  const row = server.ok ? server.rows[0] : undefined;
  const notRead = reason(
    'not-collected',
    'the server log is read from docker logs database-server',
  );
  return {
    databases,
    server: row
      ? {
          version: /PostgreSQL (\S+)/.exec(row.version)?.[1] ?? row.version,
          uptimeSeconds: Math.round(Number(row.uptime_seconds)),
          connections: Number(row.connections),
          maxConnections: Number(row.max_connections),
          logWindowSeconds: null,
          logErrors: null,
          missing: { logWindowSeconds: notRead, logErrors: notRead },
        }
      : null,
  };
}

/** The VisionKing databases: DB0 general, DB1 PLC state, DB2 camera configs, DB3 settings. */
const VISIONKING_REDIS_DATABASES = [0, 1, 2, 3];

export async function collectRedis(
  redis: RedisTransport | null,
  watches: readonly RedisWatch[],
): Promise<Redis | null> {
  if (!redis) return null;
  const info = await redis.info();
  if (!info.ok) return null;
  const parsed = parseRedisInfo(info.value).value;
  const watched = await Promise.all(watches.map((watch) => readWatch(redis, watch)));
  return {
    version: parsed.version,
    uptimeSeconds: parsed.uptimeSeconds,
    usedMemoryBytes: parsed.usedMemoryBytes,
    connectedClients: parsed.connectedClients,
    databases: keyCountsFor(parsed.keyspace, VISIONKING_REDIS_DATABASES),
    watched: watched.filter((key): key is RedisWatchedKey => key !== null),
    missing: parsed.missing,
  };
}

async function readWatch(
  redis: RedisTransport,
  watch: RedisWatch,
): Promise<RedisWatchedKey | null> {
  const [exists, hash] = await Promise.all([
    redis.exists(watch.db, watch.key),
    redis.hgetall(watch.db, watch.key),
  ]);
  if (!exists.ok || !hash.ok) return null;
  const fields = (watch.fields ?? []).map((field): RedisWatchedField => {
    const value = hash.value[field];
    if (value !== undefined) return { field, value, missing: {} };
    const why = exists.value
      ? `the hash has no field ${field}`
      : `the key ${watch.key} does not exist`;
    return { field, value: null, missing: { value: reason('absent', why) } };
  });
  return { db: watch.db, key: watch.key, exists: exists.value, fields };
}
