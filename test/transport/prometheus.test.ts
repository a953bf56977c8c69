// Prometheus queries against a small server started here that answers with real API outputs
// (test/fixtures/real-outputs/07-prometheus-api): values, Prometheus' own errors, and HTTP faults.
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { queryInstant, queryRange } from '../../electron/transport/prometheus';

const fixtures = new URL('../fixtures/real-outputs/07-prometheus-api/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, fixtures), 'utf8');

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const servers: http.Server[] = [];
const requests: URL[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer((request, response) => {
    requests.push(new URL(request.url ?? '/', 'http://prometheus'));
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function answer(status: number, body: string): Handler {
  return (_, response) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  };
}

afterEach(async () => {
  requests.splice(0);
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('Prometheus queries', () => {
  it('reads an instant vector, asking Prometheus to stop at our deadline', async () => {
    const url = await serve(answer(200, fixture('docs-query-instant-vector-up.txt')));
    const time = new Date('2015-07-01T20:10:51.781Z');
    const outcome = await queryInstant(url, 'up', { time, timeoutMs: 2_000 });

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.resultType).toBe('vector');
    expect(outcome.value.series.map((series) => series.metric.job)).toEqual(['prometheus', 'node']);
    expect(outcome.value.series.map((series) => series.points[0]?.value)).toEqual([1, 0]);
    expect(outcome.value.problems).toEqual([]);
    expect(outcome.durationMs).toBeGreaterThan(0);

    const request = requests[0] as URL;
    expect(request.pathname).toBe('/api/v1/query');
    expect(Object.fromEntries(request.searchParams)).toEqual({
      query: 'up',
      time: '1435781451.781',
      timeout: '2s',
    });
  });

  it('reads a range matrix under a base URL with a path', async () => {
    const url = await serve(answer(200, fixture('query-range-matrix-compact-prom2.42.txt')));
    const range = {
      start: new Date(1695022662_000),
      end: new Date(1695025197_000),
      stepSeconds: 15,
    };
    const outcome = await queryRange(`${url}/prometheus`, 'gaussdb_log_ffic', range);

    expect(outcome.ok && outcome.value.resultType).toBe('matrix');
    expect(outcome.ok && outcome.value.series[0]?.points).toHaveLength(18);
    const request = requests[0] as URL;
    expect(request.pathname).toBe('/prometheus/api/v1/query_range');
    expect(request.searchParams.get('step')).toBe('15');
    expect(request.searchParams.get('start')).toBe('1695022662.000');
  });

  it("keeps Prometheus' own words for a bad query", async () => {
    const url = await serve(
      answer(400, fixture('error-bad-data-invalid-expression-type-prom2015.txt')),
    );
    const outcome = await queryRange(url, 'up[5m]', {
      start: new Date(0),
      end: new Date(60_000),
      stepSeconds: 15,
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        kind: 'http-status',
        message:
          'Prometheus bad_data: invalid expression type "matrix" for range query, ' +
          'must be scalar or vector',
      },
    });
  });

  it('sorts a timeout reported in the body (Cortex behind a 504) as timeout', async () => {
    const url = await serve(answer(504, fixture('error-timeout-json-cortex-behind-aws-504.txt')));
    expect(await queryInstant(url, 'up')).toMatchObject({
      ok: false,
      error: { kind: 'timeout', message: 'Prometheus timeout: upstream request timeout' },
    });
  });

  it("reports a proxy's error page by its status, and a non-API 200 as protocol", async () => {
    const badGateway = await serve((_, response) => response.writeHead(502).end('<html>'));
    expect(await queryInstant(badGateway, 'up')).toMatchObject({
      ok: false,
      error: { kind: 'http-status', message: 'HTTP 502 Bad Gateway' },
    });
    const notApi = await serve(answer(200, '<html><body>Grafana</body></html>'));
    const outcome = await queryInstant(notApi, 'up');
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'protocol' } });
    expect(outcome.ok || outcome.error.message).toMatch(/^not a Prometheus API answer/);
  });

  it('refuses an oversize answer without reading it to the end', async () => {
    const sample = '{"metric":{},"value":[1,"1"]},'.repeat(100_000);
    const huge = `{"status":"success","data":{"resultType":"vector","result":[${sample}{}]}}`;
    const url = await serve(answer(200, huge));
    const outcome = await queryInstant(url, 'up', { maxBodyBytes: 1024 * 1024 });
    expect(outcome).toMatchObject({
      ok: false,
      error: { kind: 'protocol', message: 'answer larger than 1 MiB, not read' },
    });
  });

  it('reports a refused connection as socket and a silent server as timeout', async () => {
    const refused = await queryInstant('http://127.0.0.1:1', 'up');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'socket' } });

    const silent = await serve(() => undefined);
    const outcome = await queryInstant(silent, 'up', { timeoutMs: 300 });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(outcome.durationMs).toBeLessThan(450);
  });
});
