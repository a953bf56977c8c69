// Property-based: names and arguments carrying shell syntax (`;`, `$(…)`, backticks, quotes),
// line breaks, NUL, a leading `-`, too many characters or non-ASCII text are refused with a
// message naming the field and the problem, by preview and by run alike, and no transport of the
// service is called (the demo plant's transports count every call).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../electron/actions';
import type { Refusal } from '../../shared/api/requests-actions';
import { countedDemoSession, type CountedSession } from './helpers';

let session: CountedSession;

beforeAll(async () => {
  session = await countedDemoSession({ role: 'supervisor' });
});

afterAll(async () => {
  await session.service.stop();
});

const word = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,20}$/);

const nonAsciiCharacter = fc
  .integer({ min: 0x80, max: 0x10ffff })
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code));

/** A valid-looking name with one poison in it, and what the refusal must say. */
const poisoned: fc.Arbitrary<{ value: string; says: RegExp }> = fc.oneof(
  fc
    .tuple(word, fc.constantFrom(';', '$(', '`', "'", '"', '|', '&', '>', ' '), word)
    .map(([a, poison, b]) => ({ value: `${a}${poison}${b}`, says: /shell would interpret/ })),
  fc
    .tuple(word, fc.constantFrom('$(reboot)', '`reboot`', "'; rm -rf / #"), word)
    .map(([a, poison, b]) => ({ value: `${a}${poison}${b}`, says: /shell would interpret/ })),
  fc
    .tuple(word, fc.constantFrom('\n', '\r\n', '\r'), word)
    .map(([a, poison, b]) => ({ value: `${a}${poison}${b}`, says: /line break/ })),
  fc.tuple(word, word).map(([a, b]) => ({ value: `${a}\0${b}`, says: /NUL byte/ })),
  word.map((a) => ({ value: `-${a}`, says: /starts with "-"/ })),
  word.map((a) => ({ value: `--${a}=1`, says: /starts with "-"/ })),
  fc
    .integer({ min: 129, max: 5000 })
    .map((length) => ({ value: 'a'.repeat(length), says: /characters long/ })),
  fc.tuple(word, nonAsciiCharacter, word).map(([a, character, b]) => ({
    value: `${a}${character}${b}`,
    says: /non-ASCII|control|shell/,
  })),
);

const containerActions = catalog.filter((action) => action.targetKind === 'container');

async function bothRefuse(
  request: Parameters<CountedSession['service']['preview']>[0],
): Promise<Refusal[]> {
  const preview = await session.service.preview(request);
  const run = await session.service.run({ ...request, confirmation: request.target.container });
  expect(preview.ok).toBe(false);
  expect(run.ok).toBe(false);
  return [preview as Refusal, run as Refusal];
}

describe('injection attempts are refused before any transport is touched', () => {
  it('container names', async () => {
    await fc.assert(
      fc.asyncProperty(poisoned, fc.constantFrom(...containerActions), async (poison, action) => {
        const refusals = await bothRefuse({
          actionId: action.id,
          target: { node: 'vk01', container: poison.value },
          args: {},
        });
        for (const refusal of refusals) {
          expect(refusal.code).toBe('invalid-target');
          expect(refusal.reason).toMatch(/^target\.container: .* is not a container name: /);
          expect(refusal.reason).toMatch(poison.says);
        }
        expect(session.calls).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('node ids', async () => {
    await fc.assert(
      fc.asyncProperty(poisoned, fc.constantFrom(...catalog), async (poison, action) => {
        const container = action.targetKind === 'container' ? 'keydb' : undefined;
        const refusals = await bothRefuse({
          actionId: action.id,
          target: container ? { node: poison.value, container } : { node: poison.value },
          args: {},
        });
        for (const refusal of refusals) {
          expect(refusal.code).toBe('invalid-target');
          expect(refusal.reason).toMatch(/^target\.node: .* is not a node id: /);
        }
        expect(session.calls).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('string arguments (the GPU exporter, a Redis key)', async () => {
    await fc.assert(
      fc.asyncProperty(
        poisoned,
        fc.constantFrom(
          { actionId: 'gpu.diagnostics', field: 'exporter' },
          { actionId: 'redis.diagnostics', field: 'key' },
        ),
        async (poison, { actionId, field }) => {
          const refusals = await bothRefuse({
            actionId,
            target: { node: 'vk01' },
            args: { [field]: poison.value },
          });
          for (const refusal of refusals) {
            expect(refusal.code).toBe('invalid-arguments');
            expect(refusal.reason).toContain(`args.${field}: `);
            expect(refusal.reason).toMatch(poison.says);
          }
          expect(session.calls).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('arguments of the wrong type or unknown ones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ lines: fc.oneof(fc.string(), fc.double(), fc.integer({ min: 5001 })) }),
          fc.record({ lines: fc.integer({ max: 0 }) }),
          fc.record({ command: fc.string() }),
          fc
            .dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.anything(), { minKeys: 1 })
            .filter((args) => !('lines' in args)),
        ),
        async (args) => {
          const refusals = await bothRefuse({
            actionId: 'container.logs',
            target: { node: 'vk01', container: 'keydb' },
            args,
          });
          for (const refusal of refusals) {
            expect(refusal.code).toBe('invalid-arguments');
            expect(refusal.reason).toMatch(/^container\.logs: args[.:]/);
          }
          expect(session.calls).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('well-formed names that the snapshot does not have', async () => {
    await fc.assert(
      fc.asyncProperty(
        word.filter((name) => !/keydb|inference|database|exporter|portainer/.test(name)),
        fc.constantFrom(...containerActions),
        async (name, action) => {
          const refusals = await bothRefuse({
            actionId: action.id,
            target: { node: 'vk01', container: `zz-${name}` },
            args: {},
          });
          for (const refusal of refusals) {
            expect(['no-such-container', 'precondition']).toContain(refusal.code);
          }
          expect(session.calls).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a valid request does reach the node (the counter works)', async () => {
    const run = await session.service.run({
      actionId: 'container.logs',
      target: { node: 'vk01', container: 'keydb' },
      args: { lines: 5 },
    });
    if (!run.ok) throw new Error(run.reason);
    await session.service.finished(run.runId);
    expect(session.calls).toEqual(['vk01 ssh docker logs --tail 5 --timestamps keydb']);
  });
});
