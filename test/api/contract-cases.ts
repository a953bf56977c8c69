// The contract's behaviour, written once and run over every pipe:
// in-memory, WebSocket and MessagePort.
import { describe, expect, it } from 'vitest';
import { scaledFleet } from '../../electron/bench/scale';
import { EVENT_LOG_LINES, trimLogLines, type CoreCollector } from '../../electron/core/core';
import { createSnapshotAssembler } from '../../renderer/state/snapshot-assembly';
import { ApiError, type ApiClient } from '../../shared/api/client';
import type { Pipe } from '../../shared/api/pipe';
import { byteLength, MAX_MESSAGE_BYTES, type ResponseMessage } from '../../shared/api/protocol';
import type { Snapshot } from '../../shared/snapshot';

/** A client connected to a real core through one kind of pipe. */
export interface Connection {
  client: ApiClient;
  /** The client's end of the pipe, for sending raw (possibly broken) text. */
  clientPipe: Pipe;
  /** Stops the core from answering (requests then time out) without closing the pipe. */
  silenceCore(): void;
  /** Makes the core go away the way that pipe loses it (process exit, socket close, port close). */
  killCore(): Promise<void>;
  dispose(): Promise<void>;
}

export interface ConnectOptions {
  heartbeatIntervalMs?: number;
  /** What the core watches; none (an empty fleet) unless given. */
  collector?: CoreCollector;
}

export type Connect = (options?: ConnectOptions) => Promise<Connection>;

/** Sends raw text and resolves with the next response the core sends back. */
function rawExchange(pipe: Pipe, text: string): Promise<ResponseMessage> {
  return new Promise((resolve) => {
    const stop = pipe.onMessage((reply) => {
      const message = JSON.parse(reply) as ResponseMessage;
      if (message.kind !== 'response') return;
      stop();
      resolve(message);
    });
    pipe.send(text);
  });
}

async function withConnection(
  connect: Connect,
  body: (connection: Connection) => Promise<void>,
  options?: ConnectOptions,
) {
  const connection = await connect(options);
  try {
    await body(connection);
  } finally {
    await connection.dispose();
  }
}

/**
 * A real demo snapshot whose three nodes are repeated under 90 names: more than one message can
 * hold as a whole (the 90 nodes of issue #10 were 2.2 MB), and a collector that announces it.
 */
async function oversizedFleet() {
  const demo = scaledFleet(1);
  demo.clock.advance(10 * 60_000);
  const one = await demo.collector.collectOnce();
  await demo.collector.stop();
  const nodes = Object.fromEntries(
    Array.from({ length: 30 }, (_, copy) =>
      Object.entries(one.nodes).map(([id, node]) => [`c${copy}-${id}`, node] as const),
    ).flat(),
  );
  const snapshot: Snapshot = { ...one, nodes };
  let announce = (): void => undefined;
  const collector: CoreCollector = {
    snapshot: () => snapshot,
    health: () => ({ nodes: {}, verdict: null }),
    subscribe(listeners) {
      announce = () => listeners.snapshot(snapshot);
    },
    stop: async () => undefined,
  };
  return { collector, snapshot, announce: () => announce() };
}

