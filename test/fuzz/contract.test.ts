// The contract and its router fuzzed: a real core on the demo plant, fed raw text, malformed
// messages and requests of every name with random arguments over an in-memory pipe. Every input
// gets exactly one response; refusals carry a known code and a sentence; the core keeps serving.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { chooseFleet } from '../../electron/core/watched';
import type { Collector } from '../../electron/collect/collector';
import { requestNames } from '../../shared/api/contract';
import { createMemoryPipePair, type Pipe } from '../../shared/api/pipe';
import { expectClearReply, expectedId, fuzzArgs, fuzzText } from './messages';

let core: Core;
let collector: Collector;
let client: Pipe;
const replies: unknown[] = [];
let wake: (() => void) | null = null;

beforeAll(async () => {
  const watched = chooseFleet({ demo: true }, 0);
  collector = watched.collector as Collector;
  await collector.collectOnce();
  core = createCore({
    mode: 'test',
    fleet: watched.summary,
    collector,
    heartbeatIntervalMs: 3_600_000,
  });
  const [clientEnd, coreEnd] = createMemoryPipePair();
  core.router.attach(coreEnd);
  client = clientEnd;
  client.onMessage((text) => {
    const message = JSON.parse(text) as { kind: string };
    if (message.kind !== 'response') return;
    replies.push(message);
    wake?.();
  });
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await collector?.stop();
});

/** Sends one text and waits for its one response (within 5 s). */
async function exchange(text: string): Promise<unknown> {
  const before = replies.length;
  const arrived = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no response in 5 s')), 5_000);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  client.send(text);
  if (replies.length === before) await arrived;
  expect(replies.length).toBe(before + 1);
  return replies[before];
}

describe('the router under bad input', () => {
  it('answers raw text and malformed messages with one clear response each', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzText, async (text) => {
        expectClearReply(await exchange(text), expectedId(text));
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it.each(requestNames.map((name) => [name]))(
    'refuses random arguments to %s clearly, or answers within the contract',
    async (method) => {
      await fc.assert(
        fc.asyncProperty(fuzzArgs, fc.nat({ max: 1_000_000 }), async (args, id) => {
          const text = JSON.stringify({ kind: 'request', id, method, args });
          expectClearReply(await exchange(text), id);
        }),
        { numRuns: 60 },
      );
    },
    60_000,
  );

  it('still serves a good request after all of it', async () => {
    const reply = await exchange(
      JSON.stringify({ kind: 'request', id: 1, method: 'app.ping', args: { echo: 'still here' } }),
    );
    expect(reply).toMatchObject({ id: 1, ok: true, value: { echo: 'still here' } });
  });
});
