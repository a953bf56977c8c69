// Browser mode: serves the built renderer and the WebSocket pipe on loopback, behind a
// per-launch token. The token travels in the printed URL once; the page keeps it and sends it
// with the WebSocket request.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import type { Router } from '../core/router';
import { createLogger } from '../log';
import { createWebSocketPipe, WEBSOCKET_MAX_PAYLOAD_BYTES } from './ws-pipe';

export const TOKEN_COOKIE = 'control_room_token';
export const WEBSOCKET_PATH = '/api';

export interface ServerOptions {
  router: Router;
  /** Folder holding the built renderer (index.html and assets). */
  staticDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The per-launch token; generated when absent. */
  token?: string;
}

export interface BrowserServer {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Same policy as the desktop window, plus the WebSocket to this origin. */
export const browserContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

export async function startBrowserServer(options: ServerOptions): Promise<BrowserServer> {
  const log = createLogger('server');
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? generateToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: WEBSOCKET_MAX_PAYLOAD_BYTES });
  const http = createServer((request, response) =>
    serveHttp(request, response, options.staticDir, token),
  );

  http.on('upgrade', (request, socket, head) => {
    const refusal = refuseUpgrade(request, token);
    if (refusal) {
      log.warn({ remote: request.socket.remoteAddress, reason: refusal }, 'refused a WebSocket');
      return rejectSocket(socket, refusal === 'wrong path' ? 404 : 403, refusal);
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) => {
      const pipe = createWebSocketPipe(webSocket);
      options.router.attach(pipe);
      log.info({ clients: options.router.pipeCount }, 'client connected');
      pipe.onClose((reason) => log.info({ reason }, 'client disconnected'));
    });
  });

  await listen(http, options.port ?? 0, host);
  const port = (http.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/?token=${token}`;
  log.info({ host, port }, 'browser mode listening');
  return { url, port, host, close: () => closeServer(http, sockets) };
}

function listen(http: Server, port: number, host: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolvePromise();
    });
  });
}

async function closeServer(http: Server, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate();
  await new Promise<void>((resolvePromise) => sockets.close(() => resolvePromise()));
  http.closeAllConnections();
  await new Promise<void>((resolvePromise) => http.close(() => resolvePromise()));
}

/** The token from the query (first visit, WebSocket) or from the cookie set on the first visit. */
export function requestToken(request: IncomingMessage): string | null {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
  if (query) return query;
  const cookies = request.headers.cookie?.split(';') ?? [];
  for (const cookie of cookies) {
    const [name, ...value] = cookie.trim().split('=');
    if (name === TOKEN_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

export function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuseUpgrade(request: IncomingMessage, token: string): string | null {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path !== WEBSOCKET_PATH) return 'wrong path';
  if (!tokensMatch(requestToken(request), token)) return 'missing or wrong token';
  // A page from another site must not drive the core even if it guessed the port.
  const origin = request.headers.origin;
  if (origin && new URL(origin).host !== request.headers.host) return `foreign origin ${origin}`;
  return null;
}

function rejectSocket(socket: Duplex, status: number, reason: string): void {
  const text = status === 404 ? 'Not Found' : 'Forbidden';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n` +
      `Content-Type: text/plain\r\n\r\n${reason}\n`,
  );
}

function serveHttp(
  request: IncomingMessage,
  response: ServerResponse,
  staticDir: string,
  token: string,
): void {
  response.setHeader('Content-Security-Policy', browserContentSecurityPolicy);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  // The token is in the first URL: never let it leak to other sites through Referer.
  response.setHeader('Referrer-Policy', 'no-referrer');
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return sendText(response, 405, 'Method not allowed');

  const given = requestToken(request);
  if (!tokensMatch(given, token)) {
    return sendText(
      response,
      403,
      'Forbidden: open the URL printed by control-room serve (it carries the token).',
    );
  }
  response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
  serveFile(request, response, staticDir);
}

function serveFile(request: IncomingMessage, response: ServerResponse, staticDir: string): void {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const root = resolve(staticDir);
  const target = resolve(join(root, normalize(pathname === '/' ? '/index.html' : pathname)));
  if (target !== root && !target.startsWith(root + sep))
    return sendText(response, 404, 'Not found');

  const file = existsSync(target) && statSync(target).isFile() ? target : null;
  if (!file) {
    if (!existsSync(join(root, 'index.html'))) {
      return sendText(
        response,
        503,
        `The renderer is not built (${root}). Run: npm run build:renderer`,
      );
    }
    return sendText(response, 404, 'Not found');
  }
  const type = contentTypes[extname(file)] ?? 'application/octet-stream';
  response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(file).pipe(response);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(`${text}\n`);
}
