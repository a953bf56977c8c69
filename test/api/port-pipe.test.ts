// The contract over an Electron MessagePort: Node's MessageChannel stands in for
// MessageChannelMain, adapted to its `{ data }` message events.
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client';
import { createCore, emptyFleet } from '../../electron/core/core';
import { createPortPipe, NON_TEXT_MESSAGE } from '../../electron/core/port-pipe';
import { asMessagePortMain } from '../shell/electron-stand-in';
import { describeContractCases, type Connect } from './contract-cases';

const connectOverPort: Connect = async (options = {}) => {
  const { port1, port2 } = new MessageChannel();
  const corePipe = createPortPipe(asMessagePortMain(port1));
  const clientPipe = createPortPipe(asMessagePortMain(port2));
  const core = createCore({
    mode: 'test',
    fleet: emptyFleet,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    collector: options.collector,
  });
  const detach = core.router.attach(corePipe);
  return {
    client: createClient(clientPipe),
    clientPipe,
    silenceCore: detach,
    killCore: async () => corePipe.close('core exited'),
    dispose: async () => {
      core.stop();
      clientPipe.close();
      corePipe.close();
    },
  };
};

describeContractCases('an Electron MessagePort', connectOverPort);

describe('the MessagePort pipe', () => {
  it('hands the router a message it refuses when the data is not text', async () => {
    const { port1, port2 } = new MessageChannel();
    const pipe = createPortPipe(asMessagePortMain(port1));
    const received = new Promise((resolve) => pipe.onMessage(resolve));

    port2.postMessage({ kind: 'request', id: 1, method: 'app.info', args: {} });

    await expect(received).resolves.toBe(NON_TEXT_MESSAGE);
    pipe.close();
  });

  it('answers BAD_MESSAGE when a core receives data that is not text', async () => {
    const { port1, port2 } = new MessageChannel();
    const core = createCore({ mode: 'test', fleet: emptyFleet });
    core.router.attach(createPortPipe(asMessagePortMain(port1)));
    const reply = new Promise((resolve) => port2.once('message', resolve));

    port2.postMessage(new Uint8Array([1, 2, 3]));

    await expect(reply.then((text) => JSON.parse(text as string))).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_MESSAGE' },
    });
    core.stop();
    port2.close();
  });

  it('delivers messages that were queued before the pipe started the port', async () => {
    const { port1, port2 } = new MessageChannel();
    port2.postMessage('first');
    port2.postMessage('second');
    const pipe = createPortPipe(asMessagePortMain(port1));
    const texts: string[] = [];

    await new Promise<void>((resolve) =>
      pipe.onMessage((text) => texts.push(text) === 2 && resolve()),
    );

    expect(texts).toEqual(['first', 'second']);
    pipe.close();
  });

  it('closes when the other end closes, and sends nothing afterwards', async () => {
    const { port1, port2 } = new MessageChannel();
    const pipe = createPortPipe(asMessagePortMain(port1));
    const reason = new Promise((resolve) => pipe.onClose(resolve));

    port2.close();

    await expect(reason).resolves.toBe('port closed by the other end');
    expect(pipe.closed).toBe(true);
    expect(() => pipe.send('ignored')).not.toThrow();
  });
});
