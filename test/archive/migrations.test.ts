// Opening an archive: an empty directory gets the current schema through the migrations in
// order; an archive written by a newer app, or a file that is no archive, is refused with a
// clear message and left as it was.
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Archive,
  ARCHIVE_FILE,
  ArchiveVersionError,
  migrations,
  SCHEMA_VERSION,
} from '../../electron/archive';
import { temporaryDirectory } from '../helpers/temporary';
import { demoFleetSnapshot, reopen } from './helpers';

function inspect<Result>(file: string, read: (db: Database.Database) => Result): Result {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('opening an archive', () => {
  it('creates the directory and runs every migration, in order, once', () => {
    const directory = join(temporaryDirectory('archive'), 'nested', 'archive');
    reopen(directory).close();
    const file = join(directory, ARCHIVE_FILE);
    expect(existsSync(file)).toBe(true);
    reopen(directory).close();
    const applied = inspect(file, (db) => db.prepare('SELECT version FROM migration').all());
    expect(applied).toEqual(migrations.map((migration) => ({ version: migration.version })));
    expect(inspect(file, (db) => db.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION);
    expect(inspect(file, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    expect(migrations.map((migration) => migration.version)).toEqual(
      migrations.map((_, index) => index + 1),
    );
  });

  it('refuses an archive from a newer version and leaves it untouched', () => {
    const directory = temporaryDirectory('archive');
    reopen(directory).close();
    const file = join(directory, ARCHIVE_FILE);
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => Archive.open({ directory })).toThrow(ArchiveVersionError);
    const newer = SCHEMA_VERSION + 1;
    expect(() => Archive.open({ directory })).toThrow(
      `archive schema version ${newer} is newer than this app reads (up to ${SCHEMA_VERSION})`,
    );
    expect(inspect(file, (reader) => reader.pragma('user_version', { simple: true }))).toBe(
      SCHEMA_VERSION + 1,
    );
  });

  it('refuses a file that is not an archive', () => {
    const directory = temporaryDirectory('archive');
    writeFileSync(join(directory, ARCHIVE_FILE), 'not a database, just text '.repeat(200));
    expect(() => Archive.open({ directory })).toThrow(/archive\.sqlite is not an archive/);
  });

  it('read-only, refuses every write', async () => {
    const directory = temporaryDirectory('archive');
    const snapshot = await demoFleetSnapshot();
    const writer = reopen(directory);
    writer.recordSnapshot(snapshot);
    writer.close();
    const reader = reopen(directory, { readOnly: true });
    expect(reader.recordSnapshot(snapshot)).toEqual({
      ok: false,
      reason: expect.stringMatching(/open read-only/),
    });
    expect(() => reader.maintain()).toThrow(/read-only/);
    expect(reader.listSeries({ node: 'vk01' }).length).toBeGreaterThan(50);
    expect(() => Archive.open({ directory: join(directory, 'none'), readOnly: true })).toThrow();
  });
});
