// Redis/KeyDB: one connection per node, kept alive by ioredis' reconnect loop and by a watchdog
// that replaces the client when it stays not-ready too long. The reference report saw a NestJS
// client stuck for good after ECONNREFUSED → EHOSTUNREACH while KeyDB was long back; whatever
// state ioredis ends up in, a fresh client is at most `stuckAfterMs` away.
//
// Logical databases: every command() travels in one pipeline behind its own `SELECT db` on the
// node's single connection. Commands on one connection run in order, so each call's SELECT
// precedes its command and no call depends on what an earlier one selected. One connection per
// DB would also work, but would show KeyDB four clients per node and need four watchdogs.
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisSettings } from '../../shared/fleet';
import { createLogger } from '../log';
import {
  classifyError,
  elapsedMs,
  FailureReporter,
  TransportTimeoutError,
  withTimeout,
  type ChannelError,
  type Outcome,
  type PingResult,
} from './errors';
import { resolveSecret } from './secrets';

const log = createLogger('redis');

/** Shown by `CLIENT LIST` on the server, so operators can tell our connection apart. */
const CONNECTION_NAME = 'visionking-control-room';

export interface RedisChannelOptions {
  /** The node's id, for log lines. */
  nodeId: string;
  host: string;
  settings: Pick<RedisSettings, 'port' | 'passwordEnv'>;
  /** Where `settings.passwordEnv` is looked up. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Longest wait for the TCP connection. Default 2 000. */
  connectTimeoutMs?: number;
  /** Default deadline of one call, also ioredis' own per-command limit. Default 3 000. */
  commandTimeoutMs?: number;
  /** Reconnect delays grow to this and stay there, forever. Default 1 000: recovery is fast. */
  maxRetryDelayMs?: number;
  /** A client not ready for this long is replaced by a new one. Default 5 000 (one fast tick). */
  stuckAfterMs?: number;
  /** How often the watchdog looks. Default 1 000. */
  watchdogIntervalMs?: number;
  /** Overrides for the ioredis client (tests use it to make a client that gives up). */
  clientOptions?: Partial<RedisOptions>;
}

export interface CommandOptions {
  /** Logical database the command runs in. Default 0. */
  db?: number;
  /** Deadline for this call, waiting for a connection in progress included. */
  timeoutMs?: number;
}

export type RedisArgument = string | number | Buffer;

/** `ready`: commands go through. `connecting`: a first attempt is under way. `down`: failing. */
export type RedisStatus = 'ready' | 'connecting' | 'down';

export interface RedisChannelState {
  status: RedisStatus;
  /** Why the channel is not ready; null when ready or before the first attempt ended. */
  lastError: ChannelError | null;
  /** How many times the watchdog replaced a stuck client. */
  rebuilds: number;
}

type Limits = Required<
  Pick<
    RedisChannelOptions,
    | 'connectTimeoutMs'
    | 'commandTimeoutMs'
    | 'maxRetryDelayMs'
    | 'stuckAfterMs'
    | 'watchdogIntervalMs'
  >
>;

function limitsOf(options: RedisChannelOptions): Limits {
  return {
    connectTimeoutMs: options.connectTimeoutMs ?? 2_000,
    commandTimeoutMs: options.commandTimeoutMs ?? 3_000,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 1_000,
    stuckAfterMs: options.stuckAfterMs ?? 5_000,
    watchdogIntervalMs: options.watchdogIntervalMs ?? 1_000,
  };
}

/** The channel cannot send now; carries the error that says why. */
class NotReadyError extends Error {
  constructor(readonly channelError: ChannelError) {
    super(channelError.message);
  }
}

export class RedisChannel {
  private readonly limits: Limits;
  private readonly label: string;
  private readonly failures: FailureReporter;
  private readonly setupError: ChannelError | undefined;
  private readonly clientOptions: RedisOptions | undefined;
  private client: Redis | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private lastError: ChannelError | null = null;
  /** Date.now() when the client last stopped being ready (or was created); null while ready. */
  private notReadySinceMs: number | null = Date.now();
  private rebuilds = 0;
  /** Rebuilds since the client was last ready: the first of an outage is logged louder. */
  private outageRebuilds = 0;
  private closed = false;

  constructor(options: RedisChannelOptions) {
    this.limits = limitsOf(options);
    this.label = `${options.nodeId} ${options.host}:${options.settings.port}`;
    this.failures = new FailureReporter(log, this.label);

    const secret = resolveSecret(options.settings.passwordEnv, options.env);
    if (!secret.ok) {
      this.setupError = secret.error;
      return;
    }
    this.clientOptions = clientOptionsOf(options, this.limits, secret.value);
    this.client = this.createClient();
    this.watchdog = setInterval(() => this.checkClient(), this.limits.watchdogIntervalMs);
    // The watchdog alone must not keep a one-shot CLI process alive.
    this.watchdog.unref();
  }

