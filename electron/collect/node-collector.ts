// Collects one node: a fast tick (one batched SSH exec plus pings and HTTP probes) and a slow
// tick (a second batched exec plus database and Redis details). Never throws and never waits
// longer than its timeouts: a dead node answers with errors, not with silence.
import type { FleetNode } from '../../shared/fleet';
import type {
  ChannelError,
  ChannelName,
  ContainerLogs,
  Endpoint,
  Gpu,
  Host,
  MissingReason,
  NodeSnapshot,
  PostgresDatabase,
  PostgresServer,
  Queue,
  Redis,
} from '../../shared/snapshot';
import type { DockerInspectEntry } from '../probes/docker';
import { summarizeLogs } from '../probes/log-levels';
import { parsePostgresLog, summarizePostgresErrors } from '../probes/postgres-log';
import { batchScript, splitBatch, type BatchSection } from '../transport/ssh-command';
import { collectPostgres, collectRedis, type NodeTransports } from './channels';
import {
  buildContainers,
  buildGpus,
  buildHost,
  channelObservation,
  notConfigured,
  readInspect,
  reason,
  readCpu,
  type CpuReading,
  type CpuSample,
  type Sections,
} from './node-snapshot';
import { DCGM_QUERY, gpusFromDcgmSeries } from './dcgm-query';
import { DEFAULT_CGROUP_ROOT, fastCommands, slowCommands } from './ssh-sections';

/** Overlap between consecutive relative log windows, so a line at the edge is not lost. */
const LOG_WINDOW_MARGIN_SECONDS = 5;

export interface TickTiming {
  /** Probe name → how long it took, in milliseconds. */
  probesMs: Record<string, number>;
  totalMs: number;
}

interface Observation {
  error: ChannelError | null;
  latencyMs: number | null;
}

interface SlowState {
  sections: Sections | null;
  postgres: PostgresDatabase[] | null;
  postgresServer: PostgresServer | null;
  redis: Redis | null;
  queues: Queue[] | null;
  logs: Record<string, ContainerLogs> | null;
}

export interface NodeCollectorOptions {
  execTimeoutMs?: number;
  cgroupRoot?: string;
  /** How far back the first log read goes, in seconds. */
  firstLogWindowSeconds?: number;
  now?: () => Date;
}

export class NodeCollector {
  private fastSections: Sections | null = null;
  private readonly observations = new Map<ChannelName, Observation>();
  private readonly lastSuccess = new Map<ChannelName, string>();
  private readonly observationCounts = new Map<ChannelName, number>();
  private endpoints: Endpoint[] = [];
  private slow: SlowState = emptySlowState();
  private inspected = new Map<string, DockerInspectEntry>();
  private readonly cpuSamples = new Map<string, CpuSample>();
  private cpu = new Map<string, CpuReading>();
  /** When logs were last read successfully, on this collector's clock. */
  private lastLogReadAtMs: number | null = null;
  private readonly logCursors = new Map<string, string>();
  private previousGpus: Gpu[] | null = null;
  private dcgmGpus: Gpu[] = [];
  private containerIds: string[] = [];
  private containerNames: string[] = [];
  private readonly now: () => Date;

