// The Snapshot: everything collected from every node at one tick, as versioned JSON.
// It is a public contract (DESIGN.md section 4): archives, bundles, `report --snapshots` and other
// tools read it, so change it only with a version bump and a note in docs/snapshot-format.md.
//
// Rule for missing data: a value we could not get is `null`, never 0, and the object holding it
// names the reason in its `missing` map (field name → { kind, detail }). The schema enforces it.
import { z } from 'zod';

/** The snapshot format this code writes and reads. */
export const SNAPSHOT_VERSION = 1;

/** Most log lines kept per container in one snapshot; older lines are counted, not kept. */
export const MAX_LOG_LINES_PER_CONTAINER = 200;

/** Longest log line kept, in characters; longer lines are cut and end with `…`. */
export const MAX_LOG_LINE_CHARS = 2000;

const isoTime = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();
const bytes = z.number().nonnegative();
const percent = z.number().nonnegative();

/** Why a value is missing. The UI shows `detail`; rules reason on `kind`. */
export const missingKinds = [
  // The device or program says it cannot report this (nvidia-smi `[Not Supported]`).
  'not-supported',
  // The source answered but had no value now (`[N/A]`, a DCGM blank, an exporter gap).
  'unavailable',
  // The source reported an error for this value (`[Unknown Error]`, a failed command).
  'error',
  // The source answered with text the parser did not understand.
  'unparsed',
  // Nobody asked: the fleet file gives no channel for it, or the probe does not collect it.
  'not-collected',
  // The channel that carries it was down at this tick (see `reachability`).
  'channel-down',
  // The value has no meaning here (CPU of a stopped container, a limit that is not set).
  'not-applicable',
  // The source answered and the thing does not exist (a Redis key or hash field).
  'absent',
] as const;
export const missingKindSchema = z.enum(missingKinds);
export type MissingKind = z.infer<typeof missingKindSchema>;

export const missingReasonSchema = z.object({ kind: missingKindSchema, detail: z.string() });
export type MissingReason = z.infer<typeof missingReasonSchema>;

/** Field name → why that field is null. */
export const missingMapSchema = z.record(z.string(), missingReasonSchema);
export type MissingMap = z.infer<typeof missingMapSchema>;

/**
 * An object whose nullable fields each carry a reason: a field is null exactly when `missing`
 * names it. Used for every group of measurements so "null with a reason" is checked, not hoped.
 */
function withReasons<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object({ ...shape, missing: missingMapSchema }).superRefine((value, context) => {
    const record = value as Record<string, unknown> & { missing: MissingMap };
    for (const key of Object.keys(shape)) {
      if (record[key] === null && !record.missing[key]) {
        context.addIssue({ code: 'custom', path: [key], message: 'null without a reason' });
      }
    }
    for (const key of Object.keys(record.missing)) {
      if (!(key in shape) || record[key] !== null) {
        const message = `has a reason but is not null`;
        context.addIssue({ code: 'custom', path: ['missing', key], message });
      }
    }
  });
}

// -- reachability ---------------------------------------------------------------------------------

export const channelNames = ['ssh', 'postgres', 'redis', 'http', 'prometheus', 'rabbitmq'] as const;
export type ChannelName = (typeof channelNames)[number];

/** How a connection failed, sorted into a few kinds the UI can name (as ssh2 does). */
export const errorKinds = [
  'socket', // refused, reset, unreachable host or network
  'dns', // the host name did not resolve
  'timeout', // no answer in time
  'auth', // credentials refused
  'host-key', // the SSH host key did not match the pinned one
  'tls', // certificate or handshake failure
  'protocol', // the server answered with something we could not speak
  'http-status', // an HTTP answer with an error status
  'not-configured', // the fleet file gives no address or credentials for this channel
  'other',
] as const;
export const errorKindSchema = z.enum(errorKinds);
export type ErrorKind = z.infer<typeof errorKindSchema>;

export const channelErrorSchema = z.object({ kind: errorKindSchema, message: z.string() });
export type ChannelError = z.infer<typeof channelErrorSchema>;

/**
 * One channel to a node. Its `error` is the reason for its own nulls: `latencyMs` is null unless
 * the channel is up; `lastSuccessAt` is null until the first success since the app started.
 */
export const channelSchema = z
  .object({
    state: z.enum(['up', 'down', 'unknown']),
    latencyMs: z.number().nonnegative().nullable(),
    error: channelErrorSchema.nullable(),
    lastSuccessAt: isoTime.nullable(),
  })
  .superRefine((channel, context) => {
    if (channel.state === 'up' && channel.latencyMs === null) {
      context.addIssue({ code: 'custom', path: ['latencyMs'], message: 'up without a latency' });
    }
    if (channel.state !== 'up' && channel.error === null) {
      const message = `${channel.state} without an error saying why`;
      context.addIssue({ code: 'custom', path: ['error'], message });
    }
  });
export type Channel = z.infer<typeof channelSchema>;

export const reachabilitySchema = z.object({
  ssh: channelSchema,
  postgres: channelSchema,
  redis: channelSchema,
  http: channelSchema,
  prometheus: channelSchema,
  rabbitmq: channelSchema,
});
export type Reachability = z.infer<typeof reachabilitySchema>;

