// PostgreSQL: one small pool per node. Every call has a deadline and resolves to a value or a
// sorted error, never a throw; a server that dies under an idle connection must never take the
// process down with an unhandled 'error' event, which is what pg does without listeners.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import type { PostgresSettings } from '../../shared/fleet';
import { createLogger } from '../log';
import {
  classifyError,
  elapsedMs,
  FailureReporter,
  withTimeout,
  type ChannelError,
  type PingResult,
} from './errors';
import { resolveSecret } from './secrets';

const log = createLogger('postgres');

/** Shown in the servers' pg_stat_activity and logs, so operators can tell our sessions apart. */
const APPLICATION_NAME = 'visionking-control-room';

export interface PostgresChannelOptions {
  /** The node's id, for log lines. */
  nodeId: string;
  host: string;
  settings: PostgresSettings;
  /** Where `settings.passwordEnv` is looked up. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Longest wait for a new connection (TCP, TLS-less startup, authentication). Default 3 000. */
  connectTimeoutMs?: number;
  /** Default deadline of one query() call, connection included. Default 5 000. */
  queryTimeoutMs?: number;
  /** Server-side limit, so a query we gave up on does not run on. Default 10 000. */
  statementTimeoutMs?: number;
  /** Idle connections are closed after this long. Default 30 000. */
  idleTimeoutMs?: number;
  /** At most this many connections at once: we read a few numbers, not a workload. Default 2. */
  maxClients?: number;
}

/** What query() resolves to: the rows, or why there are none; always how long it took. */
export type QueryOutcome<T> =
  | { ok: true; rows: T[]; durationMs: number }
  | { ok: false; error: ChannelError; durationMs: number };

export interface QueryOptions {
  /** Deadline for this call, waiting for a connection included. */
  timeoutMs?: number;
}

type Limits = Required<
  Pick<
    PostgresChannelOptions,
    'connectTimeoutMs' | 'queryTimeoutMs' | 'statementTimeoutMs' | 'idleTimeoutMs' | 'maxClients'
  >
>;

function limitsOf(options: PostgresChannelOptions): Limits {
  return {
    connectTimeoutMs: options.connectTimeoutMs ?? 3_000,
    queryTimeoutMs: options.queryTimeoutMs ?? 5_000,
    statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
    maxClients: options.maxClients ?? 2,
  };
}

export class PostgresChannel {
  private readonly pool: pg.Pool | undefined;
  /** Set when the channel cannot even try (a named password variable is not set). */
  private readonly setupError: ChannelError | undefined;
  private readonly queryTimeoutMs: number;
  private readonly failures: FailureReporter;
  private closed = false;

  constructor(options: PostgresChannelOptions) {
    const limits = limitsOf(options);
    this.queryTimeoutMs = limits.queryTimeoutMs;
    this.failures = new FailureReporter(log, `${options.nodeId} ${options.host}`);

    const secret = resolveSecret(options.settings.passwordEnv, options.env);
    if (!secret.ok) {
      this.setupError = secret.error;
      return;
    }
    const tls = tlsOptions(options.settings);
    if (!tls.ok) {
      this.setupError = tls.error;
      return;
    }
    this.pool = new pg.Pool(poolConfig(options, limits, secret.value, tls.value));
    this.listenForErrors(this.pool, options.nodeId);
  }

