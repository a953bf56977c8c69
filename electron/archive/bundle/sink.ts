// Writing a bundle's records into a fresh archive: rows keep the ids they had (the target is
// empty), values are encoded back with the archive's own codecs, and every reference is checked
// (a raw row's layout, a chunk's series, a version's document) before it is stored. Writes are
// committed in batches: the archive is a staging copy that is thrown away on any error.
import Database from 'better-sqlite3';
import { deflateRawSync } from 'node:zlib';
import type { Aggregate } from '../aggregate';
import { encodeChunk } from '../aggregate';
import { ByteWriter, encodeIntegers, writeValue, type NullKind } from '../codec';
import { canonicalJson, contentHash } from '../documents';
import { rollupTiers } from '../tiers';
import {
  decodeNumber,
  type BucketTuple,
  type BundleRecord,
  type RecordOf,
  type StoredNumber,
} from './format';

const BATCH_RECORDS = 2_000;

/** A reference or value the archive cannot take; the caller adds the file and record. */
export class RecordProblem extends Error {}

interface LayoutInfo {
  length: number;
  node: string;
}

export class ArchiveSink {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly nodeIds = new Map<string, number>();
  private readonly seriesNodes = new Map<number, string>();
  private readonly layouts = new Map<number, LayoutInfo>();
  private pendingRecords = 0;

  constructor(file: string) {
    this.db = new Database(file, { fileMustExist: true });
    this.db.pragma('foreign_keys = ON');
    this.statements = prepareSink(this.db);
    this.db.exec('BEGIN');
  }

  apply(record: BundleRecord): void {
    this.store(record);
    if (++this.pendingRecords >= BATCH_RECORDS) {
      this.db.exec('COMMIT');
      this.db.exec('BEGIN');
      this.pendingRecords = 0;
    }
  }

  /** Commits the last batch and folds the write-ahead log into the database file. */
  finish(): void {
    this.db.exec('COMMIT');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }

  private store(record: BundleRecord): void {
    const s = this.statements;
    switch (record.type) {
      case 'header':
        if (record.deployment !== null) s.meta.run('deployment', record.deployment);
        return;
      case 'fleet':
        s.meta.run('fleet', JSON.stringify({ summary: record.summary, fleet: record.fleet }));
        return;
      case 'node':
        s.node.run(record.id, record.name);
        this.nodeIds.set(record.name, record.id);
        return;
      case 'series':
        s.series.run(record.id, this.nodeId(record.node), record.subject, record.metric);
        this.seriesNodes.set(record.id, record.node);
        return;
      case 'layout':
        return this.storeLayout(record);
      case 'document':
        return this.storeDocument(record);
      case 'version':
        return this.storeVersion(record);
      default:
        return this.storeRows(record);
    }
  }

  private storeRows(record: BundleRecord): void {
    const s = this.statements;
    switch (record.type) {
      case 'raw':
        return this.storeRaw(record);
      case 'chunk':
        return this.storeChunk(record);
      case 'progress':
        s.progress.run(record.tier, this.nodeId(record.node), record.doneUntilMs);
        return;
      case 'event': {
        const { id, atMs, node, kind, body } = record;
        s.event.run(id, atMs, this.optionalNodeId(node), kind, JSON.stringify(body));
        return;
      }
      case 'finding': {
        const { id, rule, node, subject, openedMs, closedMs, body } = record;
        const nodeId = this.optionalNodeId(node);
        s.finding.run(id, rule, nodeId, subject, openedMs, closedMs, JSON.stringify(body));
        return;
      }
      case 'audit': {
        const { id, atMs, actor, action, node, body } = record;
        s.audit.run(id, atMs, actor, action, this.optionalNodeId(node), JSON.stringify(body));
        return;
      }
      default:
        return; // `end`: the reader has checked it
    }
  }

  private storeLayout(record: RecordOf<'layout'>): void {
    const nodes = new Set(record.series.map((id) => this.seriesNode(id)));
    if (nodes.size > 1) throw new RecordProblem(`layout ${record.id} mixes nodes`);
    const hash = contentHash(record.series.join(','));
    this.statements.layout.run(record.id, hash, encodeIntegers(record.series));
    this.layouts.set(record.id, { length: record.series.length, node: [...nodes][0] ?? '' });
  }

  private storeDocument(record: RecordOf<'document'>): void {
    const text = canonicalJson(record.body);
    if (contentHash(text) !== record.hash) {
      throw new RecordProblem(`document ${record.hash} does not match its body`);
    }
    this.statements.document.run(record.hash, deflateRawSync(text));
  }

  private storeVersion(record: RecordOf<'version'>): void {
    let documentId: number | null = null;
    if (record.hash !== null) {
      documentId = (this.statements.documentId.get(record.hash) as number | undefined) ?? null;
      if (documentId === null) throw new RecordProblem(`no document ${record.hash} before it`);
    }
    const nodeId = this.nodeId(record.node);
    this.statements.version.run(nodeId, record.kind, record.atMs, documentId);
  }

