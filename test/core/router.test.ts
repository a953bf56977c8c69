import { describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { createRouter, CoreError, type Handlers } from '../../electron/core/router';
import { createLogger } from '../../electron/log';
import type { AppInfo } from '../../shared/api/contract';

const info: AppInfo = {
  name: 'x',
  version: '1.0.0',
  mode: 'test',
  startedAt: new Date().toISOString(),
  pid: 1,
};

function connect(overrides: Partial<Handlers>) {
  // Only the methods these tests call; the others answer INTERNAL (no handler) if ever called.
  const handlers = {
    'app.info': () => info,
    'app.ping': ({ echo }) => ({ echo, at: new Date().toISOString() }),
    'fleet.summary': () => ({ source: 'empty', deployment: null, nodes: [] }),
    'snapshot.latest': () => null,
    'health.current': () => ({ nodes: {}, verdict: null }),
    ...overrides,
  } as Handlers;
  const router = createRouter(handlers, createLogger('test'));
  const [clientPipe, corePipe] = createMemoryPipePair();
  router.attach(corePipe);
  return { client: createClient(clientPipe), router };
}

describe('the core router', () => {
  it('turns a handler that throws into an INTERNAL error reply and keeps serving', async () => {
    const { client } = connect({
      'app.info': () => {
        throw new Error('disk on fire');
      },
    });
    await expect(client.call('app.info', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(client.call('app.ping', { echo: 'ok' })).resolves.toMatchObject({ echo: 'ok' });
  });

  it('passes the code of a CoreError through', async () => {
    const { client } = connect({
      'fleet.summary': () => {
        throw new CoreError('UNAVAILABLE', 'no fleet loaded');
      },
    });
    await expect(client.call('fleet.summary', {})).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'no fleet loaded',
    });
  });

  it('refuses to send a handler result that breaks the contract', async () => {
    const { client } = connect({
      'app.info': () => ({ ...info, pid: 'one' }) as unknown as AppInfo,
    });
    await expect(client.call('app.info', {})).rejects.toMatchObject({ code: 'INVALID_RESULT' });
  });

  it('does not send an event whose payload breaks the contract', async () => {
    const { client, router } = connect({});
    const received: unknown[] = [];
    client.on('core.heartbeat', (payload) => received.push(payload));
    router.broadcast('core.heartbeat', { at: 'yesterday', uptimeSeconds: -1 });
    router.broadcast('core.heartbeat', { at: new Date().toISOString(), uptimeSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toHaveLength(1);
  });
});
