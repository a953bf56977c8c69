// Answers of the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`), including error
// bodies (`{"status":"error","errorType":"timeout",…}`) and what proxies put in front of them.
import {
  asRecord,
  asString,
  guarded,
  parseJson,
  problem,
  toNumber,
  type Parsed,
  type ParseProblem,
} from './parse-result';

export interface PrometheusPoint {
  timeSeconds: number;
  /** null for NaN, ±Inf and string results, which JSON cannot carry as numbers. */
  value: number | null;
  valueText: string;
}

export interface PrometheusSeries {
  metric: Record<string, string>;
  points: PrometheusPoint[];
}

export type PrometheusQueryResult =
  | {
      status: 'success';
      resultType: 'vector' | 'matrix' | 'scalar' | 'string';
      series: PrometheusSeries[];
      warnings: string[];
    }
  | { status: 'error'; errorType: string; error: string };

/** A query answer; null with a problem when the body is not a Prometheus API answer at all. */
export function parsePrometheusQueryResponse(text: string): Parsed<PrometheusQueryResult | null> {
  return guarded(
    () => null,
    () => {
      const json = parseJson(text);
      const body = asRecord(json.value);
      if (!body) {
        const problems = json.problems.length ? json.problems : [problem(1, 'not a JSON object')];
        return { value: null, problems };
      }
      if (body.status === 'error') return { value: errorResult(body), problems: [] };
      if (body.status !== 'success') {
        return { value: null, problems: [problem(null, 'status is neither success nor error')] };
      }
      return successResult(body);
    },
  );
}

function errorResult(body: Record<string, unknown>): PrometheusQueryResult {
  return {
    status: 'error',
    errorType: asString(body.errorType) ?? 'unknown',
    error: asString(body.error) ?? '',
  };
}

const resultTypes = ['vector', 'matrix', 'scalar', 'string'] as const;

function successResult(body: Record<string, unknown>): Parsed<PrometheusQueryResult | null> {
  const data = asRecord(body.data);
  const resultType = resultTypes.find((type) => type === data?.resultType);
  if (!data || !resultType) {
    return { value: null, problems: [problem(null, 'no data.resultType', 'data')] };
  }
  const problems: ParseProblem[] = [];
  const series = readSeries(resultType, data.result, problems);
  const warnings = Array.isArray(body.warnings) ? body.warnings.map(String) : [];
  return { value: { status: 'success', resultType, series, warnings }, problems };
}

function readSeries(
  resultType: (typeof resultTypes)[number],
  result: unknown,
  problems: ParseProblem[],
): PrometheusSeries[] {
  if (resultType === 'scalar' || resultType === 'string') {
    const point = readPoint(result, 'data.result', problems);
    return point ? [{ metric: {}, points: [point] }] : [];
  }
  if (!Array.isArray(result)) {
    problems.push(problem(null, 'not a list', 'data.result'));
    return [];
  }
  return result.map((item, index) => {
    const entry = asRecord(item) ?? {};
    const field = `data.result[${index}]`;
    const rawPoints = resultType === 'vector' ? [entry.value] : entry.values;
    const points = (Array.isArray(rawPoints) ? rawPoints : [])
      .map((raw, pointIndex) => readPoint(raw, `${field}.values[${pointIndex}]`, problems))
      .filter((point): point is PrometheusPoint => point !== null);
    return { metric: stringRecord(entry.metric), points };
  });
}

/** `[1435781451.781, "1"]`: a time in seconds and the value as text. */
function readPoint(raw: unknown, field: string, problems: ParseProblem[]): PrometheusPoint | null {
  if (!Array.isArray(raw) || typeof raw[0] !== 'number' || typeof raw[1] !== 'string') {
    problems.push(problem(null, 'not a [time, "value"] pair', field));
    return null;
  }
  return { timeSeconds: raw[0], value: toNumber(raw[1]), valueText: raw[1] };
}

function stringRecord(value: unknown): Record<string, string> {
  const record = asRecord(value) ?? {};
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, String(item)]));
}
