// HTTP: the endpoint probes of the fleet file (Portainer, visualizer, backend…) and the GET that
// the Prometheus and RabbitMQ transports build on. Every exchange has one deadline for all of it,
// reads at most a bounded body and always ends its socket.
//
// node:http/https rather than fetch: a self-signed certificate (Portainer on :9443) is an answer
// to report, not a failure, and only node:https lets us accept it for this one request
// (`rejectUnauthorized: false`) and still read whether it was trusted (`socket.authorized`).
// fetch would need undici's Agent, which Node does not expose.
import http, { STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import {
  classifyError,
  cleanMessage,
  elapsedMs,
  TransportTimeoutError,
  type ChannelError,
} from './errors';

/** Whether the server's certificate was trusted; `reason` is Node's code when it was not. */
export interface TlsState {
  authorized: boolean;
  reason?: string;
}

export interface HttpGetOptions {
  /** Deadline for the whole exchange, redirects and body included. Default 5 000. */
  timeoutMs?: number;
  /** Body bytes kept; the rest is not read and the connection is closed. Default 256 KiB. */
  maxBodyBytes?: number;
  /** Redirects followed, and only within the same origin. Default 3. */
  maxRedirects?: number;
  headers?: Record<string, string>;
}

/** One GET, as far as it got. */
export interface HttpAnswer {
  /** The final HTTP status; 0 when nothing answered. */
  status: number;
  /** Until the final answer's headers arrived, or until the exchange failed. */
  latencyMs: number;
  /** Why the exchange failed, or the error status (kind http-status); null for 1xx–3xx. */
  error: ChannelError | null;
  /** Present for https:// answers. */
  tls?: TlsState;
  headers: IncomingHttpHeaders;
  /** At most maxBodyBytes of the body. */
  body: Buffer;
  /** The body was longer than maxBodyBytes and was cut off. */
  truncated: boolean;
}

export interface HttpProbeResult {
  status: number;
  latencyMs: number;
  error: ChannelError | null;
  tls?: TlsState;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
const DEFAULT_MAX_REDIRECTS = 3;

interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  chunks: Buffer[];
  truncated: boolean;
  tls?: TlsState;
  /** performance.now() when the headers arrived. */
  headersAt: number | null;
  error: unknown;
}

interface Settings {
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  headers: Record<string, string>;
}

/** Probes an endpoint: status, latency, error kind and TLS trust. Never throws. */
export async function probeHttp(
  url: string,
  options: HttpGetOptions = {},
): Promise<HttpProbeResult> {
  const answer = await httpGet(url, options);
  const { status, latencyMs, error, tls } = answer;
  return tls === undefined ? { status, latencyMs, error } : { status, latencyMs, error, tls };
}

/** One GET with a deadline and a bounded body, following same-origin redirects. Never throws. */
export async function httpGet(url: string, options: HttpGetOptions = {}): Promise<HttpAnswer> {
  const startedAt = performance.now();
  const settings = settingsOf(options);
  const parsed = parseHttpUrl(url);
  if (!(parsed instanceof URL)) return failedBeforeSending(parsed, startedAt);
  let target: URL = parsed;

  const signal = AbortSignal.timeout(settings.timeoutMs);
  for (let hop = 0; ; hop += 1) {
    const exchange = await exchangeOnce(target, settings, signal);
    const next: URL | undefined =
      hop < settings.maxRedirects ? sameOriginRedirect(target, exchange) : undefined;
    if (next === undefined) return answerOf(exchange, signal, settings, startedAt);
    target = next;
  }
}

function settingsOf(options: HttpGetOptions): Settings {
  return {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    headers: { 'user-agent': 'visionking-control-room', ...options.headers },
  };
}

function parseHttpUrl(url: string): URL | ChannelError {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed;
  } catch {
    // Reported below like any other URL we cannot request.
  }
  return { kind: 'not-configured', message: cleanMessage(`not an http(s) URL: ${url}`) };
}

function failedBeforeSending(error: ChannelError, startedAt: number): HttpAnswer {
  const latencyMs = elapsedMs(startedAt);
  return { status: 0, latencyMs, error, headers: {}, body: Buffer.alloc(0), truncated: false };
}

/** One request/response; resolves (never rejects) once the socket is done with. */
function exchangeOnce(url: URL, settings: Settings, signal: AbortSignal): Promise<Exchange> {
  return new Promise((resolve) => {
    const exchange = emptyExchange();
    try {
      const request = startRequest(url, settings, signal, (response) => {
        recordHead(exchange, response);
        readBody(response, settings.maxBodyBytes, exchange).then(() => resolve(exchange));
      });
      request.on('error', (error) => {
        exchange.error ??= error;
        if (exchange.headersAt === null) resolve(exchange);
      });
      request.end();
    } catch (error) {
      // node:http throws at once for what it cannot send (a header with a line break…).
      exchange.error = error;
      resolve(exchange);
    }
  });
}