// -- host -----------------------------------------------------------------------------------------

export const diskSchema = withReasons({
  mount: z.string(),
  filesystem: z.string().nullable(),
  sizeBytes: bytes.nullable(),
  usedBytes: bytes.nullable(),
  availableBytes: bytes.nullable(),
  usedPct: percent.nullable(),
});
export type Disk = z.infer<typeof diskSchema>;

export const clockSchema = withReasons({
  ntpSynced: z.boolean().nullable(),
  /** Node clock minus reference time: positive when the node runs ahead. */
  offsetMs: z.number().nullable(),
  timezone: z.string().nullable(),
});
export type Clock = z.infer<typeof clockSchema>;

export const hostSchema = withReasons({
  uptimeSeconds: z.number().nonnegative().nullable(),
  load1: z.number().nonnegative().nullable(),
  memTotalBytes: bytes.nullable(),
  memAvailableBytes: bytes.nullable(),
  disks: z.array(diskSchema).nullable(),
  clock: clockSchema.nullable(),
  dockerVersion: z.string().nullable(),
  composeVersion: z.string().nullable(),
});
export type Host = z.infer<typeof hostSchema>;

// -- GPUs -----------------------------------------------------------------------------------------

/** Whether the GPU's telemetry source answered at all; per-field gaps are in `missing`. */
export const gpuTelemetrySchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({ state: z.literal('unavailable'), reason: z.string() }),
]);
export type GpuTelemetry = z.infer<typeof gpuTelemetrySchema>;

export const gpuSchema = withReasons({
  index: z.number().int().nonnegative(),
  name: z.string(),
  uuid: z.string().nullable(),
  temperatureC: z.number().nullable(),
  memoryUsedBytes: bytes.nullable(),
  memoryTotalBytes: bytes.nullable(),
  memoryUsedPct: percent.nullable(),
  utilizationPct: percent.nullable(),
  powerW: z.number().nonnegative().nullable(),
  fanPct: percent.nullable(),
  telemetry: gpuTelemetrySchema,
});
export type Gpu = z.infer<typeof gpuSchema>;

// -- containers -----------------------------------------------------------------------------------

export const containerStates = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
] as const;
export const containerStateSchema = z.enum(containerStates);
export type ContainerState = z.infer<typeof containerStateSchema>;

/** `none` when the image defines no health check (not a missing value). */
export const containerHealthSchema = z.enum(['healthy', 'unhealthy', 'starting', 'none']);
export type ContainerHealth = z.infer<typeof containerHealthSchema>;

export const containerSchema = withReasons({
  name: z.string(),
  image: z.string(),
  tag: z.string().nullable(),
  state: containerStateSchema,
  health: containerHealthSchema,
  restartCount: count.nullable(),
  oomKilled: z.boolean().nullable(),
  exitCode: z.number().int().nullable(),
  startedAt: isoTime.nullable(),
  memoryBytes: bytes.nullable(),
  memoryLimitBytes: bytes.nullable(),
  cpuPct: percent.nullable(),
  sizeRwBytes: bytes.nullable(),
});
export type Container = z.infer<typeof containerSchema>;

// -- PostgreSQL -----------------------------------------------------------------------------------

export const postgresDatabaseSchema = withReasons({
  name: z.string(),
  sizeBytes: bytes.nullable(),
  connections: count.nullable(),
});
export type PostgresDatabase = z.infer<typeof postgresDatabaseSchema>;

/** One distinct error message in the server log window, with how often it appeared. */
export const postgresLogErrorSchema = z.object({
  severity: z.enum(['PANIC', 'FATAL', 'ERROR']),
  message: z.string(),
  count: z.number().int().positive(),
  firstAt: isoTime.nullable(),
  lastAt: isoTime.nullable(),
});
export type PostgresLogError = z.infer<typeof postgresLogErrorSchema>;

export const postgresServerSchema = withReasons({
  version: z.string().nullable(),
  uptimeSeconds: z.number().nonnegative().nullable(),
  connections: count.nullable(),
  maxConnections: count.nullable(),
  /** The log window read at this tick: `docker logs --since` of the server's container. */
  logWindowSeconds: z.number().nonnegative().nullable(),
  logErrors: z.array(postgresLogErrorSchema).nullable(),
});
export type PostgresServer = z.infer<typeof postgresServerSchema>;

// -- Redis ----------------------------------------------------------------------------------------

/** One logical database. Redis omits empty ones from INFO; the probe reports them with 0 keys. */
export const redisDatabaseSchema = z.object({
  db: z.number().int().nonnegative(),
  keys: count,
  expires: count,
  avgTtlMs: z.number().nonnegative(),
});
export type RedisDatabase = z.infer<typeof redisDatabaseSchema>;

export const redisWatchedFieldSchema = withReasons({
  field: z.string(),
  value: z.string().nullable(),
});
export type RedisWatchedField = z.infer<typeof redisWatchedFieldSchema>;

