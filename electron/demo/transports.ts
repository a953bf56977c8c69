// The demo plant behind the collector's transport interface (electron/collect/channels.ts): SSH
// answers the batch script section by section, PostgreSQL the collector's queries, Redis its
// commands, HTTP the fleet's endpoints. Failures are the errors the real transports would give,
// sorted by the same classifiers. Answers are instant; the latencies they report are plausible.
import type { NodeTransports, PostgresTransport, RedisTransport } from '../collect/channels';
import { parsePrometheusQueryResponse } from '../probes/prometheus-api';
import { parseRabbitQueues } from '../probes/rabbitmq';
import {
  classifyError,
  type ChannelError,
  type Outcome,
  type PingResult,
} from '../transport/errors';
import type { HttpProbeResult } from '../transport/http';
import type { PrometheusData } from '../transport/prometheus';
import type { RabbitmqQueues } from '../transport/rabbitmq';
import { classifySshError, type ExecResult } from '../transport/ssh';
import { SECTION_MARK } from '../transport/ssh-command';
import { parseBatchScript, sectionOutput, tokenizeShell } from './batch';
import { noise } from './clock';
import { runCommand } from './commands';
import type { DemoEngine } from './engine';
import type { ChannelKey, Fault, NodeView } from './node-view';
import {
  postgresRows,
  prometheusDcgm,
  prometheusEmpty,
  prometheusUp,
  rabbitQueues,
  redisHash,
  redisInfo,
} from './services';

export interface DemoTransportOptions {
  /** Simulated time of each call; default the engine's clock. */
  now?: () => number;
}

/** Round trips on a plant LAN, in milliseconds: [fastest, slowest]. */
const latencyRangeMs: Record<ChannelKey | 'http' | 'https', [number, number]> = {
  ssh: [22, 64],
  postgres: [0.6, 2.4],
  redis: [0.3, 1.2],
  prometheus: [3.5, 9],
  rabbitmq: [5, 14],
  http: [2.5, 11],
  https: [12, 31],
};

/** The container the scenario's nodes run NVIDIA's DCGM exporter in (report 00:33 #1). */
const DCGM_EXPORTER = 'nvidia-gpu-exporter';

/** An ARP timeout before the kernel says "no route to host". */
const UNREACHABLE_MS = 3_070;

class DemoNode {
  readonly counters = { connections: 0, execs: 0 };
  private sshConnected = false;

  constructor(
    readonly engine: DemoEngine,
    readonly nodeId: string,
    private readonly now: () => number,
  ) {}

  view(): NodeView {
    return this.engine.node(this.nodeId, this.now());
  }

  latencyMs(view: NodeView, channel: keyof typeof latencyRangeMs): number {
    const [low, high] = latencyRangeMs[channel];
    const share = noise(this.engine.seed, `${this.nodeId}/${channel}/latency`, view.atMs / 1000);
    return Math.round((low + (high - low) * share) * 100) / 100;
  }

  /** How long a failed attempt took before the error came back. */
  failureMs(fault: Fault, timeoutMs: number): number {
    if (fault === 'timeout') return timeoutMs;
    return fault === 'unreachable' ? UNREACHABLE_MS : 1.1;
  }

  exec(script: string, timeoutMs: number): ExecResult {
    const view = this.view();
    const fault = view.faults.ssh;
    if (fault) {
      this.sshConnected = false;
      const error = sshError(fault, view.spec.host, view.spec.sshPort);
      return { ok: false, error, durationMs: this.failureMs(fault, timeoutMs) };
    }
    if (!this.sshConnected) this.counters.connections += 1;
    this.sshConnected = true;
    this.counters.execs += 1;
    const { stdout, exitCode } = script.includes(SECTION_MARK)
      ? { stdout: this.runBatch(script, view), exitCode: 0 }
      : this.runSingle(script, view);
    const durationMs = this.latencyMs(view, 'ssh') + stdout.length / 40_000;
    return {
      ok: true,
      exitCode,
      signal: null,
      stdout,
      stderr: '',
      truncated: false,
      durationMs,
    };
  }