function emptyExchange(): Exchange {
  return { status: 0, headers: {}, chunks: [], truncated: false, headersAt: null, error: null };
}

function startRequest(
  url: URL,
  settings: Settings,
  signal: AbortSignal,
  onResponse: (response: IncomingMessage) => void,
): http.ClientRequest {
  // agent: false — a fresh connection that closes after the answer: a probe must measure the
  // server as a new client finds it, and leave no socket behind.
  const options = { headers: settings.headers, signal, agent: false };
  if (url.protocol === 'http:') return http.request(url, options, onResponse);
  return https.request(url, { ...options, rejectUnauthorized: false }, onResponse);
}

function recordHead(exchange: Exchange, response: IncomingMessage): void {
  exchange.status = response.statusCode ?? 0;
  exchange.headers = response.headers;
  exchange.headersAt = performance.now();
  const socket = response.socket as TLSSocket | null;
  if (socket !== null && 'encrypted' in socket && socket.encrypted) {
    exchange.tls = tlsStateOf(socket);
  }
}

function tlsStateOf(socket: TLSSocket): TlsState {
  if (socket.authorized) return { authorized: true };
  const reason = socket.authorizationError;
  return reason === undefined
    ? { authorized: false }
    : { authorized: false, reason: String(reason) };
}

/** Keeps at most maxBytes; past that, closes the connection instead of reading on. */
function readBody(response: IncomingMessage, maxBytes: number, exchange: Exchange): Promise<void> {
  return new Promise((resolve) => {
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      const room = maxBytes - size;
      if (chunk.length > room) {
        exchange.truncated = true;
        if (room > 0) exchange.chunks.push(chunk.subarray(0, room));
        size = maxBytes;
        response.destroy();
        return;
      }
      exchange.chunks.push(chunk);
      size += chunk.length;
    });
    response.on('error', (error) => {
      exchange.error ??= error;
    });
    // After 'end', an error or our own destroy(): in every case the socket is finished.
    response.on('close', () => resolve());
  });
}

function sameOriginRedirect(from: URL, exchange: Exchange): URL | undefined {
  const location = exchange.headers.location;
  if (exchange.error !== null || exchange.status < 300 || exchange.status >= 400) return undefined;
  if (location === undefined) return undefined;
  try {
    const next = new URL(location, from);
    return next.origin === from.origin ? next : undefined;
  } catch {
    return undefined;
  }
}

function answerOf(
  exchange: Exchange,
  signal: AbortSignal,
  settings: Settings,
  startedAt: number,
): HttpAnswer {
  const latencyMs =
    exchange.headersAt === null ? elapsedMs(startedAt) : round(exchange.headersAt - startedAt);
  const answer: HttpAnswer = {
    status: exchange.status,
    latencyMs,
    error: errorOf(exchange, signal, settings),
    headers: exchange.headers,
    body: Buffer.concat(exchange.chunks),
    truncated: exchange.truncated,
  };
  if (exchange.tls !== undefined) answer.tls = exchange.tls;
  return answer;
}

function errorOf(exchange: Exchange, signal: AbortSignal, settings: Settings): ChannelError | null {
  // Whatever surfaced once the deadline passed (AbortError, "aborted", a reset), the deadline is
  // the cause.
  if (signal.aborted) {
    return classifyError(new TransportTimeoutError('HTTP request', settings.timeoutMs));
  }
  if (exchange.error !== null && !exchange.truncated) return classifyError(exchange.error);
  if (exchange.status >= 400) return httpStatusError(exchange.status);
  return null;
}

export function httpStatusError(status: number): ChannelError {
  const text = STATUS_CODES[status];
  return { kind: 'http-status', message: text ? `HTTP ${status} ${text}` : `HTTP ${status}` };
}

/** An API answer longer than the caller's bound: refused rather than read to the end. */
export function oversizeError(maxBodyBytes: number): ChannelError {
  const mebibytes = maxBodyBytes / 1024 / 1024;
  const size =
    mebibytes >= 1
      ? `${Math.round(mebibytes * 10) / 10} MiB`
      : `${Math.round(maxBodyBytes / 1024)} KiB`;
  return { kind: 'protocol', message: `answer larger than ${size}, not read` };
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 100) / 100;
}