/** A hash the fleet file asks to watch, e.g. DB0 `DB_Speed` field `Velocidade_Tratada`. */
export const redisWatchedKeySchema = z.object({
  db: z.number().int().nonnegative(),
  key: z.string(),
  exists: z.boolean(),
  fields: z.array(redisWatchedFieldSchema),
});
export type RedisWatchedKey = z.infer<typeof redisWatchedKeySchema>;

export const redisSchema = withReasons({
  version: z.string().nullable(),
  uptimeSeconds: z.number().nonnegative().nullable(),
  usedMemoryBytes: bytes.nullable(),
  connectedClients: count.nullable(),
  databases: z.array(redisDatabaseSchema),
  watched: z.array(redisWatchedKeySchema),
});
export type Redis = z.infer<typeof redisSchema>;

// -- RabbitMQ -------------------------------------------------------------------------------------

export const queueSchema = withReasons({
  name: z.string(),
  vhost: z.string(),
  state: z.string().nullable(),
  messages: count.nullable(),
  messagesReady: count.nullable(),
  messagesUnacked: count.nullable(),
  consumers: count.nullable(),
  publishRatePerSecond: z.number().nonnegative().nullable(),
  deliverRatePerSecond: z.number().nonnegative().nullable(),
  memoryBytes: bytes.nullable(),
});
export type Queue = z.infer<typeof queueSchema>;

// -- HTTP endpoints -------------------------------------------------------------------------------

/** An HTTP endpoint from the fleet file. `status` is 0 when no answer came; `error` says why. */
export const endpointSchema = z
  .object({
    name: z.string(),
    url: z.string(),
    status: z.number().int().min(0).max(599),
    latencyMs: z.number().nonnegative().nullable(),
    error: channelErrorSchema.nullable(),
  })
  .superRefine((endpoint, context) => {
    if (endpoint.status === 0 && endpoint.error === null) {
      context.addIssue({ code: 'custom', path: ['error'], message: 'status 0 without an error' });
    }
    if (endpoint.status !== 0 && endpoint.latencyMs === null) {
      context.addIssue({ code: 'custom', path: ['latencyMs'], message: 'answer without latency' });
    }
  });
export type Endpoint = z.infer<typeof endpointSchema>;

// -- logs -----------------------------------------------------------------------------------------

export const logLevels = ['fatal', 'error', 'warning', 'info', 'debug', 'unknown'] as const;
export const logLevelSchema = z.enum(logLevels);
export type LogLevel = z.infer<typeof logLevelSchema>;

export const logLineSchema = z.object({
  /** From the line's own or Docker's timestamp; null when the line carries none we could read. */
  at: isoTime.nullable(),
  level: logLevelSchema,
  text: z.string().max(MAX_LOG_LINE_CHARS),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const levelCountsSchema = z.object({
  fatal: count,
  error: count,
  warning: count,
  info: count,
  debug: count,
  unknown: count,
});
export type LevelCounts = z.infer<typeof levelCountsSchema>;

/** New log lines of one container since the previous tick: all counted, the newest kept. */
export const containerLogsSchema = z.object({
  countsByLevel: levelCountsSchema,
  lines: z.array(logLineSchema).max(MAX_LOG_LINES_PER_CONTAINER),
  /** Lines counted but not kept because of the bound. */
  droppedLines: count,
});
export type ContainerLogs = z.infer<typeof containerLogsSchema>;

// -- node and snapshot ----------------------------------------------------------------------------

/**
 * One node at one tick. A whole section is null when it could not be collected (its reason is
 * in `missing`); an empty array means "collected, and there are none" — a dark node has
 * `containers: []`, an unreachable one `containers: null`.
 */
export const nodeSnapshotSchema = withReasons({
  reachability: reachabilitySchema,
  host: hostSchema.nullable(),
  gpus: z.array(gpuSchema).nullable(),
  containers: z.array(containerSchema).nullable(),
  postgres: z.array(postgresDatabaseSchema).nullable(),
  postgresServer: postgresServerSchema.nullable(),
  redis: redisSchema.nullable(),
  queues: z.array(queueSchema).nullable(),
  endpoints: z.array(endpointSchema),
  logs: z.record(z.string(), containerLogsSchema).nullable(),
});
export type NodeSnapshot = z.infer<typeof nodeSnapshotSchema>;

export const snapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  deployment: z.string().min(1),
  takenAt: isoTime,
  nodes: z.record(z.string().min(1), nodeSnapshotSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export type SnapshotParseResult =
  { ok: true; snapshot: Snapshot } | { ok: false; problems: string[] };

/** Renders a zod path the way people write it: `nodes.vk01.gpus[0].temperatureC`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      return index === 0 ? String(key) : `.${String(key)}`;
    })
    .join('');
}

/** Checks any value against the snapshot format; never throws. Problems name the field path. */
export function parseSnapshot(value: unknown): SnapshotParseResult {
  const result = snapshotSchema.safeParse(value);
  if (result.success) return { ok: true, snapshot: result.data };
  const problems = result.error.issues.map(
    (issue) => `${formatPath(issue.path)}: ${issue.message}`,
  );
  return { ok: false, problems };
}
