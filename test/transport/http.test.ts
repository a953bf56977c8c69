// HTTP probes against small servers started here: answers, refusals, silence, error statuses,
// a self-signed certificate, endless bodies and redirects.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http, { type RequestListener } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, probeHttp } from '../../electron/transport/http';
import { temporaryDirectory } from '../helpers/temporary';

const servers: (http.Server | https.Server)[] = [];

async function listen(server: http.Server | https.Server, host = '127.0.0.1'): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = server instanceof https.Server ? 'https' : 'http';
  return `${scheme}://${host}:${port}`;
}

function serve(handler: RequestListener, host?: string): Promise<string> {
  return listen(http.createServer(handler), host);
}

/** An address:port where nothing listens: bound once, then closed. */
async function refusedUrl(): Promise<string> {
  const server = http.createServer();
  const url = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return url;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('probeHttp', () => {
  let certificate: { key: Buffer; cert: Buffer };

  beforeAll(() => {
    const folder = temporaryDirectory('http-tls');
    const [key, cert] = [join(folder, 'key.pem'), join(folder, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
        ...['-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', key, '-out', cert],
      ],
      { stdio: 'ignore' },
    );
    certificate = { key: readFileSync(key), cert: readFileSync(cert) };
  });

  it('reports an answer with its status and latency', async () => {
    const url = await serve((_, response) => response.end('ok'));
    const result = await probeHttp(`${url}/`);
    expect(result).toEqual({ status: 200, latencyMs: expect.any(Number), error: null });
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(result.latencyMs).toBeLessThan(100);
  });

  it('reports status 0 and a socket error when the connection is refused', async () => {
    const result = await probeHttp(await refusedUrl());
    expect(result).toMatchObject({ status: 0, error: { kind: 'socket' } });
    expect(result.error?.message).toContain('ECONNREFUSED');
  });

  it('gives up on a server that never answers at the deadline', async () => {
    const url = await serve(() => undefined);
    const result = await probeHttp(url, { timeoutMs: 300 });
    expect(result).toMatchObject({ status: 0, error: { kind: 'timeout' } });
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.latencyMs).toBeLessThan(450);
  });

  it('keeps the status of an answer whose body never ends, with a timeout', async () => {
    const url = await serve((_, response) => response.writeHead(200).write('partial'));
    const startedMs = Date.now();
    const result = await probeHttp(url, { timeoutMs: 300 });
    expect(result).toMatchObject({ status: 200, error: { kind: 'timeout' } });
    expect(Date.now() - startedMs).toBeLessThan(450);
  });

  it('reports an error status as kind http-status, keeping the status', async () => {
    const url = await serve((_, response) => response.writeHead(500).end('boom'));
    expect(await probeHttp(url)).toMatchObject({
      status: 500,
      error: { kind: 'http-status', message: 'HTTP 500 Internal Server Error' },
    });
  });

  it('counts a self-signed certificate as an answer, with tls.authorized false', async () => {
    const url = await listen(
      https.createServer(certificate, (_, response) => response.end('portainer')),
    );
    const result = await probeHttp(url);
    expect(result).toMatchObject({
      status: 200,
      error: null,
      tls: { authorized: false, reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
  });

  it('cuts an oversize body off and closes the connection', async () => {
    let serverSawClose = false;
    const url = await serve((_, response) => {
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = (): void => {
        while (response.write(chunk));
      };
      response.on('drain', pump);
      response.on('close', () => (serverSawClose = true));
      pump();
    });
    const answer = await httpGet(url, { maxBodyBytes: 100_000, timeoutMs: 2_000 });
    expect(answer).toMatchObject({ status: 200, error: null, truncated: true });
    expect(answer.body.length).toBe(100_000);
    await expect.poll(() => serverSawClose).toBe(true);
  });

  it('follows redirects within the same origin only', async () => {
    let otherHostHits = 0;
    const other = await serve((_, response) => {
      otherHostHits += 1;
      response.end();
    }, '127.0.0.2');
    const url = await serve((request, response) => {
      if (request.url === '/') response.writeHead(302, { location: '/login' }).end();
      else if (request.url === '/login') response.end('login page');
      else response.writeHead(301, { location: `${other}/elsewhere` }).end();
    });

    expect(await probeHttp(`${url}/`)).toMatchObject({ status: 200, error: null });
    expect(await probeHttp(`${url}/moved`)).toMatchObject({ status: 301, error: null });
    expect(otherHostHits).toBe(0);
  });

  it('sorts unresolvable names as dns, unusable URLs as not-configured, never throws', async () => {
    const unresolvable = await probeHttp('http://no-such-host.invalid/', { timeoutMs: 3_000 });
    expect(unresolvable).toMatchObject({ status: 0, error: { kind: 'dns' } });
    const unsendable = await httpGet('http://127.0.0.1:1/', { headers: { 'x-note': 'a\nb' } });
    expect(unsendable).toMatchObject({ status: 0, error: { kind: 'other' } });
    expect(await probeHttp('ftp://10.0.0.11/')).toMatchObject({
      status: 0,
      error: { kind: 'not-configured' },
    });
  });
});
