// Reading an archive's rows of a time range as bundle records. A connection of its own, read-only
// and inside one read transaction, so a bundle is one consistent moment of an archive that a
// running `watch` keeps writing to. Rows come one at a time from SQLite's cursors: nothing holds
// more than a row.
import Database from 'better-sqlite3';
import { decodeChunk } from '../aggregate';
import { ByteReader, decodeIntegers, readValue, type DecodedValue } from '../codec';
import { parseDocumentBody } from '../document-store';
import { rollupTiers, type RollupTier } from '../tiers';
import { encodeNumber, type BucketTuple, type RawValue, type RecordOf } from './format';

export interface SourceRange {
  fromMs: number;
  toMs: number;
}

type Row = Record<string, unknown>;
type Text = 'node' | 'subject' | 'metric';
type VersionRow = { node: string; kind: string; at_ms: number; hash: string | null };
type EventRow = { id: number; at_ms: number; node: string | null; kind: string };
type FindingRow = { id: number; rule: string; node: string | null; subject: string | null };
type AuditRow = { id: number; at_ms: number; actor: string; action: string; node: string | null };

export class ArchiveSource {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.db.exec('BEGIN');
    // The first read fixes the transaction's view of the database.
    this.db.prepare('SELECT COUNT(*) FROM node').pluck().get();
  }

  close(): void {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }

  meta(key: string): string | null {
    const value = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
    return (value as string | undefined) ?? null;
  }

  /** Record counts per section, for progress totals and the `nothing in range` check. */
  counts(range: SourceRange): Record<string, number> {
    const count = (sql: string) => this.db.prepare(sql).pluck().get(range) as number;
    const counts: Record<string, number> = {
      raw: count('SELECT COUNT(*) FROM raw_tick WHERE at_ms >= @fromMs AND at_ms < @toMs'),
      chunk: 0,
      event: count('SELECT COUNT(*) FROM event WHERE at_ms >= @fromMs AND at_ms < @toMs'),
      finding: count(`SELECT COUNT(*) FROM finding WHERE ${findingInRange}`),
      audit: count('SELECT COUNT(*) FROM audit WHERE at_ms >= @fromMs AND at_ms < @toMs'),
      version: count(`SELECT COUNT(*) FROM (${versionsSql})`),
      document: count(
        `SELECT COUNT(*) FROM document WHERE id IN (SELECT document_id FROM (${versionsSql}))`,
      ),
      node: count('SELECT COUNT(*) FROM node'),
      series: count('SELECT COUNT(*) FROM series'),
      layout: count('SELECT COUNT(*) FROM layout'),
      progress: count('SELECT COUNT(*) FROM rollup_progress'),
    };
    for (const tier of rollupTiers) {
      counts.chunk! += this.db
        .prepare(`SELECT COUNT(*) FROM ${tier.table} WHERE ${chunkInRange(tier)}`)
        .pluck()
        .get(range) as number;
    }
    return counts;
  }

  *nodes(): Generator<RecordOf<'node'>> {
    for (const row of this.rows('SELECT id, name FROM node ORDER BY id')) {
      yield { type: 'node', id: row.id as number, name: row.name as string };
    }
  }

  *series(): Generator<RecordOf<'series'>> {
    const sql =
      'SELECT s.id, n.name AS node, s.subject, s.metric FROM series s ' +
      'JOIN node n ON n.id = s.node_id ORDER BY s.id';
    for (const row of this.rows(sql)) {
      const { id, node, subject, metric } = row as { id: number } & Record<Text, string>;
      yield { type: 'series', id, node, subject, metric };
    }
  }

  *layouts(): Generator<RecordOf<'layout'>> {
    for (const row of this.rows('SELECT id, series_ids FROM layout ORDER BY id')) {
      yield {
        type: 'layout',
        id: row.id as number,
        series: decodeIntegers(row.series_ids as Buffer),
      };
    }
  }

  /** Documents of the versions below, each once. */
  *documents(range: SourceRange): Generator<RecordOf<'document'>> {
    const sql =
      'SELECT d.hash, d.body FROM document d WHERE d.id IN ' +
      `(SELECT document_id FROM (${versionsSql})) ORDER BY d.id`;
    for (const row of this.rows(sql, range)) {
      const body = parseDocumentBody(row.body as Buffer);
      yield { type: 'document', hash: row.hash as string, body };
    }
  }

  /** Versions in the range, and those in effect at its start (so `documentsAt(from)` works). */
  *versions(range: SourceRange): Generator<RecordOf<'version'>> {
    const sql =
      `SELECT n.name AS node, v.kind, v.at_ms, d.hash FROM (${versionsSql}) v ` +
      'JOIN node n ON n.id = v.node_id LEFT JOIN document d ON d.id = v.document_id ' +
      'ORDER BY v.at_ms, n.name, v.kind';
    for (const row of this.rows(sql, range)) {
      const { node, kind, at_ms: atMs, hash } = row as VersionRow;
      yield { type: 'version', node, kind, atMs, hash };
    }
  }

  /** Raw rows node by node, in time order within a node. */
  *raw(range: SourceRange): Generator<RecordOf<'raw'>> {
    const layouts = new Map<number, number>();
    for (const row of this.rows('SELECT id, series_ids FROM layout')) {
      layouts.set(row.id as number, decodeIntegers(row.series_ids as Buffer).length);
    }
    const sql =
      'SELECT at_ms, layout_id, samples FROM raw_tick ' +
      'WHERE node_id = @nodeId AND at_ms >= @fromMs AND at_ms < @toMs ORDER BY at_ms';
    for (const node of this.rows('SELECT id, name FROM node ORDER BY id')) {
      for (const row of this.rows(sql, { ...range, nodeId: node.id })) {
        const layout = row.layout_id as number;
        const values = decodeRaw(row.samples as Buffer, layouts.get(layout) ?? 0);
        yield { type: 'raw', node: node.name as string, atMs: row.at_ms as number, layout, values };
      }
    }
  }

  /** Whole chunks that overlap the range, finest tier first, in time order. */
  *chunks(range: SourceRange): Generator<RecordOf<'chunk'>> {
    for (const tier of rollupTiers) {
      const sql =
        `SELECT series_id, start_ms, buckets FROM ${tier.table} WHERE ${chunkInRange(tier)} ` +
        'ORDER BY start_ms, series_id';
      for (const row of this.rows(sql, range)) {
        yield {
          type: 'chunk',
          tier: tier.name,
          series: row.series_id as number,
          startMs: row.start_ms as number,
          buckets: decodeBuckets(row.buckets as Buffer),
        };
      }
    }
  }

  /** How far each tier had rolled up, capped at the end of the last chunk in the range. */
  *progress(range: SourceRange): Generator<RecordOf<'progress'>> {
    const sql =
      'SELECT p.tier, n.name AS node, p.done_until_ms FROM rollup_progress p ' +
      'JOIN node n ON n.id = p.node_id ORDER BY p.tier, n.id';
    for (const row of this.rows(sql)) {
      const tier = rollupTiers.find((candidate) => candidate.name === row.tier);
      if (!tier) continue;
      const capMs = Math.ceil(range.toMs / tier.chunkMs) * tier.chunkMs;
      const doneUntilMs = Math.min(row.done_until_ms as number, capMs);
      yield { type: 'progress', tier: tier.name, node: row.node as string, doneUntilMs };
    }
  }

  *events(range: SourceRange): Generator<RecordOf<'event'>> {
    const sql =
      'SELECT e.id, e.at_ms, n.name AS node, e.kind, e.body FROM event e ' +
      'LEFT JOIN node n ON n.id = e.node_id WHERE e.at_ms >= @fromMs AND e.at_ms < @toMs ' +
      'ORDER BY e.id';
    for (const row of this.rows(sql, range)) {
      const { id, at_ms: atMs, node, kind } = row as EventRow;
      yield { type: 'event', id, atMs, node, kind, body: parseBody(row.body) };
    }
  }

  /** Findings open at any time in the range. */
  *findings(range: SourceRange): Generator<RecordOf<'finding'>> {
    const sql =
      'SELECT f.id, f.rule, n.name AS node, f.subject, f.opened_ms, f.closed_ms, f.body ' +
      `FROM finding f LEFT JOIN node n ON n.id = f.node_id WHERE ${findingInRange} ORDER BY f.id`;
    for (const row of this.rows(sql, range)) {
      const { id, rule, node, subject } = row as FindingRow;
      const openedMs = row.opened_ms as number;
      const closedMs = row.closed_ms as number | null;
      const body = parseBody(row.body);
      yield { type: 'finding', id, rule, node, subject, openedMs, closedMs, body };
    }
  }

  *audit(range: SourceRange): Generator<RecordOf<'audit'>> {
    const sql =
      'SELECT a.id, a.at_ms, a.actor, a.action, n.name AS node, a.body FROM audit a ' +
      'LEFT JOIN node n ON n.id = a.node_id WHERE a.at_ms >= @fromMs AND a.at_ms < @toMs ' +
      'ORDER BY a.id';
    for (const row of this.rows(sql, range)) {
      const { id, at_ms: atMs, actor, action, node } = row as AuditRow;
      yield { type: 'audit', id, atMs, actor, action, node, body: parseBody(row.body) };
    }
  }

  private rows(sql: string, parameters?: object): IterableIterator<Row> {
    const statement = this.db.prepare(sql);
    const iterator = parameters ? statement.iterate(parameters) : statement.iterate();
    return iterator as IterableIterator<Row>;
  }
}

