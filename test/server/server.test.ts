import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, emptyFleet, type Core } from '../../electron/core/core';
import { startBrowserServer, TOKEN_COOKIE, type BrowserServer } from '../../electron/server/server';
import { temporaryDirectory } from '../helpers/temporary';
import { openSocket, socketUrlOf } from '../helpers/websocket';

describe('the browser-mode server', () => {
  let core: Core;
  let server: BrowserServer;
  let origin: string;
  let token: string;

  beforeAll(async () => {
    const staticDir = temporaryDirectory('renderer');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>frame</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(staticDir, '..', 'secret.txt'), 'not for the browser');
    core = createCore({ mode: 'test', fleet: emptyFleet });
    server = await startBrowserServer({ router: core.router, staticDir, port: 0 });
    const url = new URL(server.url);
    origin = url.origin;
    token = url.searchParams.get('token') ?? '';
  });

  afterAll(async () => {
    await server.close();
    core.stop();
  });

  it('listens on 127.0.0.1 and prints a URL carrying a long random token', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a page request without the token', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('token');
  });

  it('refuses a page request with a wrong token', async () => {
    const response = await fetch(`${origin}/?token=${token.slice(0, -1)}x`);
    expect(response.status).toBe(403);
  });

  it('serves the page with the token and sets an HttpOnly cookie for its assets', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${TOKEN_COOKIE}=${token}`);
    expect(cookie).toContain('HttpOnly');

    const asset = await fetch(`${origin}/assets/app.js`, {
      headers: { cookie: `${TOKEN_COOKIE}=${token}` },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${origin}/assets/app.js`)).status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await fetch(`${origin}${path}?token=${token}`);
      expect(response.status, path).toBe(404);
    }
  });

  it('refuses a WebSocket without the token, with a wrong one or from another origin', async () => {
    const socketUrl = socketUrlOf(server.url);
    await expect(openSocket(socketUrl.replace(/\?token=.*/, ''))).rejects.toThrow('HTTP 403');
    await expect(openSocket(`${socketUrl}x`)).rejects.toThrow('HTTP 403');
    await expect(openSocket(socketUrl, { origin: 'http://evil.example' })).rejects.toThrow(
      'HTTP 403',
    );
    const accepted = await openSocket(socketUrl, { origin });
    accepted.close();
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await fetch(server.url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
  });
});

describe('the browser-mode server without a built interface', () => {
  it('answers 503 naming the build command', async () => {
    const core = createCore({ mode: 'test', fleet: emptyFleet });
    const server = await startBrowserServer({
      router: core.router,
      staticDir: temporaryDirectory('empty'),
    });
    try {
      const response = await fetch(server.url);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build:renderer');
    } finally {
      await server.close();
      core.stop();
    }
  });
});