  private storeRaw(record: RecordOf<'raw'>): void {
    const layout = this.layouts.get(record.layout);
    if (!layout) throw new RecordProblem(`no layout ${record.layout} before it`);
    if (layout.node !== record.node && layout.length > 0) {
      throw new RecordProblem(`layout ${record.layout} belongs to node ${layout.node}`);
    }
    if (record.values.length !== layout.length) {
      const expected = `layout ${record.layout} has ${layout.length}`;
      throw new RecordProblem(`${record.values.length} values, ${expected}`);
    }
    const writer = new ByteWriter();
    for (const value of record.values) {
      if (typeof value === 'string') writeValue(writer, null, value);
      else writeValue(writer, decodeNumber(value));
    }
    const nodeId = this.nodeId(record.node);
    this.statements.raw.run(nodeId, record.atMs, record.layout, writer.finish());
  }

  private storeChunk(record: RecordOf<'chunk'>): void {
    const tier = rollupTiers.find((candidate) => candidate.name === record.tier)!;
    this.seriesNode(record.series);
    const slots = tier.chunkMs / tier.bucketMs;
    if (record.startMs % tier.chunkMs !== 0 || record.buckets.length > slots) {
      throw new RecordProblem(
        `not a ${tier.name} chunk: starts at ${record.startMs}, ${record.buckets.length} buckets`,
      );
    }
    const buckets = record.buckets.map((bucket, slot) => toAggregate(bucket, slot));
    const statement = record.tier === '1m' ? this.statements.chunk1m : this.statements.chunk15m;
    statement.run(record.series, record.startMs, encodeChunk(buckets));
  }

  private nodeId(name: string): number {
    const id = this.nodeIds.get(name);
    if (id === undefined) throw new RecordProblem(`no node ${JSON.stringify(name)} before it`);
    return id;
  }

  private optionalNodeId(name: string | null): number | null {
    return name === null ? null : this.nodeId(name);
  }

  private seriesNode(id: number): string {
    const node = this.seriesNodes.get(id);
    if (node === undefined) throw new RecordProblem(`no series ${id} before it`);
    return node;
  }
}

/** A bucket as the archive keeps it; refuses one that could not have come from samples. */
function toAggregate(bucket: BucketTuple | null, slot: number): Aggregate | undefined {
  if (bucket === null) return undefined;
  const [count, nulls, nullKind, min, max, sum] = bucket;
  const numbers = [min, max, sum];
  const consistent =
    nulls > 0 === (nullKind !== null) && numbers.every((value) => count > 0 === (value !== null));
  if (!consistent) {
    throw new RecordProblem(`bucket ${slot} is inconsistent: ${JSON.stringify(bucket)}`);
  }
  const number = (value: StoredNumber | null) => (value === null ? null : decodeNumber(value));
  return {
    count,
    nulls,
    nullKind: nullKind as NullKind | null,
    min: number(min),
    max: number(max),
    sum: number(sum),
  };
}

function prepareSink(db: Database.Database) {
  const insert = (sql: string) => db.prepare(sql);
  return {
    meta: insert('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    node: insert('INSERT INTO node (id, name) VALUES (?, ?)'),
    series: insert('INSERT INTO series (id, node_id, subject, metric) VALUES (?, ?, ?, ?)'),
    layout: insert('INSERT INTO layout (id, hash, series_ids) VALUES (?, ?, ?)'),
    document: insert('INSERT INTO document (hash, body) VALUES (?, ?)'),
    documentId: db.prepare('SELECT id FROM document WHERE hash = ?').pluck(),
    version: insert(
      'INSERT INTO document_version (node_id, kind, at_ms, document_id) VALUES (?, ?, ?, ?)',
    ),
    raw: insert('INSERT INTO raw_tick (node_id, at_ms, layout_id, samples) VALUES (?, ?, ?, ?)'),
    chunk1m: insert('INSERT INTO rollup_1m (series_id, start_ms, buckets) VALUES (?, ?, ?)'),
    chunk15m: insert('INSERT INTO rollup_15m (series_id, start_ms, buckets) VALUES (?, ?, ?)'),
    progress: insert('INSERT INTO rollup_progress (tier, node_id, done_until_ms) VALUES (?, ?, ?)'),
    event: insert('INSERT INTO event (id, at_ms, node_id, kind, body) VALUES (?, ?, ?, ?, ?)'),
    finding: insert(
      'INSERT INTO finding (id, rule, node_id, subject, opened_ms, closed_ms, body) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    audit: insert(
      'INSERT INTO audit (id, at_ms, actor, action, node_id, body) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };
}