export function describeContractCases(pipeName: string, connect: Connect): void {
  describe(`the contract over ${pipeName}`, () => {
    it('answers a request with a value that matches the contract', async () => {
      await withConnection(connect, async ({ client }) => {
        const info = await client.call('app.info', {});
        expect(info.name).toBe('VisionKing Control Room');
        expect(info.mode).toBe('test');
        expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
      });
    });

    it('carries unicode text both ways unchanged', async () => {
      await withConnection(connect, async ({ client }) => {
        const echo = 'Velocidade_Tratada · 27 °C · ✓';
        await expect(client.call('app.ping', { echo })).resolves.toMatchObject({ echo });
      });
    });

    it('matches fifty concurrent answers to their calls', async () => {
      await withConnection(connect, async ({ client }) => {
        const texts = Array.from({ length: 50 }, (_, index) => `call-${index}`);
        const answers = await Promise.all(texts.map((echo) => client.call('app.ping', { echo })));
        expect(answers.map((answer) => answer.echo)).toEqual(texts);
      });
    });

    it('refuses arguments outside the contract before sending them', async () => {
      await withConnection(connect, async ({ client }) => {
        const call = client.call('app.ping', { echo: 42 } as never);
        await expect(call).rejects.toMatchObject({ code: 'INVALID_ARGS' });
      });
    });

    it('answers INVALID_ARGS, with the request id, when raw arguments are wrong', async () => {
      await withConnection(connect, async ({ clientPipe }) => {
        const text = JSON.stringify({
          kind: 'request',
          id: 9001,
          method: 'app.ping',
          args: { echo: 1 },
        });
        const reply = await rawExchange(clientPipe, text);
        expect(reply).toMatchObject({ id: 9001, ok: false, error: { code: 'INVALID_ARGS' } });
        expect(reply.ok === false && reply.error.message).toContain('echo');
      });
    });

    it('answers UNKNOWN_METHOD for a method the contract does not list', async () => {
      await withConnection(connect, async ({ clientPipe }) => {
        const text = JSON.stringify({
          kind: 'request',
          id: 7,
          method: 'shell.exec',
          args: { cmd: 'rm -rf /' },
        });
        const reply = await rawExchange(clientPipe, text);
        expect(reply).toMatchObject({ id: 7, ok: false, error: { code: 'UNKNOWN_METHOD' } });
      });
    });

    it('answers BAD_MESSAGE for text that is not JSON or JSON of the wrong shape', async () => {
      await withConnection(connect, async ({ clientPipe, client }) => {
        const garbage = await rawExchange(clientPipe, '{"kind": "request", "id": 1, ');
        expect(garbage).toMatchObject({ id: null, ok: false, error: { code: 'BAD_MESSAGE' } });

        const shape = await rawExchange(
          clientPipe,
          JSON.stringify({ kind: 'request', id: 12, method: 5 }),
        );
        expect(shape).toMatchObject({ id: 12, ok: false, error: { code: 'BAD_MESSAGE' } });

        await expect(client.call('app.ping', { echo: 'still alive' })).resolves.toMatchObject({
          echo: 'still alive',
        });
      });
    });

    it('answers TOO_LARGE for a message over the size limit and keeps serving', async () => {
      await withConnection(connect, async ({ clientPipe, client }) => {
        const huge = JSON.stringify({
          kind: 'request',
          id: 3,
          method: 'app.ping',
          args: { echo: 'x'.repeat(MAX_MESSAGE_BYTES) },
        });
        const reply = await rawExchange(clientPipe, huge);
        expect(reply).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
        await expect(client.call('app.info', {})).resolves.toMatchObject({ mode: 'test' });
      });
    });

    it('carries a snapshot bigger than one message whole, one node per message', async () => {
      const { collector, snapshot, announce } = await oversizedFleet();
      const expected = trimLogLines(snapshot, EVENT_LOG_LINES);
      expect(byteLength(JSON.stringify(expected))).toBeGreaterThan(MAX_MESSAGE_BYTES);
      await withConnection(
        connect,
        async ({ client }) => {
          const pushed = createSnapshotAssembler();
          const joined = new Promise<Snapshot>((resolve) => {
            const take = (whole: Snapshot | null) => whole && resolve(whole);
            client.on('snapshot.node', (part) => take(pushed.addPart(part)));
            client.on('snapshot.new', (tick) => take(pushed.addTick(tick)));
          });
          announce();
          expect(await joined).toEqual(expected);

          const asked = createSnapshotAssembler();
          const tick = await client.call('snapshot.latest', {});
          expect(asked.addTick(tick!)).toBeNull();
          const parts = await Promise.all(
            tick!.nodes.map((node) => client.call('snapshot.node', { node })),
          );
          expect(parts.map((part) => asked.addPart(part!)).at(-1)).toEqual(expected);
        },
        { collector },
      );
    });

    it('pushes heartbeat events that match the contract', async () => {
      await withConnection(
        connect,
        async ({ client }) => {
          const beat = await new Promise((resolve) => client.on('core.heartbeat', resolve));
          expect(beat).toMatchObject({ uptimeSeconds: expect.any(Number), at: expect.any(String) });
        },
        { heartbeatIntervalMs: 20 },
      );
    });

    it('gives up on a call after its timeout when the core does not answer', async () => {
      await withConnection(connect, async ({ client, silenceCore }) => {
        silenceCore();
        const call = client.call('app.info', {}, { timeoutMs: 150 });
        await expect(call).rejects.toMatchObject({ code: 'TIMEOUT' });
        expect(client.pendingCount).toBe(0);
      });
    });

    it('rejects every pending call at once when the core goes away', async () => {
      await withConnection(connect, async ({ client, silenceCore, killCore }) => {
        silenceCore();
        const calls = [1, 2, 3].map(() => client.call('app.info', {}, { timeoutMs: 20_000 }));
        const settled = Promise.allSettled(calls);
        const startedMs = Date.now();
        await killCore();
        const outcomes = await settled;

        expect(Date.now() - startedMs).toBeLessThan(5_000);
        for (const outcome of outcomes) {
          expect(outcome.status).toBe('rejected');
          const reason = (outcome as PromiseRejectedResult).reason as ApiError;
          expect(reason).toBeInstanceOf(ApiError);
          expect(reason.code).toBe('DISCONNECTED');
        }
        await expect(client.call('app.info', {})).rejects.toMatchObject({ code: 'DISCONNECTED' });
      });
    });
  });
}
