// The Prometheus HTTP API of a node (`prometheus: http://10.0.0.11:9090` in the fleet file):
// instant and range queries with a deadline and a bounded answer, read by the probes' parser.
// Prometheus answers errors as JSON with 4xx/5xx statuses; those become one ChannelError that
// keeps Prometheus' own words (`bad_data: parse error …`).
import { parsePrometheusQueryResponse, type PrometheusQueryResult } from '../probes/prometheus-api';
import { formatProblem, type ParseProblem } from '../probes/parse-result';
import { cleanMessage, elapsedMs, type ChannelError, type Outcome } from './errors';
import { httpGet, oversizeError, type HttpAnswer } from './http';

/** A successful answer: the series, and anything in it the parser could not read. */
export type PrometheusData = Extract<PrometheusQueryResult, { status: 'success' }> & {
  problems: ParseProblem[];
};

export interface PrometheusQueryOptions {
  /** Deadline for the whole request; Prometheus is asked to stop evaluating then too. */
  timeoutMs?: number;
  /** Answers larger than this are refused unread. Default 8 MiB. */
  maxBodyBytes?: number;
}

export interface PrometheusRange {
  start: Date;
  end: Date;
  stepSeconds: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** `/api/v1/query`: the value of `expression` at `time` (default: now at the server). */
export function queryInstant(
  baseUrl: string,
  expression: string,
  options: PrometheusQueryOptions & { time?: Date } = {},
): Promise<Outcome<PrometheusData>> {
  const parameters: Record<string, string> = { query: expression };
  if (options.time !== undefined) parameters.time = unixSeconds(options.time);
  return runQuery(baseUrl, 'query', parameters, options);
}

/** `/api/v1/query_range`: `expression` from start to end, one point per step. */
export function queryRange(
  baseUrl: string,
  expression: string,
  range: PrometheusRange,
  options: PrometheusQueryOptions = {},
): Promise<Outcome<PrometheusData>> {
  const parameters = {
    query: expression,
    start: unixSeconds(range.start),
    end: unixSeconds(range.end),
    step: String(range.stepSeconds),
  };
  return runQuery(baseUrl, 'query_range', parameters, options);
}

async function runQuery(
  baseUrl: string,
  endpoint: 'query' | 'query_range',
  parameters: Record<string, string>,
  options: PrometheusQueryOptions,
): Promise<Outcome<PrometheusData>> {
  const startedAt = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const url = apiUrl(baseUrl, endpoint, { ...parameters, timeout: `${timeoutMs / 1000}s` });
  if (url === undefined) {
    const error: ChannelError = { kind: 'not-configured', message: 'not a Prometheus URL' };
    return { ok: false, error, durationMs: 0 };
  }
  const answer = await httpGet(url, {
    timeoutMs,
    maxBodyBytes,
    headers: { accept: 'application/json' },
  });
  const result = readAnswer(answer, maxBodyBytes);
  const durationMs = elapsedMs(startedAt);
  return 'error' in result
    ? { ok: false, error: result.error, durationMs }
    : { ok: true, value: result.value, durationMs };
}

function readAnswer(
  answer: HttpAnswer,
  maxBodyBytes: number,
): { value: PrometheusData } | { error: ChannelError } {
  if (answer.truncated) return { error: oversizeError(maxBodyBytes) };
  // Nothing answered, or the answer broke off: the HTTP layer says why.
  if (answer.error !== null && answer.error.kind !== 'http-status') return { error: answer.error };

  const parsed = parsePrometheusQueryResponse(answer.body.toString('utf8'));
  const result = parsed.value;
  if (result === null) {
    // Not the API's JSON: a proxy's error page keeps its HTTP status as the reason.
    return { error: answer.error ?? notTheApi(parsed.problems) };
  }
  if (result.status === 'error') return { error: envelopeError(result, answer.status) };
  return { value: { ...result, problems: parsed.problems } };
}

function envelopeError(
  result: Extract<PrometheusQueryResult, { status: 'error' }>,
  status: number,
): ChannelError {
  const message = cleanMessage(`Prometheus ${result.errorType}: ${result.error}`);
  if (result.errorType === 'timeout' || result.errorType === 'canceled') {
    return { kind: 'timeout', message };
  }
  return { kind: status >= 400 ? 'http-status' : 'protocol', message };
}

function notTheApi(problems: ParseProblem[]): ChannelError {
  const first = problems[0];
  const detail = first === undefined ? '' : `: ${formatProblem(first)}`;
  return { kind: 'protocol', message: cleanMessage(`not a Prometheus API answer${detail}`) };
}

/** The endpoint under the configured base, which may carry a path (`http://host/prometheus`). */
function apiUrl(
  baseUrl: string,
  endpoint: string,
  parameters: Record<string, string>,
): string | undefined {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  if (!URL.canParse(base)) return undefined;
  const url = new URL(`api/v1/${endpoint}`, base);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return url.toString();
}

function unixSeconds(time: Date): string {
  return (time.getTime() / 1000).toFixed(3);
}