/** Versions in the range plus, per node and kind, the latest one before it. */
const versionsSql =
  'SELECT node_id, kind, at_ms, document_id FROM document_version ' +
  'WHERE at_ms >= @fromMs AND at_ms < @toMs UNION ALL ' +
  'SELECT node_id, kind, MAX(at_ms) AS at_ms, document_id FROM document_version ' +
  'WHERE at_ms < @fromMs GROUP BY node_id, kind';

const findingInRange = 'opened_ms < @toMs AND (closed_ms IS NULL OR closed_ms >= @fromMs)';

function chunkInRange(tier: RollupTier): string {
  return `start_ms > @fromMs - ${tier.chunkMs} AND start_ms < @toMs`;
}

function decodeRaw(bytes: Buffer, length: number): RawValue[] {
  const reader = new ByteReader(bytes);
  const scratch: DecodedValue = { value: null, nullKind: null };
  const values: RawValue[] = [];
  for (let index = 0; index < length; index++) {
    readValue(reader, scratch);
    values.push(
      scratch.value === null ? (scratch.nullKind ?? 'unknown') : encodeNumber(scratch.value),
    );
  }
  return values;
}

function decodeBuckets(bytes: Buffer): (BucketTuple | null)[] {
  const buckets: (BucketTuple | null)[] = [];
  decodeChunk(bytes, (slot, bucket) => {
    while (buckets.length < slot) buckets.push(null);
    const number = (value: number | null) => (value === null ? null : encodeNumber(value));
    buckets.push([
      bucket.count,
      bucket.nulls,
      bucket.nullKind,
      number(bucket.min),
      number(bucket.max),
      number(bucket.sum),
    ]);
  });
  return buckets;
}

function parseBody(text: unknown): unknown {
  return JSON.parse(text as string) as unknown;
}
