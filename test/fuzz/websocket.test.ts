// The browser-mode WebSocket pipe fuzzed over a real socket: random and malformed text frames,
// binary frames, fragmented and oversized messages. Each text or binary frame gets one clear
// response; an oversized frame closes only that socket; the server keeps accepting.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createCore, emptyFleet, type Core } from '../../electron/core/core';
import { startBrowserServer, type BrowserServer } from '../../electron/server/server';
import { WEBSOCKET_MAX_PAYLOAD_BYTES } from '../../electron/server/ws-pipe';
import { temporaryDirectory } from '../helpers/temporary';
import { openSocket, socketUrlOf } from '../helpers/websocket';
import { expectClearReply, expectedId, fuzzText } from './messages';

let core: Core;
let server: BrowserServer;
let socket: WebSocket;

beforeAll(async () => {
  core = createCore({ mode: 'test', fleet: emptyFleet, heartbeatIntervalMs: 3_600_000 });
  server = await startBrowserServer({
    router: core.router,
    staticDir: temporaryDirectory('fuzz-renderer'),
    port: 0,
  });
  socket = await openSocket(socketUrlOf(server.url));
});

afterAll(async () => {
  socket?.terminate();
  await server?.close();
  await core?.stop();
});

/** Sends one frame and waits for the one response it gets (events are skipped). */
function exchange(
  target: WebSocket,
  data: string | Buffer,
  options: { binary?: boolean; fin?: boolean } = {},
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no response in 5 s')), 5_000);
    const onMessage = (raw: Buffer) => {
      const message = JSON.parse(raw.toString('utf8')) as { kind: string };
      if (message.kind !== 'response') return;
      clearTimeout(timer);
      target.off('message', onMessage);
      resolve(message);
    };
    target.on('message', onMessage);
    target.send(data, { binary: options.binary ?? false });
  });
}

describe('the WebSocket pipe under bad input', () => {
  it('answers every text frame with one clear response', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzText, async (text) => {
        expectClearReply(await exchange(socket, text), expectedId(text));
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('refuses binary frames, including bytes that are not UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const reply = await exchange(socket, Buffer.from(bytes), { binary: true });
        expectClearReply(reply, null);
        expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });
      }),
      { numRuns: 50 },
    );
  }, 60_000);

  it('reads text frames whose bytes are not valid UTF-8 as text it refuses', async () => {
    const invalid = Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]);
    // ws closes a socket that sends invalid UTF-8 in a text frame (1007); use a socket of its own.
    const own = await openSocket(socketUrlOf(server.url));
    const closed = new Promise<number>((resolve) => own.once('close', (code) => resolve(code)));
    own.send(invalid, { binary: false });
    expect(await closed).toBe(1007);
    expect(
      await exchange(socket, '{"kind":"request","id":3,"method":"app.info","args":{}}'),
    ).toMatchObject({ id: 3, ok: true });
  });

  it('answers a message sent in fragments as one', async () => {
    const text = JSON.stringify({
      kind: 'request',
      id: 11,
      method: 'app.ping',
      args: { echo: 'f' },
    });
    const reply = new Promise<unknown>((resolve) => {
      socket.once('message', (raw: Buffer) => resolve(JSON.parse(raw.toString('utf8'))));
    });
    socket.send(text.slice(0, 10), { fin: false });
    socket.send(text.slice(10, 30), { fin: false });
    socket.send(text.slice(30), { fin: true });
    expect(await reply).toMatchObject({ id: 11, ok: true, value: { echo: 'f' } });
  });

  it('says TOO_LARGE to a big message and closes only a socket that sends a huge one', async () => {
    const big = JSON.stringify({
      kind: 'request',
      id: 21,
      method: 'app.ping',
      args: { echo: 'x'.repeat(1_100_000) },
    });
    expect(await exchange(socket, big)).toMatchObject({
      id: null,
      ok: false,
      error: { code: 'TOO_LARGE' },
    });

    const own = await openSocket(socketUrlOf(server.url));
    const closed = new Promise<number>((resolve) => own.once('close', (code) => resolve(code)));
    own.send('x'.repeat(WEBSOCKET_MAX_PAYLOAD_BYTES + 1));
    expect(await closed).toBe(1009);
    const after = await openSocket(socketUrlOf(server.url));
    const reply = await exchange(after, '{"kind":"request","id":4,"method":"app.info","args":{}}');
    expect(reply).toMatchObject({ id: 4, ok: true });
    after.terminate();
  }, 30_000);
});
