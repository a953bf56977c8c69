// The app's own scheme, app://control-room/, serving the built renderer. A privileged standard
// scheme gives the page a real origin ('self' in the CSP) without file:// and its wide access.
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { protocol, type Session } from 'electron';
import { createLogger } from '../log';
import { SECURITY_HEADERS } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'control-room';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const log = createLogger('protocol');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Must run before the app is ready: Chromium reads scheme privileges once, at start. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** True for URLs of the app's own pages; Node's URL gives custom schemes no origin to compare. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Serves the app scheme on this session from the built renderer folder. */
export function serveRenderer(session: Session, rendererDirectory: string): void {
  session.protocol.handle(APP_SCHEME, (request) =>
    respondFromDirectory(request, rendererDirectory),
  );
}

/**
 * The file a URL names inside `root`, or null when the URL is foreign, malformed or points
 * outside it (`..`, encoded separators, NUL bytes).
 */
export function resolveInside(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`);
  return target.startsWith(base + sep) ? target : null;
}

export async function respondFromDirectory(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return textResponse(405, 'Not allowed');
  const file = resolveInside(root, request.url);
  if (!file) {
    log.warn({ url: request.url }, 'refused a request outside the renderer folder');
    return textResponse(404, 'Not found');
  }
  if (!(await isFile(file))) return textResponse(404, 'Not found');

  const body = request.method === 'HEAD' ? null : await readFile(file);
  const type = contentTypes[extname(file)] ?? 'application/octet-stream';
  return new Response(body, {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': type },
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function textResponse(status: number, text: string): Response {
  const headers = { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' };
  return new Response(`${text}\n`, { status, headers });
}
