// The RabbitMQ management API of a node (`rabbitmq: { url, user, passwordEnv }` in the fleet
// file): `GET /api/queues` with basic auth, a deadline and a bounded answer, read by the probes'
// parser into snapshot queues.
import type { RabbitmqSettings } from '../../shared/fleet';
import type { Queue } from '../../shared/snapshot';
import { formatProblem, type ParseProblem } from '../probes/parse-result';
import { parseRabbitQueues } from '../probes/rabbitmq';
import { cleanMessage, elapsedMs, type ChannelError, type Outcome } from './errors';
import { httpGet, oversizeError, type HttpAnswer } from './http';
import { resolveSecret } from './secrets';

export interface RabbitmqQueues {
  queues: Queue[];
  /** Entries the parser could not read, for the log; the queues it could are still here. */
  problems: ParseProblem[];
}

export interface RabbitmqOptions {
  /** Where `settings.passwordEnv` is looked up. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Deadline for the whole request. Default 5 000. */
  timeoutMs?: number;
  /** Answers larger than this are refused unread. Default 8 MiB. */
  maxBodyBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Only the fields the snapshot keeps: the full answer also carries garbage-collection and
 * backing-queue details, several kilobytes per queue. Brokers that ignore `columns` still work.
 */
const QUEUE_COLUMNS = [
  'name',
  'vhost',
  'state',
  'messages',
  'messages_ready',
  'messages_unacknowledged',
  'consumers',
  'memory',
  'message_stats',
].join(',');

/** Every queue of every vhost, or why not. Never throws. */
export async function fetchQueues(
  settings: RabbitmqSettings,
  options: RabbitmqOptions = {},
): Promise<Outcome<RabbitmqQueues>> {
  const startedAt = performance.now();
  const secret = resolveSecret(settings.passwordEnv, options.env);
  if (!secret.ok) return { ok: false, error: secret.error, durationMs: 0 };

  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const answer = await httpGet(queuesUrl(settings.url), {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBodyBytes,
    // Same-origin redirects only, and never with our credentials to anywhere else.
    headers: { accept: 'application/json', authorization: basicAuth(settings.user, secret.value) },
  });
  const result = readAnswer(answer, maxBodyBytes);
  const durationMs = elapsedMs(startedAt);
  if ('error' in result) return { ok: false, error: result.error, durationMs };
  return { ok: true, value: result.value, durationMs };
}

function readAnswer(
  answer: HttpAnswer,
  maxBodyBytes: number,
): { value: RabbitmqQueues } | { error: ChannelError } {
  if (answer.truncated) return { error: oversizeError(maxBodyBytes) };
  if (answer.status === 401) {
    return { error: { kind: 'auth', message: 'the management API refused the credentials' } };
  }
  if (answer.error !== null) return { error: answer.error };

  const parsed = parseRabbitQueues(answer.body.toString('utf8'));
  const unreadable = parsed.value.length === 0 && parsed.problems.length > 0;
  if (unreadable) return { error: notTheApi(parsed.problems) };
  return { value: { queues: parsed.value, problems: parsed.problems } };
}

function notTheApi(problems: ParseProblem[]): ChannelError {
  const first = problems[0];
  const detail = first === undefined ? '' : `: ${formatProblem(first)}`;
  return { kind: 'protocol', message: cleanMessage(`not a RabbitMQ /api/queues answer${detail}`) };
}

function queuesUrl(baseUrl: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  if (!URL.canParse(base)) return baseUrl;
  const url = new URL('api/queues', base);
  url.searchParams.set('columns', QUEUE_COLUMNS);
  return url.toString();
}

function basicAuth(user: string, password: string | undefined): string {
  return `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}`;
}
