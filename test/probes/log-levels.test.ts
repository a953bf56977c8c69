import { describe, expect, it } from 'vitest';
import { classifyLogLevel, summarizeLogs } from '../../electron/probes/log-levels';
import { containerLogsSchema, MAX_LOG_LINE_CHARS } from '../../shared/snapshot';
import { readFixture } from './fixtures';

describe('classifyLogLevel', () => {
  it.each([
    ['2026-02-18 23:02:00,123 - plc_monitor - WARNING - Inicio readBar', 'warning'],
    ['WARNING:root:Velocidade_Tratada ausente em DB_Speed', 'warning'],
    ['ERROR:batch_processor:File is empty, retrying', 'error'],
    [
      '[Nest] 41  - 02/18/2026, 9:40:01 PM   ERROR [ExceptionsHandler] connect ECONNREFUSED',
      'error',
    ],
    [
      '[Nest] 41  - 02/18/2026, 9:40:01 PM     LOG [NestApplication] Nest application started',
      'info',
    ],
    ['[Nest] 41  - 02/18/2026, 9:40:01 PM    WARN [RedisService] reconnecting', 'warning'],
    ['[2024-11-05 09:25:59 +0000] [16] [CRITICAL] WORKER TIMEOUT (pid:17)', 'fatal'],
    ['2026-02-21 09:18:28.528 UTC [40] FATAL:  database "visionking" does not exist', 'fatal'],
    ['2026-02-21 09:18:35.394 UTC [41] DETAIL:  Connection matched pg_hba.conf line 100', 'info'],
    ['time="2026-02-18T21:53:00Z" level=error msg="scrape failed"', 'error'],
    ['{"level":"warn","msg":"slow query"}', 'warning'],
    ['{"level":50,"time":1700000000000,"msg":"boom"}', 'error'],
    ['E0218 21:53:00.123456   1 reflector.go:138] watch failed', 'error'],
    ['I0218 21:53:00.123456   1 main.go:10] started', 'info'],
    ['2026-02-18 21:53:00 DEBUG writeBar F32331400601 ok', 'debug'],
    ['connection error while reading bar F32331400601', 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (line, level) => {
    expect(classifyLogLevel(line)).toBe(level);
  });

  it('reads the level words of the real gunicorn and PostgreSQL fixtures', () => {
    const gunicorn = readFixture(
      '11-gunicorn',
      'gunicorn-20.1.0-timeouts-terminated-signal-6-and-9-debug.txt',
    );
    expect(gunicorn.trim().split('\n').map(classifyLogLevel)).toEqual([
      'fatal',
      'warning',
      'info',
      'fatal',
      'fatal',
      'fatal',
      'warning',
      'info',
      'warning',
      'warning',
      'debug',
    ]);
    const postgres = readFixture(
      '08-postgres-logs',
      'compose-logs-db-1-role-root-does-not-exist.txt',
    );
    expect(postgres.trim().split('\n').map(classifyLogLevel)).toEqual(['info', 'fatal']);
  });
});

describe('summarizeLogs', () => {
  it('counts every line by level and keeps docker -t times', () => {
    const text = readFixture(
      '08-postgres-logs',
      'docker-logs-timestamps-role-root-tab-continuation.txt',
    );
    const { value, problems } = summarizeLogs(text);
    expect(problems).toEqual([]);
    expect(value.countsByLevel).toEqual({
      fatal: 1,
      error: 0,
      warning: 0,
      info: 2,
      debug: 0,
      unknown: 1,
    });
    expect(value.lines[0]?.at).toBe('2022-09-29T19:59:30.454Z');
    expect(value.droppedLines).toBe(0);
    expect(containerLogsSchema.safeParse(value).success).toBe(true);
  });

  it('keeps only the newest lines, counts the rest and cuts very long lines', () => {
    const lines = Array.from({ length: 250 }, (_, index) => `INFO line ${index}`);
    lines.push(`ERROR ${'x'.repeat(5000)}`);
    const { value } = summarizeLogs(lines.join('\n'), 10);
    expect(value.lines).toHaveLength(10);
    expect(value.droppedLines).toBe(241);
    expect(value.countsByLevel.info).toBe(250);
    expect(value.countsByLevel.error).toBe(1);
    expect(value.lines.at(-1)?.text).toHaveLength(MAX_LOG_LINE_CHARS);
    expect(value.lines.at(-1)?.text.endsWith('…')).toBe(true);
    expect(containerLogsSchema.safeParse(value).success).toBe(true);
  });

  it('never keeps more than the snapshot bound, whatever is asked', () => {
    const text = Array.from({ length: 500 }, () => 'line').join('\n');
    expect(summarizeLogs(text, 10_000).value.lines).toHaveLength(200);
    expect(summarizeLogs('', 5).value).toEqual({
      countsByLevel: { fatal: 0, error: 0, warning: 0, info: 0, debug: 0, unknown: 0 },
      lines: [],
      droppedLines: 0,
    });
  });
});