  /** Where the channel stands now, for health and the UI. */
  get state(): RedisChannelState {
    const lastError = this.setupError ?? this.lastError;
    const ready = this.client?.status === 'ready';
    const status: RedisStatus = ready ? 'ready' : lastError === null ? 'connecting' : 'down';
    return { status, lastError: ready ? null : lastError, rebuilds: this.rebuilds };
  }

  /**
   * Runs one command in `options.db` (default 0). Resolves with its reply or a sorted error;
   * never rejects, never waits past the deadline.
   */
  command<T = unknown>(
    name: string,
    args: RedisArgument[] = [],
    options: CommandOptions = {},
  ): Promise<Outcome<T>> {
    const db = options.db ?? 0;
    return this.attempt(`${name} in db ${db}`, options.timeoutMs, (client) =>
      this.sendInDatabase<T>(client, db, (pipeline) => pipeline.call(name, args)),
    );
  }

  /** PING: whether the server answers, and how fast. */
  async ping(options: Pick<CommandOptions, 'timeoutMs'> = {}): Promise<PingResult> {
    const outcome = await this.attempt('PING', options.timeoutMs, (client) => client.ping());
    if (outcome.ok) return { ok: true, latencyMs: outcome.durationMs };
    return { ok: false, error: outcome.error, latencyMs: outcome.durationMs };
  }

  /** INFO as the server writes it (`# Keyspace`, `db0:keys=…`), for the probes' parser. */
  info(
    section?: string,
    options: Pick<CommandOptions, 'timeoutMs'> = {},
  ): Promise<Outcome<string>> {
    const args = section === undefined ? [] : [section];
    return this.attempt('INFO', options.timeoutMs, (client) => client.info(...args));
  }

  /** All fields of a hash; an absent key gives `{}` (use exists() to tell the two apart). */
  hgetall(
    db: number,
    key: string,
    options: Pick<CommandOptions, 'timeoutMs'> = {},
  ): Promise<Outcome<Record<string, string>>> {
    return this.attempt(`HGETALL in db ${db}`, options.timeoutMs, (client) =>
      this.sendInDatabase<Record<string, string>>(client, db, (pipeline) => pipeline.hgetall(key)),
    );
  }

  /** Whether the key exists in `db`. */
  async exists(
    db: number,
    key: string,
    options: Pick<CommandOptions, 'timeoutMs'> = {},
  ): Promise<Outcome<boolean>> {
    const outcome = await this.command<number>('EXISTS', [key], { ...options, db });
    return outcome.ok ? { ...outcome, value: outcome.value === 1 } : outcome;
  }

  /** The key's type: `string`, `hash`, … or `none` when it does not exist. */
  type(
    db: number,
    key: string,
    options: Pick<CommandOptions, 'timeoutMs'> = {},
  ): Promise<Outcome<string>> {
    return this.command<string>('TYPE', [key], { ...options, db });
  }

  /** Stops the watchdog and closes the connection; later calls resolve with an error. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.watchdog);
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) await retire(client);
  }

  private async attempt<T>(
    what: string,
    timeoutMs: number | undefined,
    send: (client: Redis) => Promise<T>,
  ): Promise<Outcome<T>> {
    const startedAt = performance.now();
    const deadlineMs = timeoutMs ?? this.limits.commandTimeoutMs;
    try {
      const value = await withTimeout(
        this.readyClient(deadlineMs).then(send),
        deadlineMs,
        `Redis ${what}`,
      );
      this.failures.succeeded();
      return { ok: true, value, durationMs: elapsedMs(startedAt) };
    } catch (error) {
      const channelError =
        error instanceof NotReadyError ? error.channelError : classifyError(error);
      this.failures.failed(channelError);
      return { ok: false, error: channelError, durationMs: elapsedMs(startedAt) };
    }
  }

  /**
   * The client once it is ready. While a connection attempt is under way (the first one, or the
   * server just came back) it waits for that attempt; otherwise it fails at once with the last
   * error, so a down server costs a tick nothing.
   */
  private async readyClient(timeoutMs: number): Promise<Redis> {
    const client = this.client;
    if (this.setupError !== undefined) throw new NotReadyError(this.setupError);
    if (this.closed || client === undefined) {
      throw new NotReadyError({ kind: 'other', message: 'the Redis channel is closed' });
    }
    if (client.status === 'ready') return client;
    if (isAttempting(client) && (await attemptSettled(client, timeoutMs))) return client;
    throw new NotReadyError(this.lastError ?? notConnected(client));
  }

