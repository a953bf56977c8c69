// The wire protocol shared by every pipe (in-memory, WebSocket, Electron MessagePort).
// Messages are JSON text; the same bytes travel over all three so one test suite covers them all.
import { z } from 'zod';

/** Largest message either side accepts, in bytes of UTF-8 text. Bigger ones get TOO_LARGE. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Default time a request may take before the caller gives up, in milliseconds. */
export const DEFAULT_CALL_TIMEOUT_MS = 15_000;

/** Error codes that cross the pipe; the renderer translates each into a sentence. */
export const errorCodes = [
  'BAD_MESSAGE',
  'UNKNOWN_METHOD',
  'INVALID_ARGS',
  'INVALID_RESULT',
  'TOO_LARGE',
  'TIMEOUT',
  'DISCONNECTED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** An error as data: a code a program can act on and a message a person can read. */
export const wireErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

const requestIdSchema = z.number().int().nonnegative();

/** A call from a client to the core. `args` is checked against the contract by the core. */
export const requestMessageSchema = z.object({
  kind: z.literal('request'),
  id: requestIdSchema,
  method: z.string().min(1).max(200),
  args: z.unknown(),
});

/** The core's answer to one request; `id` is null when the request was too broken to read one. */
export const responseMessageSchema = z.discriminatedUnion('ok', [
  z.object({
    kind: z.literal('response'),
    id: requestIdSchema.nullable(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    kind: z.literal('response'),
    id: requestIdSchema.nullable(),
    ok: z.literal(false),
    error: wireErrorSchema,
  }),
]);

/** Something the core pushes without being asked (a new snapshot, a heartbeat). */
export const eventMessageSchema = z.object({
  kind: z.literal('event'),
  name: z.string().min(1).max(200),
  payload: z.unknown(),
});

export const messageSchema = z.union([
  requestMessageSchema,
  responseMessageSchema,
  eventMessageSchema,
]);
export type RequestMessage = z.infer<typeof requestMessageSchema>;
export type ResponseMessage = z.infer<typeof responseMessageSchema>;
export type EventMessage = z.infer<typeof eventMessageSchema>;
export type Message = z.infer<typeof messageSchema>;

/** The outcome of decoding one piece of text from a pipe. */
export type Decoded = { ok: true; message: Message } | { ok: false; error: WireError };

const encoder = new TextEncoder();

/** Size in bytes of a message as it travels. */
export function byteLength(text: string): number {
  // Fast path: UTF-8 never takes fewer bytes than UTF-16 code units.
  if (text.length > MAX_MESSAGE_BYTES) return text.length;
  return encoder.encode(text).byteLength;
}

/** Reads one message of text, never throwing: oversize, bad JSON and bad shapes become errors. */
export function decodeMessage(text: unknown): Decoded {
  if (typeof text !== 'string') {
    return fail('BAD_MESSAGE', `message must be JSON text, got ${typeof text}`);
  }
  if (byteLength(text) > MAX_MESSAGE_BYTES) {
    return fail('TOO_LARGE', `message of ${byteLength(text)} bytes exceeds ${MAX_MESSAGE_BYTES}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail('BAD_MESSAGE', `message is not JSON: ${(error as Error).message}`);
  }
  const result = messageSchema.safeParse(parsed);
  if (!result.success)
    return fail('BAD_MESSAGE', `message has the wrong shape: ${describeIssues(result.error)}`);
  return { ok: true, message: result.data };
}

export function encodeMessage(message: Message): string {
  return JSON.stringify(message);
}

/** One line per zod issue, naming the field path, for messages people read. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

function fail(code: ErrorCode, message: string): Decoded {
  return { ok: false, error: { code, message } };
}

/** A request id read leniently from a message that failed validation, to match the reply. */
export function salvageRequestId(text: string): number | null {
  try {
    const value: unknown = JSON.parse(text);
    const id = (value as { id?: unknown } | null)?.id;
    return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
  } catch {
    return null;
  }
}