  /** One command, as the action runner sends it (electron/transport/ssh-command.ts quoting). */
  private runSingle(script: string, view: NodeView): { stdout: string; exitCode: number } {
    const commands = tokenizeShell(script);
    if (commands.length !== 1) {
      return { stdout: 'the demo plant answers one command per exec\n', exitCode: 2 };
    }
    return runCommand(commands[0] ?? [], { engine: this.engine, view });
  }

  /** Each section of the collector's batch, answered and framed as the remote shell would. */
  private runBatch(script: string, view: NodeView): string {
    return parseBatchScript(script)
      .map(({ name, argv }) => {
        const output = runCommand(argv, { engine: this.engine, view });
        return sectionOutput(name, output.stdout, output.exitCode);
      })
      .join('');
  }
}

export function createDemoTransports(
  engine: DemoEngine,
  nodeId: string,
  options: DemoTransportOptions = {},
): NodeTransports {
  const spec = engine.scenario.nodes[nodeId];
  if (!spec) throw new RangeError(`no node ${nodeId} in the demo plant`);
  const node = new DemoNode(engine, nodeId, options.now ?? (() => engine.nowMs()));
  return {
    ssh: {
      exec: async (script, execOptions) => node.exec(script, execOptions?.timeoutMs ?? 10_000),
      close: () => undefined,
      counters: node.counters,
    },
    postgres: spec.postgres ? postgresTransport(node) : null,
    redis: spec.redis ? redisTransport(node) : null,
    rabbitmq: spec.rabbitmq ? async () => rabbitmq(node) : null,
    prometheus: spec.prometheus ? async (expression) => prometheus(node, expression) : null,
    probeHttp: async (url, probeOptions) => probeHttp(node, url, probeOptions.timeoutMs),
  };
}

// -- errors as the drivers raise them -------------------------------------------------------------

const faultCodes: Record<Fault, string> = {
  timeout: 'ETIMEDOUT',
  refused: 'ECONNREFUSED',
  unreachable: 'EHOSTUNREACH',
  auth: '28P01',
};

/** A Node socket error (`connect ECONNREFUSED 10.244.70.26:4000`) sorted like a real one. */
function socketError(fault: Fault, host: string, port: number | string): ChannelError {
  const code = faultCodes[fault];
  const message =
    fault === 'auth'
      ? 'password authentication failed for user "postgres"'
      : `connect ${code} ${host}:${port}`;
  return classifyError(Object.assign(new Error(message), { code }));
}

/** What ssh2 reports for each fault, sorted by the SSH transport's own classifier. */
function sshError(fault: Fault, host: string, port: number): ChannelError {
  if (fault === 'timeout')
    return classifySshError({
      level: 'client-timeout',
      message: 'Timed out while waiting for handshake',
    });
  if (fault === 'auth')
    return classifySshError({
      level: 'client-authentication',
      message: 'All configured authentication methods failed',
    });
  const code = faultCodes[fault];
  return classifySshError({
    level: 'client-socket',
    code,
    message: `connect ${code} ${host}:${port}`,
  });
}

// -- channels -------------------------------------------------------------------------------------

function channelFailure(
  node: DemoNode,
  view: NodeView,
  channel: ChannelKey,
  port: number,
): { error: ChannelError; durationMs: number } | null {
  const fault = view.faults[channel];
  if (!fault) return null;
  return {
    error: socketError(fault, view.spec.host, port),
    durationMs: node.failureMs(fault, 3_000),
  };
}

function ping(node: DemoNode, channel: 'postgres' | 'redis', port: number): PingResult {
  const view = node.view();
  const failure = channelFailure(node, view, channel, port);
  if (failure) return { ok: false, error: failure.error, latencyMs: failure.durationMs };
  return { ok: true, latencyMs: node.latencyMs(view, channel) };
}

function postgresTransport(node: DemoNode): PostgresTransport {
  const port = node.view().spec.postgres?.port ?? 5432;
  return {
    ping: async () => ping(node, 'postgres', port),
    close: async () => undefined,
    query: async <T extends Record<string, unknown>>(sql: string) => {
      const view = node.view();
      const failure = channelFailure(node, view, 'postgres', port);
      if (failure) return { ok: false as const, ...failure };
      const rows = postgresRows(view, sql, node.engine.startMs);
      const durationMs = node.latencyMs(view, 'postgres') * 2;
      if (rows) return { ok: true as const, rows: rows as T[], durationMs };
      // TODO(#4): only the collector's queries are simulated; diagnostics will need more.
      const error: ChannelError = {
        kind: 'protocol',
        message: 'the demo plant does not simulate this query',
      };
      return { ok: false as const, error, durationMs };
    },
  };
}

