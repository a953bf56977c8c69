import { describe, expect, it } from 'vitest';
import {
  parsePostgresLog,
  postgresTimeToIso,
  splitCsv,
  summarizePostgresErrors,
} from '../../electron/probes/postgres-log';
import { expectAllCovered, problemTexts, readFixture } from './fixtures';

const FOLDER = '08-postgres-logs';
const files = {
  compose: 'compose-logs-db-1-role-root-does-not-exist.txt',
  csvlog: 'csvlog-spilo-connection-received-not-initialized.txt',
  dockerLogs: 'docker-logs-pg15.15-alpine-db-missing-and-password-failed-blank-lines.txt',
  dockerTimestamps: 'docker-logs-timestamps-role-root-tab-continuation.txt',
  syslog: 'syslog-percona-sample-custom-prefix-connection-authorized-split-line.txt',
};
const parse = (file: string) => parsePostgresLog(readFixture(FOLDER, file));

it('covers every PostgreSQL log fixture, each without problems', () => {
  expectAllCovered(FOLDER, Object.values(files));
  for (const file of Object.values(files)) expect(parse(file).problems).toEqual([]);
});

describe('PostgreSQL log formats', () => {
  it('reads `docker compose logs` lines with their service prefix', () => {
    const { entries } = parse(files.compose).value;
    expect(entries).toEqual([
      expect.objectContaining({
        line: 1,
        source: 'db-1',
        at: '2024-02-24T02:25:28.803Z',
        pid: 1,
        severity: 'LOG',
        message: 'database system is ready to accept connections',
      }),
      expect.objectContaining({
        line: 2,
        source: 'db-1',
        at: '2024-02-24T02:25:58.920Z',
        pid: 41,
        severity: 'FATAL',
        message: 'role "root" does not exist',
      }),
    ]);
  });

  it('reads csvlog records with empty user and database fields', () => {
    const { entries } = parse(files.csvlog).value;
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({
      at: '2025-06-02T06:55:25.481Z',
      pid: 2566242,
      severity: 'LOG',
      message: 'connection received: host=10.22.64.0 port=17803',
      user: null,
      database: null,
    });
    expect(entries[4]?.pid).toBe(2566246);
  });

  it('reads plain `docker logs`, counting entrypoint lines apart and joining DETAIL', () => {
    const { entries, otherLines } = parse(files.dockerLogs).value;
    expect(otherLines).toBe(1);
    expect(entries).toHaveLength(9);
    expect(entries[0]?.message).toBe(
      'starting PostgreSQL 15.15 on x86_64-pc-linux-musl, ' +
        'compiled by gcc (Alpine 15.2.0) 15.2.0, 64-bit',
    );
    expect(entries[6]).toMatchObject({
      line: 15,
      pid: 40,
      severity: 'FATAL',
      message: 'database "asterisk" does not exist',
    });
    expect(entries[7]).toMatchObject({
      pid: 41,
      message: 'password authentication failed for user "asterisk"',
      details: [
        'DETAIL: Connection matched pg_hba.conf line 100: "host all all all scram-sha-256"',
      ],
    });
  });

  it('reads `docker logs -t` lines and a TAB continuation', () => {
    const { entries } = parse(files.dockerTimestamps).value;
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      at: '2022-09-29T19:59:32.102Z',
      pid: 84,
      severity: 'FATAL',
      message: 'password authentication failed for user "root"',
      details: [
        'DETAIL: Role "root" does not exist.',
        'Connection matched pg_hba.conf line 99: "host all all all md5"',
      ],
    });
  });

  it('reads syslog with a custom prefix, EST times and a split message', () => {
    const { entries } = parse(files.syslog).value;
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatchObject({
      source: 'debian',
      pid: 3329,
      at: '2010-02-10T14:03:26.918Z',
      timeText: '2010-02-10 09:03:26.918 EST',
      message: 'connection received: host=[local]',
      user: null,
    });
    expect(entries[1]).toMatchObject({ user: 'fred', database: 'fred' });
    expect(entries[3]?.message).toBe(
      'disconnection: session time: 0:00:12.159 user=fred database=fred host=[local]',
    );
  });

  it('reads lines without a log_line_prefix', () => {
    const { entries } = parsePostgresLog('FATAL:  database "visionking" does not exist\n').value;
    expect(entries[0]).toMatchObject({ at: null, severity: 'FATAL', pid: null });
  });

  it('names a dated line it cannot read and keeps the rest', () => {
    const text = [
      '2026-02-18 21:53:00.100 UTC [900] FATAL:  database "visionking" does not exist',
      '2026-02-18 21:54:00.100 UTC [901] FAT',
      '2026-02-18 21:55:00.100 UTC [902] FATAL:  database "visionking" does not exist',
    ].join('\n');
    const result = parsePostgresLog(text);
    expect(result.value.entries).toHaveLength(2);
    expect(problemTexts(result)).toEqual([
      'line 2: dated line in no PostgreSQL log format we know',
    ]);
  });

  it('joins a csvlog record whose message holds a newline', () => {
    const text =
      '2026-02-18 21:53:00.100 UTC,"postgres","postgres",77,,1.1,1,,,,0,ERROR,42P01,' +
      '"relation ""x"" does not exist\nat character 15",,,,,,,,,"psql","client backend",,0\n';
    const { entries } = parsePostgresLog(text).value;
    expect(entries).toEqual([
      expect.objectContaining({
        severity: 'ERROR',
        message: 'relation "x" does not exist\nat character 15',
        user: 'postgres',
        pid: 77,
      }),
    ]);
  });
});

describe('error summary', () => {
  it('counts each distinct error with its first and last time', () => {
    const summary = summarizePostgresErrors(parse(files.dockerLogs).value.entries);
    expect(summary).toEqual([
      {
        severity: 'FATAL',
        message: 'database "asterisk" does not exist',
        count: 2,
        firstAt: '2026-02-21T09:18:28.528Z',
        lastAt: '2026-02-21T09:18:39.268Z',
      },
      {
        severity: 'FATAL',
        message: 'password authentication failed for user "asterisk"',
        count: 1,
        firstAt: '2026-02-21T09:18:35.394Z',
        lastAt: '2026-02-21T09:18:35.394Z',
      },
    ]);
  });

  it('has nothing to report for a log of LOG lines', () => {
    expect(summarizePostgresErrors(parse(files.csvlog).value.entries)).toEqual([]);
  });
});

describe('helpers', () => {
  it('converts PostgreSQL times in named and numeric zones, null for unknown ones', () => {
    expect(postgresTimeToIso('2026-02-18', '21:53:00.100', 'UTC')).toBe('2026-02-18T21:53:00.100Z');
    expect(postgresTimeToIso('2026-02-18', '18:53:00', '-03')).toBe('2026-02-18T21:53:00.000Z');
    expect(postgresTimeToIso('2026-02-18', '18:53:00', 'XYZ')).toBeNull();
  });

  it('splits CSV with quotes, doubled quotes and empty fields', () => {
    expect(splitCsv('a,"b,c","d""e",,')).toEqual(['a', 'b,c', 'd"e', '', '']);
  });
});