  /** Runs one query. Resolves with the rows or a sorted error; never rejects, never hangs. */
  async query<T extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
    options: QueryOptions = {},
  ): Promise<QueryOutcome<T>> {
    const startedAt = performance.now();
    const unusable = this.unusableError();
    if (unusable !== undefined) return { ok: false, error: unusable, durationMs: 0 };

    try {
      const timeoutMs = options.timeoutMs ?? this.queryTimeoutMs;
      const rows = await this.run<T>(sql, params, timeoutMs);
      this.failures.succeeded();
      return { ok: true, rows, durationMs: elapsedMs(startedAt) };
    } catch (error) {
      const channelError = classifyError(error);
      this.failures.failed(channelError);
      return { ok: false, error: channelError, durationMs: elapsedMs(startedAt) };
    }
  }

  /** `select 1`: whether the server answers queries, and how fast. */
  async ping(options: QueryOptions = {}): Promise<PingResult> {
    const outcome = await this.query('select 1', [], options);
    if (outcome.ok) return { ok: true, latencyMs: outcome.durationMs };
    return { ok: false, error: outcome.error, latencyMs: outcome.durationMs };
  }

  /** Closes every connection; later calls resolve with an error. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool?.end().catch((error: unknown) => {
      log.debug(`closing the pool failed: ${classifyError(error).message}`);
    });
  }

  private unusableError(): ChannelError | undefined {
    if (this.setupError !== undefined) return this.setupError;
    if (this.closed || this.pool === undefined) {
      return { kind: 'other', message: 'the PostgreSQL channel is closed' };
    }
    return undefined;
  }

  private async run<T extends pg.QueryResultRow>(
    sql: string,
    params: unknown[],
    timeoutMs: number,
  ): Promise<T[]> {
    const deadline = performance.now() + timeoutMs;
    const client = await this.acquire(timeoutMs);
    let failed = false;
    try {
      // query_timeout is pg's client-side deadline: it also fires when the server is frozen.
      const remainingMs = Math.max(1, Math.round(deadline - performance.now()));
      const config = { text: sql, values: params, query_timeout: remainingMs } as pg.QueryConfig;
      const result = await client.query<T>(config);
      return result.rows;
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // After a failure the query may still be in flight on that connection: destroy it.
      client.release(failed);
    }
  }

  /** A pooled connection within timeoutMs; one that arrives after we gave up goes back. */
  private async acquire(timeoutMs: number): Promise<pg.PoolClient> {
    const connecting = (this.pool as pg.Pool).connect();
    try {
      return await withTimeout(connecting, timeoutMs, 'waiting for a connection');
    } catch (error) {
      connecting.then(
        (client) => client.release(),
        () => undefined,
      );
      throw error;
    }
  }

  /**
   * pg emits 'error' on the pool for an idle connection that dies, and on a client when its
   * socket fails between queries; with no listener either one crashes the process.
   */
  private listenForErrors(pool: pg.Pool, nodeId: string): void {
    pool.on('error', (error) => {
      log.warn(`${nodeId} idle connection lost: ${classifyError(error).message}`);
    });
    pool.on('connect', (client) => {
      client.on('error', (error) => {
        log.debug(`${nodeId} connection error: ${classifyError(error).message}`);
      });
    });
  }
}

function poolConfig(
  options: PostgresChannelOptions,
  limits: Limits,
  password: string | undefined,
  ssl: false | ConnectionOptions,
): pg.PoolConfig {
  return {
    host: options.host,
    port: options.settings.port,
    user: options.settings.user,
    database: options.settings.database,
    // A function, so pg never falls back to PGPASSWORD or ~/.pgpass: secrets come only from
    // the variable the fleet file names. pg takes undefined as "no password" (its types do not).
    password: (() => Promise.resolve(password)) as () => Promise<string>,
    // Always explicit, so a PGSSLMODE in the operator's shell cannot change how we connect.
    ssl,
    application_name: APPLICATION_NAME,
    max: limits.maxClients,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    idleTimeoutMillis: limits.idleTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    query_timeout: limits.queryTimeoutMs,
    // TCP keepalive notices a peer that vanished without closing (cable, power) on idle clients.
    keepAlive: true,
    // Idle connections must not keep a one-shot `control-room snapshot` process alive.
    allowExitOnIdle: true,
  };
}

/**
 * pg's `ssl` for the fleet file's `tls`. A `caFile` that cannot be read leaves the channel
 * unusable with a message naming the file, rather than connecting without the check it asked for.
 */
export function tlsOptions(
  settings: Pick<PostgresSettings, 'tls' | 'caFile'>,
): { ok: true; value: false | ConnectionOptions } | { ok: false; error: ChannelError } {
  if (settings.tls === 'off') return { ok: true, value: false };
  if (settings.tls === 'require') return { ok: true, value: { rejectUnauthorized: false } };
  if (settings.caFile === undefined) return { ok: true, value: { rejectUnauthorized: true } };
  const file = settings.caFile.replace(/^~(?=$|\/)/, homedir());
  try {
    return { ok: true, value: { rejectUnauthorized: true, ca: readFileSync(file, 'utf8') } };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const message = `cannot read postgres.caFile ${settings.caFile} (${reason})`;
    return { ok: false, error: { kind: 'not-configured', message } };
  }
}