function redisTransport(node: DemoNode): RedisTransport {
  const port = node.view().spec.redis?.port ?? 6379;
  const answer = <T>(read: (view: NodeView) => T): Outcome<T> => {
    const view = node.view();
    const failure = channelFailure(node, view, 'redis', port);
    if (failure) return { ok: false, ...failure };
    return { ok: true, value: read(view), durationMs: node.latencyMs(view, 'redis') };
  };
  return {
    ping: async () => ping(node, 'redis', port),
    info: async () => answer((view) => redisInfo(view, node.engine.seed)),
    hgetall: async (db, key) => answer((view) => redisHash(view, db, key) ?? {}),
    exists: async (db, key) => answer((view) => redisHash(view, db, key) !== null),
    close: async () => undefined,
  };
}

function prometheus(node: DemoNode, expression: string): Outcome<PrometheusData> {
  const view = node.view();
  const failure = channelFailure(node, view, 'prometheus', view.spec.prometheus?.port ?? 9090);
  if (failure) return { ok: false, ...failure };
  // TODO(#4): only `up` and the DCGM GPU fields are simulated; others answer an empty vector.
  const dcgm = prometheusDcgm(view, expression, DCGM_EXPORTER);
  const body = expression.trim() === 'up' ? prometheusUp(view) : (dcgm ?? prometheusEmpty());
  const parsed = parsePrometheusQueryResponse(body);
  const durationMs = node.latencyMs(view, 'prometheus');
  if (parsed.value?.status !== 'success') {
    return {
      ok: false,
      error: { kind: 'protocol', message: 'not a Prometheus answer' },
      durationMs,
    };
  }
  return { ok: true, value: { ...parsed.value, problems: parsed.problems }, durationMs };
}

function rabbitmq(node: DemoNode): Outcome<RabbitmqQueues> {
  const view = node.view();
  const failure = channelFailure(node, view, 'rabbitmq', view.spec.rabbitmq?.port ?? 15672);
  if (failure) return { ok: false, ...failure };
  const parsed = parseRabbitQueues(rabbitQueues(view));
  const value = { queues: parsed.value, problems: parsed.problems };
  return { ok: true, value, durationMs: node.latencyMs(view, 'rabbitmq') };
}

function probeHttp(node: DemoNode, url: string, timeoutMs: number): HttpProbeResult {
  const view = node.view();
  const entry = Object.entries(view.spec.endpoints).find(([, endpoint]) =>
    sameUrl(endpoint.url, url),
  );
  const target = URL.canParse(url) ? new URL(url) : null;
  const secure = target?.protocol === 'https:';
  const state = entry ? view.endpoints[entry[0]] : undefined;
  if (!state || state.fault) {
    // A URL the scenario does not serve is a port nothing listens on.
    const fault = state?.fault ?? 'refused';
    const port = target?.port || (secure ? '443' : '80');
    const error = socketError(fault, view.spec.host, port);
    return { status: 0, latencyMs: node.failureMs(fault, timeoutMs), error };
  }
  const answer: HttpProbeResult = {
    status: state.status,
    latencyMs: node.latencyMs(view, secure ? 'https' : 'http'),
    error: state.status >= 400 ? { kind: 'http-status', message: `HTTP ${state.status}` } : null,
  };
  if (secure) answer.tls = tlsState(entry?.[1].selfSigned ?? false);
  return answer;
}

/** Portainer's own certificate: an answer, reported as untrusted, as the HTTP probe does. */
function tlsState(selfSigned: boolean): HttpProbeResult['tls'] {
  return selfSigned
    ? { authorized: false, reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' }
    : { authorized: true };
}

function sameUrl(left: string, right: string): boolean {
  if (left === right) return true;
  return URL.canParse(left) && URL.canParse(right) && new URL(left).href === new URL(right).href;
}
