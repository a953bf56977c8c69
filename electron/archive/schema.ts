// The archive's tables and their migrations. `PRAGMA user_version` holds the schema version;
// migrations run in order, each in its own transaction, and are logged in `migration`. An archive
// written by a newer app is refused rather than guessed at.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Thrown when an archive's schema is newer than this app understands. */
export class ArchiveVersionError extends Error {
  override readonly name = 'ArchiveVersionError';
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${file}: archive schema version ${found} is newer than this app reads ` +
        `(up to ${supported}); open it with a newer VisionKing Control Room`,
    );
  }
}

const initialSchema = `
  CREATE TABLE migration (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  );
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE node (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    node_id INTEGER NOT NULL REFERENCES node (id),
    subject TEXT NOT NULL,
    metric TEXT NOT NULL,
    UNIQUE (node_id, subject, metric)
  );
  -- The ordered series ids of a raw row's samples; shared by every tick with the same set.
  CREATE TABLE layout (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    series_ids BLOB NOT NULL
  );
  -- One row per node per tick. Appended in time order, so pages fill completely.
  CREATE TABLE raw_tick (
    id INTEGER PRIMARY KEY,
    node_id INTEGER NOT NULL REFERENCES node (id),
    at_ms INTEGER NOT NULL,
    layout_id INTEGER NOT NULL REFERENCES layout (id),
    samples BLOB NOT NULL
  );
  CREATE UNIQUE INDEX raw_tick_node_time ON raw_tick (node_id, at_ms);
  -- One row per series per chunk: 60 one-minute buckets (an hour) ...
  CREATE TABLE rollup_1m (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES series (id),
    start_ms INTEGER NOT NULL,
    buckets BLOB NOT NULL
  );
  CREATE UNIQUE INDEX rollup_1m_series_time ON rollup_1m (series_id, start_ms);
  CREATE INDEX rollup_1m_time ON rollup_1m (start_ms);
  -- ... or 24 fifteen-minute buckets (six hours).
  CREATE TABLE rollup_15m (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES series (id),
    start_ms INTEGER NOT NULL,
    buckets BLOB NOT NULL
  );
  CREATE UNIQUE INDEX rollup_15m_series_time ON rollup_15m (series_id, start_ms);
  CREATE INDEX rollup_15m_time ON rollup_15m (start_ms);
  -- Per tier and node: everything before done_until_ms is rolled up.
  CREATE TABLE rollup_progress (
    tier TEXT NOT NULL,
    node_id INTEGER NOT NULL REFERENCES node (id),
    done_until_ms INTEGER NOT NULL,
    PRIMARY KEY (tier, node_id)
  ) WITHOUT ROWID;
  -- Content-addressed: the same body is stored once however often it comes back.
  CREATE TABLE document (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    body BLOB NOT NULL
  );
  -- When a node's document of a kind changed; document_id NULL: the kind went away.
  CREATE TABLE document_version (
    node_id INTEGER NOT NULL REFERENCES node (id),
    kind TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    document_id INTEGER REFERENCES document (id),
    PRIMARY KEY (node_id, kind, at_ms)
  ) WITHOUT ROWID;
  CREATE INDEX document_version_time ON document_version (at_ms);
  CREATE INDEX document_version_document ON document_version (document_id);
  CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    node_id INTEGER REFERENCES node (id),
    kind TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX event_time ON event (at_ms);
  -- Filled by the findings engine and the action runner (issue #5 leaves them empty).
  CREATE TABLE finding (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    node_id INTEGER REFERENCES node (id),
    subject TEXT,
    opened_ms INTEGER NOT NULL,
    closed_ms INTEGER,
    body TEXT NOT NULL
  );
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    node_id INTEGER REFERENCES node (id),
    body TEXT NOT NULL
  );
`;

/** Every migration, oldest first; a new one is appended with the next version. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: (db) => db.exec(initialSchema) },
];

export const SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the schema up to date; refuses an archive newer than this code. */
export function migrate(db: Database.Database, file: string): number[] {
  const found = schemaVersion(db);
  if (found > SCHEMA_VERSION) throw new ArchiveVersionError(file, found, SCHEMA_VERSION);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= found) continue;
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO migration (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