  /** SELECT then the command, as one pipeline: one round trip, nothing left to the next call. */
  private async sendInDatabase<T>(
    client: Redis,
    db: number,
    add: (pipeline: ReturnType<Redis['pipeline']>) => unknown,
  ): Promise<T> {
    if (!Number.isInteger(db) || db < 0) throw new Error(`not a database number: ${db}`);
    const pipeline = client.pipeline().select(db);
    add(pipeline);
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    const reply = results[1];
    if (reply === undefined) throw new Error('the pipeline returned no reply');
    return reply[1] as T;
  }

  private createClient(): Redis {
    const client = new Redis(this.clientOptions as RedisOptions);
    client.on('error', (error: unknown) => {
      this.lastError = classifyError(error);
      this.failures.failed(this.lastError);
    });
    client.on('ready', () => {
      this.lastError = null;
      this.notReadySinceMs = null;
      this.outageRebuilds = 0;
      this.failures.succeeded();
    });
    client.on('close', () => {
      this.notReadySinceMs ??= Date.now();
      this.lastError ??= { kind: 'socket', message: 'the server closed the connection' };
    });
    return client;
  }

  /** The watchdog: replaces a client that has stayed not-ready for longer than stuckAfterMs. */
  private checkClient(): void {
    const client = this.client;
    if (this.closed || client === undefined) return;
    if (client.status === 'ready') return;
    this.notReadySinceMs ??= Date.now();
    const notReadyMs = Date.now() - this.notReadySinceMs;
    if (notReadyMs < this.limits.stuckAfterMs) return;
    this.rebuild(`not ready for ${notReadyMs} ms (ioredis status "${client.status}")`);
  }

  private rebuild(reason: string): void {
    const stuck = this.client;
    this.rebuilds += 1;
    this.outageRebuilds += 1;
    // The first rebuild of an outage is news; those that follow while the server stays away
    // are routine.
    const level = this.outageRebuilds === 1 ? 'warn' : 'debug';
    log[level](`${this.label}: replacing the client, ${reason}`);
    this.client = this.createClient();
    this.notReadySinceMs = Date.now();
    if (stuck !== undefined) void retire(stuck);
  }
}

function clientOptionsOf(
  options: RedisChannelOptions,
  limits: Limits,
  password: string | undefined,
): RedisOptions {
  return {
    host: options.host,
    port: options.settings.port,
    password,
    connectionName: CONNECTION_NAME,
    connectTimeout: limits.connectTimeoutMs,
    commandTimeout: limits.commandTimeoutMs,
    // A connection that owes replies and is silent this long is dropped and rebuilt: a frozen
    // server is then retried instead of keeping a dead socket "ready".
    socketTimeout: limits.commandTimeoutMs,
    // Fail at once when not connected, rather than queueing probes to run late.
    enableOfflineQueue: false,
    // Commands in flight when the connection drops fail now, and are never re-sent later.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt: number) =>
      Math.min(50 * 2 ** Math.min(attempt, 10), limits.maxRetryDelayMs),
    // RESP2: KeyDB and older Redis speak it; RESP3 would add a HELLO round trip and nothing we use.
    protocol: 2,
    // CLIENT SETINFO is unknown to KeyDB and older Redis: two wasted round trips per connect.
    disableClientInfo: true,
    keepAlive: 10_000,
    ...options.clientOptions,
  };
}

function isAttempting(client: Redis): boolean {
  return client.status === 'connecting' || client.status === 'connect' || client.status === 'wait';
}

function notConnected(client: Redis): ChannelError {
  return { kind: 'socket', message: `not connected (ioredis status "${client.status}")` };
}

/** Resolves true when the attempt under way ends ready, false when it fails; rejects on timeout. */
function attemptSettled(client: Redis, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new TransportTimeoutError('connecting to Redis', timeoutMs));
    }, timeoutMs);
    const onReady = (): void => finish(true);
    const onFailure = (): void => finish(false);
    const cleanup = (): void => {
      clearTimeout(timer);
      client.off('ready', onReady).off('close', onFailure).off('end', onFailure);
    };
    const finish = (ready: boolean): void => {
      cleanup();
      resolve(ready);
    };
    client.once('ready', onReady).once('close', onFailure).once('end', onFailure);
  });
}

/** Closes a client we no longer use; its late errors are expected and go nowhere. */
async function retire(client: Redis): Promise<void> {
  client.removeAllListeners();
  client.on('error', (error: unknown) => {
    log.debug(`retired client: ${classifyError(error).message}`);
  });
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  client.disconnect();
  if (client.status !== 'end') await withTimeout(ended, 1_000, 'closing').catch(() => undefined);
}
