// Redis client errors in application logs (ioredis under NestJS and friends): which error, to
// which address, when. They tell "client stuck reconnecting" apart from "server down": the
// reference report's backend looped ECONNREFUSED → EHOSTUNREACH → ECONNREFUSED for hours.
import { guarded, splitLines, type Parsed } from './parse-result';

export const redisClientErrorKinds = [
  'refused', // ECONNREFUSED: host up, nothing listening
  'unreachable', // EHOSTUNREACH / ENETUNREACH: no route
  'timeout', // ETIMEDOUT
  'dns', // ENOTFOUND / EAI_AGAIN
  'reset', // ECONNRESET / EPIPE
  'max-retries', // MaxRetriesPerRequestError: commands failing while reconnecting
  'sentinels-unreachable', // Sentinel mode: no sentinel answered
  'other',
] as const;
export type RedisClientErrorKind = (typeof redisClientErrorKinds)[number];

export interface RedisClientError {
  line: number;
  kind: RedisClientErrorKind;
  /** `host:port` when the message names it (ioredis puts it after the error code). */
  target: string | null;
  /** The first timestamp at the start of the line, as written. */
  timeText: string | null;
  message: string;
}

const codeKinds: Record<string, RedisClientErrorKind> = {
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ETIMEDOUT: 'timeout',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
};

/** Prefixes people and log shippers put before the message: `< `, `NestJS `, a backtick. */
const DECORATION = /^[`<\s]*(?:NestJS\s+)?/;
const LEADING_TIME = /^(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?Z?):?\s*/;
// NestJS's own logger: `[Nest] 1  - 02/18/2026, 9:40:01 PM   ERROR [RedisService] …`
const NEST_LOGGER =
  /^\[Nest\]\s+\d+\s+-\s+.*?\s(?:LOG|ERROR|WARN|DEBUG|VERBOSE|FATAL)\s+\[[^\]]*\]\s*/;

/**
 * One error per line that states one: `Error: connect ECONNREFUSED 10.244.70.26:4000`,
 * `[ioredis] Unhandled error event: …`, `MaxRetriesPerRequestError: …`. Stack frames, debug
 * status lines and error-object fields (`code: 'ETIMEDOUT'`) are not counted again.
 */
export function parseRedisClientErrors(text: string): Parsed<RedisClientError[]> {
  return guarded(
    () => [],
    () => {
      const errors: RedisClientError[] = [];
      splitLines(text).forEach((raw, index) => {
        const { body, timeText } = undecorate(raw);
        const found = classify(body);
        if (found) errors.push({ line: index + 1, timeText, message: body, ...found });
      });
      return { value: errors, problems: [] };
    },
  );
}

function undecorate(raw: string): { body: string; timeText: string | null } {
  let body = raw.replace(DECORATION, '').replace(NEST_LOGGER, '');
  const time = LEADING_TIME.exec(body);
  if (time) body = body.slice(time[0].length).replace(DECORATION, '');
  return { body: body.trim(), timeText: time?.[1] ?? null };
}

function classify(body: string): { kind: RedisClientErrorKind; target: string | null } | null {
  const statement = /^(?:\[ioredis\] Unhandled error event: )?(\w*Error): (.*)$/.exec(body);
  if (!statement) return null;
  const [, errorName = '', message = ''] = statement;
  if (errorName === 'MaxRetriesPerRequestError') return { kind: 'max-retries', target: null };
  if (/All sentinels are unreachable/.test(message)) {
    return { kind: 'sentinels-unreachable', target: null };
  }
  const code = /\b(E[A-Z_]{3,})\b(?:\s+(\S+))?/.exec(message);
  if (!code) return { kind: 'other', target: null };
  return { kind: codeKinds[code[1] ?? ''] ?? 'other', target: code[2] ?? null };
}
