// Bad input for the contract, shared by the pipe fuzzers: raw text that is not a message, messages
// of the wrong shape, and requests with mutated methods and arguments. And the one property every
// answer must have: a response, and when it refuses, a known code and a sentence saying why.
import fc from 'fast-check';
import { expect } from 'vitest';
import { requestNames } from '../../shared/api/contract';
import { errorCodes, type ResponseMessage } from '../../shared/api/protocol';

/** Argument names the contract's requests use, so random args sometimes come close. */
const argumentNames = [
  'echo',
  'node',
  'container',
  'id',
  'from',
  'to',
  'series',
  'limit',
  'actionId',
  'target',
  'args',
  'findingId',
  'role',
  'pin',
  'stepSeconds',
  'query',
];

const jsonValue = fc.jsonValue({ maxDepth: 4 });

/** Arguments: anything JSON, or objects with the contract's own keys and random values. */
export const fuzzArgs = fc.oneof(
  jsonValue,
  fc.dictionary(fc.constantFrom(...argumentNames), jsonValue, { maxKeys: 4 }),
  fc.constant(undefined),
);

/** A request that is well formed as a message; its method and args may be anything. */
export const fuzzRequest = fc.record({
  kind: fc.constant('request'),
  id: fc.nat({ max: 1_000_000 }),
  method: fc.oneof(
    fc.constantFrom(...requestNames),
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app.info '),
  ),
  args: fuzzArgs,
});

/** `{"a":{"a":…1…}}`, `depth` levels deep. */
function deepObject(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Text that may or may not be a message: the whole range a broken client could send. */
export const fuzzText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  jsonValue.map((value) => JSON.stringify(value)),
  fuzzRequest.map((request) => JSON.stringify(request)),
  // Wrong kinds, ids and shapes around an otherwise fine request.
  fc
    .record({
      kind: fc.oneof(fc.constantFrom('response', 'event', 'REQUEST', ''), jsonValue),
      id: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
      method: fc.oneof(fc.string(), jsonValue),
      args: jsonValue,
    })
    .map((message) => JSON.stringify(message)),
  // A valid request cut short or with bytes changed.
  fc.tuple(fuzzRequest, fc.nat(), fc.string({ maxLength: 3 })).map(([request, at, insert]) => {
    const text = JSON.stringify(request);
    const cut = at % (text.length + 1);
    return text.slice(0, cut) + insert + text.slice(cut + 1);
  }),
  fc.constantFrom(
    '',
    'null',
    '[]',
    '{}',
    '{"kind":"request"}',
    '{"kind":"request","id":-1,"method":"app.info","args":{}}',
    '{"kind":"request","id":1e400,"method":"app.info","args":{}}',
    `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
    `{"kind":"request","id":7,"method":"app.ping","args":${deepObject(2_000)}}`,
    '\u0000\u0001\uFFFF\uD800',
  ),
);

/**
 * Checks one reply: a response, never carrying another request's id (null when the text had no
 * usable one), and a refusal with a known code and a sentence, never a crash of the core.
 */
export function expectClearReply(reply: unknown, requestId: number | null): void {
  const response = reply as ResponseMessage;
  expect(response.kind).toBe('response');
  if (response.id !== null) expect(response.id).toBe(requestId);
  if (response.ok) return;
  expect(errorCodes).toContain(response.error.code);
  // INTERNAL and INVALID_RESULT mean a handler broke on input the contract let through.
  expect(['INTERNAL', 'INVALID_RESULT']).not.toContain(response.error.code);
  expect(response.error.message.length).toBeGreaterThan(5);
  expect(response.error.message.length).toBeLessThan(5_000);
}

/** The id a reply should carry: the request's when the text is JSON with a usable id. */
export function expectedId(text: string): number | null {
  try {
    const value = JSON.parse(text) as { id?: unknown } | null;
    const id = value?.id;
    return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
  } catch {
    return null;
  }
}
