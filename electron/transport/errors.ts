// Sorts whatever a driver throws (Node sockets, DNS, TLS, pg, ioredis, node:http) into the few
// kinds of shared/snapshot.ts, so the UI can name the cause — refused, timed out, password
// refused — without knowing which library met it. Also the result envelope every transport
// call resolves to: transports never throw at their callers.
import type { ChannelError, ErrorKind } from '../../shared/snapshot';
import { redactText, type Logger } from '../log';

export type { ChannelError, ErrorKind };

/** What a transport call resolves to: a value or a sorted error, and how long it took. */
export type Outcome<T> =
  | { ok: true; value: T; durationMs: number }
  | { ok: false; error: ChannelError; durationMs: number };

/** A round trip that carries no data (`select 1`, `PING`): its latency, or why it failed. */
export type PingResult =
  { ok: true; latencyMs: number } | { ok: false; error: ChannelError; latencyMs: number };

/** Longest message kept: drivers sometimes quote a whole server answer. */
const MAX_MESSAGE_CHARS = 300;

/** Our own deadline ran out; carries a code so it sorts like the drivers' timeouts. */
export class TransportTimeoutError extends Error {
  override readonly name = 'TransportTimeoutError';
  readonly code = 'ETRANSPORTTIMEOUT';

  constructor(
    what: string,
    readonly timeoutMs: number,
  ) {
    super(`${what}: no answer within ${timeoutMs} ms`);
  }
}

/** Node error codes and PostgreSQL SQLSTATEs whose kind is known exactly. */
const kindByCode: Record<string, ErrorKind> = {
  ECONNREFUSED: 'socket',
  ECONNRESET: 'socket',
  ECONNABORTED: 'socket',
  EHOSTUNREACH: 'socket',
  EHOSTDOWN: 'socket',
  ENETUNREACH: 'socket',
  ENETDOWN: 'socket',
  EPIPE: 'socket',
  EADDRNOTAVAIL: 'socket',
  UND_ERR_SOCKET: 'socket',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  ETRANSPORTTIMEOUT: 'timeout',
  // Our transports abort only when their deadline runs out.
  ABORT_ERR: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  EPROTO: 'tls',
  // PostgreSQL: invalid password, invalid authorization (no pg_hba.conf entry, unknown role).
  '28P01': 'auth',
  '28000': 'auth',
  // statement_timeout cancelled the query on the server.
  '57014': 'timeout',
  // The server is shutting down, was shut down, or is still starting: it is not there for us.
  '57P01': 'socket',
  '57P02': 'socket',
  '57P03': 'socket',
  // The database named in the fleet file does not exist: a setting to fix, not a network fault.
  '3D000': 'other',
};

/** Codes recognised by shape rather than one by one. */
const kindByCodePattern: [RegExp, ErrorKind][] = [
  [/^(ERR_TLS_|ERR_SSL_)|CERT|SELF_SIGNED|^UNABLE_TO_(GET|VERIFY)/, 'tls'],
  [/^HPE_/, 'protocol'],
  [/^08/, 'socket'], // SQLSTATE class 08: connection exception
  [/^(53|54)/, 'other'], // insufficient resources, program limits (too many connections)
];

/** Errors that carry no code, recognised by class name. */
const kindByName: Record<string, ErrorKind> = {
  AbortError: 'timeout',
  TimeoutError: 'timeout',
  MaxRetriesPerRequestError: 'socket',
};

