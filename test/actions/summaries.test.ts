// The one-line meaning of two diagnostics: which clients ask PostgreSQL for a missing database
// (read from real log formats), and the Docker/Compose versions of every node side by side.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  missingDatabases,
  missingDatabasesSummary,
  versionsSummary,
} from '../../electron/actions/summaries';

const fixture = (name: string) =>
  readFileSync(`test/fixtures/real-outputs/08-postgres-logs/${name}`, 'utf8');

describe('missing-database clients', () => {
  it('counts attempts without a logged client and says how to see it', () => {
    const log = fixture(
      'docker-logs-pg15.15-alpine-db-missing-and-password-failed-blank-lines.txt',
    );
    expect(missingDatabasesSummary(log)).toBe(
      'database "asterisk" asked for 2× by an unlogged client ×2 ' +
        '(log_connections = on would name every client)',
    );
  });

  it('names the client when log_connections logged it for the same process', () => {
    const log = [
      '2026-02-19 02:30:01.100 UTC [4101] LOG:  connection received: host=10.244.70.20 port=51234',
      '2026-02-19 02:30:01.102 UTC [4101] FATAL:  database "visionking" does not exist',
      '2026-02-19 02:43:01.100 UTC [4188] LOG:  connection received: host=10.244.70.20 port=51300',
      '2026-02-19 02:43:01.101 UTC [4188] FATAL:  database "visionking" does not exist',
      '2026-02-19 02:44:00.000 UTC [4190] FATAL:  database "visionking" does not exist',
    ].join('\n');
    const found = missingDatabases(log).get('visionking');
    expect(found?.count).toBe(3);
    expect([...(found?.clients ?? [])]).toEqual([['10.244.70.20', 2]]);
    expect(found?.unknownClient).toBe(1);
  });

  it('says so when nobody asked', () => {
    expect(missingDatabasesSummary(fixture('compose-logs-db-1-role-root-does-not-exist.txt'))).toBe(
      'no client asked for a missing database in the log read',
    );
  });
});

describe('versions side by side', () => {
  it('lists every node and says whether they differ', () => {
    const outputs = [
      { node: 'vk01', label: 'Docker version', text: '28.2.2\n' },
      { node: 'vk01', label: 'Compose version', text: '2.32.4\n' },
      { node: 'vk02', label: 'Docker version', text: '27.5.1\n' },
      { node: 'vk02', label: 'Compose version', text: '2.32.4\n' },
    ];
    expect(versionsSummary(outputs)).toBe(
      'vk01 Docker 28.2.2 / Compose 2.32.4; vk02 Docker 27.5.1 / Compose 2.32.4 (they differ)',
    );
  });
});
