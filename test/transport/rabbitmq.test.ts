// The RabbitMQ management API against a small server started here that answers with a real
// `/api/queues` output (test/fixtures/real-outputs/10-rabbitmq): queues, credentials, faults.
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchQueues } from '../../electron/transport/rabbitmq';

const queuesFixture = readFileSync(
  new URL(
    '../fixtures/real-outputs/10-rabbitmq/api-queues-rabbitmq-3.11.5-netdata-testdata.json.txt',
    import.meta.url,
  ),
  'utf8',
);

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const servers: http.Server[] = [];
const requests: IncomingMessage[] = [];
const env = { VK01_RABBIT_PASSWORD: 's3cret' };

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Answers like the management plugin: 401 without the right basic credentials. */
const managementApi: Handler = (request, response) => {
  const expected = `Basic ${Buffer.from('guest:s3cret').toString('base64')}`;
  if (request.headers.authorization !== expected) {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end('{"error":"not_authorized","reason":"Login failed"}');
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' }).end(queuesFixture);
};

const settings = (url: string) => ({ url, user: 'guest', passwordEnv: 'VK01_RABBIT_PASSWORD' });

afterEach(async () => {
  requests.splice(0);
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('RabbitMQ queues', () => {
  it('reads every queue of every vhost with basic auth', async () => {
    const url = await serve(managementApi);
    const outcome = await fetchQueues(settings(url), { env });

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { queues, problems } = outcome.value;
    expect(problems).toEqual([]);
    expect(queues.map((queue) => `${queue.vhost} ${queue.name}`)).toEqual([
      '/ myFirstQueue',
      '/ mySecondQueue',
      'myFirstVhost myFirstQueue',
      'mySecondVhost MyFirstQueue',
    ]);
    expect(queues[0]).toMatchObject({ messages: 1, messagesReady: 1, consumers: 0 });

    const request = new URL(requests[0]?.url ?? '', 'http://rabbit');
    expect(request.pathname).toBe('/api/queues');
    expect(request.searchParams.get('columns')).toContain('message_stats');
  });

  it('sorts refused credentials as auth, an unset password as not-configured', async () => {
    const url = await serve(managementApi);
    const wrong = await fetchQueues(settings(url), { env: { VK01_RABBIT_PASSWORD: 'nope' } });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(JSON.stringify(wrong)).not.toContain('nope');

    const unset = await fetchQueues(settings(url), { env: {} });
    expect(unset).toMatchObject({ ok: false, error: { kind: 'not-configured' } });
    expect(unset.ok || unset.error.message).toContain('VK01_RABBIT_PASSWORD');
    expect(requests).toHaveLength(1);
  });

  it('reports an answer that is not the API, and one that is too large, as protocol', async () => {
    const html = await serve((_, response) => response.end('<html>RabbitMQ Management</html>'));
    const outcome = await fetchQueues(settings(html), { env });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'protocol' } });
    expect(outcome.ok || outcome.error.message).toMatch(/^not a RabbitMQ \/api\/queues answer/);

    const url = await serve(managementApi);
    const tooLarge = await fetchQueues(settings(url), { env, maxBodyBytes: 4 * 1024 });
    expect(tooLarge).toMatchObject({
      ok: false,
      error: { kind: 'protocol', message: 'answer larger than 4 KiB, not read' },
    });
  });

  it('reports refused as socket, a silent broker as timeout, a 503 by its status', async () => {
    const refused = await fetchQueues(settings('http://127.0.0.1:1'), { env });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'socket' } });

    const silent = await serve(() => undefined);
    const timedOut = await fetchQueues(settings(silent), { env, timeoutMs: 300 });
    expect(timedOut).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(timedOut.durationMs).toBeLessThan(450);

    const unavailable = await serve((_, response) => response.writeHead(503).end());
    expect(await fetchQueues(settings(unavailable), { env })).toMatchObject({
      ok: false,
      error: { kind: 'http-status', message: 'HTTP 503 Service Unavailable' },
    });
  });
});