/** Messages of pg, pg-pool and ioredis errors that carry neither a code nor a telling name. */
const kindByMessage: [RegExp, ErrorKind][] = [
  [/NOAUTH|WRONGPASS|invalid password|password authentication|\bSASL\b|password must be/i, 'auth'],
  [/timed? ?out|timeout/i, 'timeout'],
  [/Connection terminated|Connection is closed|isn't writeable|socket hang up/i, 'socket'],
  [/certificate|\bTLS\b|\bSSL\b/i, 'tls'],
];

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function asErrorLike(error: unknown): ErrorLike | undefined {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : undefined;
}

/** The error that says what happened: fetch wraps it in `cause`, Happy Eyeballs in `errors`. */
function innermost(error: ErrorLike): ErrorLike {
  const nested = Array.isArray(error.errors) ? error.errors[0] : undefined;
  const inner = asErrorLike(error.cause) ?? asErrorLike(nested);
  if (inner === undefined || typeof error.code === 'string') return error;
  return innermost(inner);
}

function kindOfCode(code: string): ErrorKind | undefined {
  const exact = kindByCode[code];
  if (exact !== undefined) return exact;
  return kindByCodePattern.find(([pattern]) => pattern.test(code))?.[1];
}

function kindOf(error: ErrorLike, message: string): ErrorKind {
  const code = typeof error.code === 'string' ? error.code : undefined;
  const name = typeof error.name === 'string' ? error.name : '';
  const byCode = code === undefined ? undefined : kindOfCode(code);
  if (byCode !== undefined) return byCode;

  const byName = kindByName[name];
  if (byName !== undefined) return byName;
  const byMessage = kindByMessage.find(([pattern]) => pattern.test(message))?.[1];
  if (byMessage !== undefined) return byMessage;

  // The server understood the connection but refused the command (Redis) or query (pg).
  if (name === 'ReplyError' || (code !== undefined && /^[0-9A-Z]{5}$/.test(code))) {
    return 'protocol';
  }
  return 'other';
}

/** Happy Eyeballs' AggregateError has an empty message; its attempts say what happened. */
function nestedMessages(error: ErrorLike): string | undefined {
  if (!Array.isArray(error.errors)) return undefined;
  const messages = error.errors.map((nested) => asErrorLike(nested)?.message);
  const texts = messages.filter((text): text is string => typeof text === 'string' && text !== '');
  return texts.length === 0 ? undefined : texts.join('; ');
}

function messageOf(error: ErrorLike, outer: ErrorLike): string {
  const candidates = [error.message, nestedMessages(error), outer.message, error.code, error.name];
  const text = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
  return typeof text === 'string' ? text.trim() : 'unknown error';
}

/** Trims, shortens and scrubs a message: drivers quote connection strings and server answers. */
export function cleanMessage(text: string): string {
  const oneLine = redactText(text).replace(/\s+/g, ' ').trim() || 'unknown error';
  if (oneLine.length <= MAX_MESSAGE_CHARS) return oneLine;
  return `${oneLine.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
}

/** Sorts any thrown value into a ChannelError. Never throws. */
export function classifyError(error: unknown): ChannelError {
  const outer = asErrorLike(error);
  if (outer === undefined) {
    const text = error === undefined || error === null ? 'unknown error' : String(error);
    return { kind: 'other', message: cleanMessage(text) };
  }
  const inner = innermost(outer);
  const message = messageOf(inner, outer);
  return { kind: kindOf(inner, message), message: cleanMessage(message) };
}

/**
 * Settles with `work`, or rejects with a TransportTimeoutError after `timeoutMs`. The work is
 * not cancelled: callers that can cancel (sockets, pooled clients) clean up when it settles.
 */
export function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransportTimeoutError(what, timeoutMs)), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Milliseconds since `startedAt` (a performance.now() reading), to 0.01 ms. */
export function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 100) / 100;
}

/**
 * Logs a channel's failure when it starts or changes, and its recovery — not every repeat, so a
 * node that stays down for a night writes two lines, not one per tick.
 */
export class FailureReporter {
  private lastMessage: string | null = null;

  constructor(
    private readonly log: Logger,
    private readonly label: string,
  ) {}

  failed(error: ChannelError): void {
    if (this.lastMessage === error.message) return;
    this.lastMessage = error.message;
    this.log.warn(`${this.label}: ${error.kind}: ${error.message}`);
  }

  succeeded(): void {
    if (this.lastMessage === null) return;
    this.lastMessage = null;
    this.log.info(`${this.label}: answering again`);
  }
}