  constructor(
    readonly nodeId: string,
    private readonly node: FleetNode,
    private readonly transports: NodeTransports,
    private readonly options: NodeCollectorOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Reachability, container usage, GPU and endpoints. */
  async fastTick(): Promise<TickTiming> {
    const timing: Record<string, number> = {};
    const startedMs = performance.now();
    await Promise.all([
      this.runSsh('fast', fastCommands(this.options.cgroupRoot ?? DEFAULT_CGROUP_ROOT), timing),
      this.pingDatabases(timing),
      this.probeEndpoints(timing),
      this.pingPrometheus(timing),
    ]);
    return { probesMs: timing, totalMs: performance.now() - startedMs };
  }

  /** Logs, disks, clock, versions, layer sizes, database sizes, Redis keyspace, queues. */
  async slowTick(): Promise<TickTiming> {
    const timing: Record<string, number> = {};
    const startedMs = performance.now();
    const [sections, postgres, redis, queues] = await Promise.all([
      this.runSsh(
        'slow',
        slowCommands({ containerIds: this.containerIds, logCursors: this.cursors() }),
        timing,
      ),
      this.timed('postgres-details', timing, () => collectPostgres(this.transports.postgres)),
      this.timed('redis-details', timing, () =>
        collectRedis(this.transports.redis, this.node.redis?.watch ?? []),
      ),
      this.timed('rabbitmq', timing, () => this.readQueues()),
    ]);
    this.absorbSlow(sections, postgres, redis, queues);
    return { probesMs: timing, totalMs: performance.now() - startedMs };
  }

  /** The node as last seen: fast and slow results merged into one NodeSnapshot. */
  snapshot(): NodeSnapshot {
    const host = buildHost({ fast: this.fastSections, slow: this.slow.sections });
    const smiGpus = buildGpus(this.fastSections, this.previousGpus);
    const smiReadable =
      Array.isArray(smiGpus) && smiGpus.every((gpu) => gpu.telemetry.state === 'ok');
    const gpus = !smiReadable && this.dcgmGpus.length > 0 ? this.dcgmGpus : smiGpus;
    const containers = buildContainers({
      fast: this.fastSections,
      inspected: this.inspected,
      cpu: this.cpu,
    });
    if (smiReadable && smiGpus.length > 0) this.previousGpus = smiGpus;
    const missing: NodeSnapshot['missing'] = {};
    const sshDown = this.observations.get('ssh')?.error;
    const valueOr = <T>(field: string, value: T | MissingReason): T | null => {
      if (isReason(value)) {
        missing[field] = value;
        return null;
      }
      return value;
    };
    return {
      reachability: this.reachability(),
      host: valueOr<Host>(
        'host',
        sshDown && !this.fastSections ? reason('channel-down', sshDown.message) : host,
      ),
      gpus: valueOr('gpus', gpus),
      containers: valueOr('containers', containers),
      postgres: this.section('postgres', this.slow.postgres, missing, 'postgres'),
      postgresServer: this.section('postgresServer', this.slow.postgresServer, missing, 'postgres'),
      redis: this.section('redis', this.slow.redis, missing, 'redis'),
      queues: this.section('queues', this.slow.queues, missing, 'rabbitmq'),
      endpoints: this.endpoints,
      logs: this.section('logs', this.slow.logs, missing, 'ssh'),
      missing,
    };
  }

  private section<T>(
    field: string,
    value: T | null,
    missing: NodeSnapshot['missing'],
    channel: ChannelName,
  ): T | null {
    if (value !== null) return value;
    const error = this.observations.get(channel)?.error;
    if (error?.kind === 'not-configured') missing[field] = reason('not-collected', error.message);
    else if (error) missing[field] = reason('channel-down', error.message);
    else missing[field] = reason('not-collected', 'not read yet (slow tier)');
    return null;
  }

  private async runSsh(
    tier: 'fast' | 'slow',
    commands: Map<string, { argv: readonly string[] }>,
    timing: Record<string, number>,
  ): Promise<Sections | null> {
    if (!this.transports.ssh) {
      this.observe('ssh', notConfiguredError('SSH settings'), null);
      return null;
    }
    const result = await this.transports.ssh.exec(batchScript(commands), {
      timeoutMs: this.options.execTimeoutMs ?? 4_000,
    });
    timing[`ssh-${tier}`] = result.durationMs;
    if (!result.ok) {
      this.observe('ssh', result.error, null);
      if (tier === 'fast') this.fastSections = null;
      return null;
    }
    this.observe('ssh', null, result.durationMs);
    const sections = new Map(
      splitBatch(result.stdout).map((section: BatchSection) => [section.name, section]),
    );
    if (tier === 'fast') this.absorbFast(sections);
    return sections;
  }

  private absorbFast(sections: Sections): void {
    this.fastSections = sections;
    this.cpu = readCpu(sections, this.cpuSamples, this.now().getTime());
    const containers = buildContainers({ fast: sections, inspected: new Map(), cpu: new Map() });
    if (!Array.isArray(containers)) return;
    const ids = splitIds(sections.get('containers')?.stdout ?? '');
    this.containerIds = ids;
    this.containerNames = containers.map((container) => container.name);
  }

  private absorbSlow(
    sections: Sections | null,
    postgres: CollectedPostgres,
    redis: Redis | null,
    queues: Queue[] | null,
  ): void {
    const inspected = readInspect(sections);
    if (inspected) this.inspected = inspected;
    const fresh = sections ? this.freshLogLines(sections) : null;
    if (fresh) this.lastLogReadAtMs = this.now().getTime();
    const logs = fresh ? summarizeAll(fresh) : null;
    const databaseLines = fresh?.get('database-server');
    const server =
      postgres.server && databaseLines
        ? withLogErrors(postgres.server, databaseLines)
        : postgres.server;
    this.slow = {
      sections: sections ?? this.slow.sections,
      postgres: postgres.databases,
      postgresServer: server,
      redis,
      queues,
      logs: logs ?? null,
    };
  }

  /** Container name → log lines newer than what earlier ticks read. */
  private freshLogLines(sections: Sections): Map<string, string[]> {
    const fresh = new Map<string, string[]>();
    for (const [name, section] of sections) {
      if (!name.startsWith('logs.') || section.exitCode !== 0) continue;
      const container = name.slice('logs.'.length);
      fresh.set(container, this.linesAfterCursor(container, section.stdout));
    }
    return fresh;
  }

  /** Keeps lines newer than what was read before; Docker's --since is inclusive. */
  private linesAfterCursor(container: string, output: string): string[] {
    const cursor = this.logCursors.get(container);
    const since = cursor && !cursor.endsWith('s') ? cursor : '';
    const fresh = output
      .split('\n')
      .filter((line) => line.trim() !== '' && dockerStamp(line) > since);
    const newest = fresh.map(dockerStamp).filter(Boolean).at(-1);
    if (newest) this.logCursors.set(container, newest);
    return fresh;
  }

  /**
   * Where each container's log read starts: after the newest line already read, or — for a
   * container that has printed nothing yet — back to the previous read plus a margin, so quiet
   * containers lose no lines when reads are far apart (after an outage, at demo speed).
   */
  private cursors(): Map<string, string> {
    const firstWindowSeconds = this.options.firstLogWindowSeconds ?? 60;
    const sinceLastSeconds =
      this.lastLogReadAtMs === null
        ? firstWindowSeconds
        : Math.ceil((this.now().getTime() - this.lastLogReadAtMs) / 1000) +
          LOG_WINDOW_MARGIN_SECONDS;
    const window = `${Math.max(1, sinceLastSeconds)}s`;
    return new Map(this.containerNames.map((name) => [name, this.logCursors.get(name) ?? window]));
  }

  private async pingDatabases(timing: Record<string, number>): Promise<void> {
    const { postgres, redis } = this.transports;
    await Promise.all([
      postgres
        ? this.ping('postgres', timing, () => postgres.ping())
        : this.observe('postgres', notConfiguredError('PostgreSQL settings'), null),
      redis
        ? this.ping('redis', timing, () => redis.ping())
        : this.observe('redis', notConfiguredError('Redis settings'), null),
    ]);
  }

  private async ping(
    channel: ChannelName,
    timing: Record<string, number>,
    ping: () => Promise<{ ok: boolean; latencyMs: number; error?: ChannelError }>,
  ): Promise<void> {
    const result = await ping();
    timing[`${channel}-ping`] = result.latencyMs;
    this.observe(channel, result.ok ? null : (result.error ?? null), result.latencyMs);
  }

  private async readQueues(): Promise<Queue[] | null> {
    const { rabbitmq } = this.transports;
    if (!rabbitmq) {
      this.observe('rabbitmq', notConfiguredError('RabbitMQ settings'), null);
      return null;
    }
    const result = await rabbitmq();
    this.observe('rabbitmq', result.ok ? null : result.error, result.durationMs);
    return result.ok ? result.value.queues : null;
  }

  /**
   * Asks Prometheus for the DCGM exporter's GPU fields: any answer means Prometheus is up, and
   * the GPUs it reports stand in when nvidia-smi cannot be read.
   */
  private async pingPrometheus(timing: Record<string, number>): Promise<void> {
    const { prometheus } = this.transports;
    if (!prometheus) return this.observe('prometheus', notConfiguredError('Prometheus URL'), null);
    const result = await prometheus(DCGM_QUERY);
    timing['prometheus-dcgm'] = result.durationMs;
    this.observe('prometheus', result.ok ? null : result.error, result.durationMs);
    this.dcgmGpus = result.ok ? gpusFromDcgmSeries(result.value.series) : [];
  }

  private async probeEndpoints(timing: Record<string, number>): Promise<void> {
    const entries = Object.entries(this.node.endpoints ?? {});
    if (entries.length === 0)
      return this.observe('http', notConfiguredError('HTTP endpoints'), null);
    this.endpoints = await Promise.all(
      entries.map(async ([name, url]) => {
        const result = await this.transports.probeHttp(url, { timeoutMs: 3_000 });
        timing[`http-${name}`] = result.latencyMs;
        const answered = result.status !== 0;
        return {
          name,
          url,
          status: result.status,
          latencyMs: answered ? result.latencyMs : null,
          error: result.error,
        };
      }),
    );
    const answered = this.endpoints.filter((endpoint) => endpoint.status !== 0);
    const firstError = this.endpoints.find((endpoint) => endpoint.status === 0)?.error ?? null;
    this.observe('http', answered.length > 0 ? null : firstError, answered[0]?.latencyMs ?? null);
  }

  /** How many times each channel has been observed: health counts each observation once. */
  observationCount(channel: ChannelName): number {
    return this.observationCounts.get(channel) ?? 0;
  }

  private observe(
    channel: ChannelName,
    error: ChannelError | null,
    latencyMs: number | null,
  ): void {
    this.observationCounts.set(channel, this.observationCount(channel) + 1);
    this.observations.set(channel, { error, latencyMs });
    if (!error) this.lastSuccess.set(channel, this.now().toISOString());
  }

  private reachability(): NodeSnapshot['reachability'] {
    const channel = (name: ChannelName, what: string) => {
      const observation = this.observations.get(name);
      if (!observation) return this.configured(name) ? unknownYet() : notConfigured(what);
      if (observation.error?.kind === 'not-configured') return notConfigured(what);
      return channelObservation(
        observation.error,
        observation.latencyMs,
        this.lastSuccess.get(name) ?? null,
      );
    };
    return {
      ssh: channel('ssh', 'SSH settings'),
      postgres: channel('postgres', 'PostgreSQL settings'),
      redis: channel('redis', 'Redis settings'),
      http: channel('http', 'HTTP endpoints'),
      prometheus: channel('prometheus', 'Prometheus URL'),
      rabbitmq: channel('rabbitmq', 'RabbitMQ settings'),
    };
  }

  private configured(name: ChannelName): boolean {
    const { node } = this;
    const settings: Record<ChannelName, unknown> = {
      ssh: node.ssh,
      postgres: node.postgres,
      redis: node.redis,
      http: node.endpoints,
      prometheus: node.prometheus,
      rabbitmq: node.rabbitmq,
    };
    return settings[name] !== undefined;
  }

  private async timed<T>(
    name: string,
    timing: Record<string, number>,
    work: () => Promise<T>,
  ): Promise<T> {
    const startedMs = performance.now();
    try {
      return await work();
    } finally {
      timing[name] = performance.now() - startedMs;
    }
  }
}

function summarizeAll(fresh: Map<string, string[]>): Record<string, ContainerLogs> {
  return Object.fromEntries(
    [...fresh].map(([name, lines]) => [name, summarizeLogs(lines.join('\n')).value]),
  );
}

/** The server's log errors from `docker logs database-server`, merged into the server facts. */
function withLogErrors(server: PostgresServer, dockerLines: string[]): PostgresServer {
  const stripped = dockerLines.map((line) => line.replace(/^\S+Z /, '')).join('\n');
  const logErrors = summarizePostgresErrors(parsePostgresLog(stripped).value.entries);
  const { logErrors: _read, ...missing } = server.missing;
  return { ...server, logErrors, missing };
}

type CollectedPostgres = Awaited<ReturnType<typeof collectPostgres>>;

function emptySlowState(): SlowState {
  return {
    sections: null,
    postgres: null,
    postgresServer: null,
    redis: null,
    queues: null,
    logs: null,
  };
}

function unknownYet() {
  return {
    state: 'unknown' as const,
    latencyMs: null,
    error: { kind: 'other' as const, message: 'not probed yet' },
    lastSuccessAt: null,
  };
}

function notConfiguredError(what: string): ChannelError {
  return { kind: 'not-configured', message: `the fleet file gives no ${what} for this node` };
}

function isReason(value: unknown): value is MissingReason {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'detail' in value &&
    'kind' in value
  );
}

/**
 * Docker's RFC 3339 timestamp at the start of a `--timestamps` line, with the fraction padded to
 * nanoseconds so that stamps sort as text (Docker drops trailing zeros).
 */
export function dockerStamp(line: string): string {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z /.exec(line);
  return match ? `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}Z` : '';
}

function splitIds(psOutput: string): string[] {
  return [...psOutput.matchAll(/"ID":"([0-9a-f]{12,64})"/g)].map((match) => match[1] as string);
}
