import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/csp';
import {
  registerAppScheme,
  resolveInside,
  respondFromDirectory,
  serveRenderer,
} from '../../electron/shell/protocol';
import { FakeSession, record, resetStandIn } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in').then((module) => module.electronModule));

let folder: string;
let rendererDirectory: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'control-room-protocol-'));
  rendererDirectory = join(folder, 'renderer');
  await mkdir(join(rendererDirectory, 'assets'), { recursive: true });
  await writeFile(join(rendererDirectory, 'index.html'), '<!doctype html><title>VK</title>');
  await writeFile(join(rendererDirectory, 'assets', 'index.js'), 'export {};');
  await writeFile(join(folder, 'secret.txt'), 'the fleet password');
});

afterAll(() => rm(folder, { recursive: true, force: true }));

const get = (url: string, method = 'GET') =>
  respondFromDirectory(new Request(url, { method }), rendererDirectory);

describe('the app scheme', () => {
  beforeEach(resetStandIn);

  it('is registered as privileged and standard before the app is ready', () => {
    registerAppScheme();

    expect(record.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      },
    ]);
    expect(record.schemesRegisteredAfterReady).toBe(false);
  });

  it('is served on the session from the renderer folder', async () => {
    const session = new FakeSession();
    serveRenderer(session as never, rendererDirectory);
    const handler = session.protocolHandlers.get('app');

    const response = await handler?.(new Request('app://control-room/index.html'));

    expect(response?.status).toBe(200);
  });
});

describe('serving the renderer', () => {
  it('serves index.html for the root and by name, with the policy attached', async () => {
    for (const url of ['app://control-room/', 'app://control-room/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      await expect(response.text()).resolves.toContain('<title>VK</title>');
    }
  });

  it('serves assets with their content type', async () => {
    const response = await get('app://control-room/assets/index.js');

    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://control-room/..%2fsecret.txt',
    'app://control-room/%2e%2e/secret.txt',
    'app://control-room/assets/..%2f..%2fsecret.txt',
    'app://control-room/..%5csecret.txt',
    'app://control-room/index.html%00.js',
    'app://control-room/%E0%A4%A',
  ])('refuses %s without reading outside the folder', async (url) => {
    const response = await get(url);

    expect(response.status).toBe(404);
    await expect(response.text()).resolves.not.toContain('password');
  });

  it('refuses other hosts, missing files and anything but GET or HEAD', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://control-room/missing.js')).status).toBe(404);
    expect((await get('app://control-room/assets')).status).toBe(404);
    expect((await get('app://control-room/index.html', 'POST')).status).toBe(405);
  });

  it('never resolves a path outside the root', () => {
    expect(resolveInside('/srv/renderer', 'app://control-room/../../etc/passwd')).toBe(
      '/srv/renderer/etc/passwd',
    );
    expect(resolveInside('/srv/renderer', 'app://control-room/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveInside('/srv/renderer', 'file:///etc/passwd')).toBeNull();
  });
});
