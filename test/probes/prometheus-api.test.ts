import { describe, expect, it } from 'vitest';
import { parsePrometheusQueryResponse } from '../../electron/probes/prometheus-api';
import { expectAllCovered, problemTexts, readFixture } from './fixtures';

const FOLDER = '07-prometheus-api';
const files = {
  vector: 'docs-query-instant-vector-up.txt',
  badData: 'error-bad-data-invalid-expression-type-prom2015.txt',
  timeout: 'error-timeout-json-cortex-behind-aws-504.txt',
  matrix: 'query-range-matrix-compact-prom2.42.txt',
};
const parse = (file: string) => parsePrometheusQueryResponse(readFixture(FOLDER, file));

it('covers every Prometheus API fixture', () => {
  expectAllCovered(FOLDER, Object.values(files));
});

describe('Prometheus query answers', () => {
  it('reads the documented instant vector (spaces before colons)', () => {
    const result = parse(files.vector);
    expect(result.problems).toEqual([]);
    expect(result.value).toEqual({
      status: 'success',
      resultType: 'vector',
      warnings: [],
      series: [
        {
          metric: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' },
          points: [{ timeSeconds: 1435781451.781, value: 1, valueText: '1' }],
        },
        {
          metric: { __name__: 'up', job: 'node', instance: 'localhost:9100' },
          points: [{ timeSeconds: 1435781451.781, value: 0, valueText: '0' }],
        },
      ],
    });
  });

  it('reads a compact range matrix from Prometheus 2.42', () => {
    const { value, problems } = parse(files.matrix);
    expect(problems).toEqual([]);
    if (value?.status !== 'success') throw new Error('expected success');
    expect(value.resultType).toBe('matrix');
    expect(value.series).toHaveLength(1);
    expect(value.series[0]?.metric.job).toBe('cmd_exporter');
    expect(value.series[0]?.points).toHaveLength(18);
    expect(value.series[0]?.points[0]).toEqual({
      timeSeconds: 1695022662.429,
      value: 1,
      valueText: '1',
    });
    expect(value.series[0]?.points[17]?.timeSeconds).toBe(1695025197.598);
  });

  it.each([
    [
      files.badData,
      'bad_data',
      'invalid expression type "matrix" for range query, must be scalar or vector',
    ],
    [files.timeout, 'timeout', 'upstream request timeout'],
  ])('reads the error body of %s', (file, errorType, error) => {
    expect(parse(file)).toEqual({ value: { status: 'error', errorType, error }, problems: [] });
  });

  it('reads scalars and keeps NaN as null with its text', () => {
    const scalar = parsePrometheusQueryResponse(
      '{"status":"success","data":{"resultType":"scalar","result":[1700000000,"NaN"]}}',
    );
    expect(scalar.value).toMatchObject({
      series: [
        { metric: {}, points: [{ timeSeconds: 1700000000, value: null, valueText: 'NaN' }] },
      ],
    });
  });

  it('reports a proxy page, a truncated body and malformed points without throwing', () => {
    expect(problemTexts(parsePrometheusQueryResponse('upstream request timeout'))).toEqual([
      expect.stringMatching(/^line 1: not valid JSON/),
    ]);
    expect(problemTexts(parsePrometheusQueryResponse('{"status":"succ'))).toEqual([
      'line 1: JSON ends early (truncated?)',
    ]);
    const broken = parsePrometheusQueryResponse(
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1]}]}}',
    );
    expect(problemTexts(broken)).toEqual([
      'field data.result[0].values[0]: not a [time, "value"] pair',
    ]);
    expect(problemTexts(parsePrometheusQueryResponse('{"status":"weird"}'))).toEqual([
      'status is neither success nor error',
    ]);
    expect(problemTexts(parsePrometheusQueryResponse(''))).toEqual(['line 1: empty']);
  });
});
