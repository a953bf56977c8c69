// Rollup rows: one per series per chunk (an hour of one-minute buckets, six hours of
// fifteen-minute ones), so a 30-day query of one series reads 120 rows, not 43,200.
import type Database from 'better-sqlite3';
import { decodeChunk, encodeChunk, type Aggregate } from './aggregate';
import { alignDown, rollupTiers, type RollupTier, type RollupTierName } from './tiers';

export type AggregateVisitor = (seriesId: number, atMs: number, bucket: Aggregate) => void;

interface ChunkRow {
  series_id: number;
  start_ms: number;
  buckets: Buffer;
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database, table: string) {
  const ofNode = 'series_id IN (SELECT id FROM series WHERE node_id = ?)';
  return {
    upsert: db.prepare(
      `INSERT OR REPLACE INTO ${table} (series_id, start_ms, buckets) VALUES (?, ?, ?)`,
    ),
    series: db.prepare(
      `SELECT series_id, start_ms, buckets FROM ${table} ` +
        'WHERE series_id = ? AND start_ms >= ? AND start_ms < ? ORDER BY start_ms',
    ),
    node: db.prepare(
      `SELECT series_id, start_ms, buckets FROM ${table} ` +
        `WHERE ${ofNode} AND start_ms >= ? AND start_ms < ? ORDER BY start_ms`,
    ),
    firstOfNode: db
      .prepare(`SELECT MIN(start_ms) FROM ${table} WHERE ${ofNode} AND start_ms >= ?`)
      .pluck(),
    deleteOfNode: db.prepare(
      `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} ` +
        `WHERE ${ofNode} AND start_ms <= ? LIMIT ?)`,
    ),
  };
}

export class ChunkStore {
  private readonly statements = new Map<RollupTierName, Statements>();
  private readonly edgeStatements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    for (const tier of rollupTiers) {
      this.statements.set(tier.name, prepare(db, tier.table));
      for (const edge of ['MIN', 'MAX']) {
        const sql =
          `SELECT series_id, start_ms, buckets FROM ${tier.table} WHERE start_ms = ` +
          `(SELECT ${edge}(start_ms) FROM ${tier.table})`;
        this.edgeStatements.set(`${tier.name}|${edge}`, db.prepare(sql));
      }
    }
  }

  write(
    tier: RollupTier,
    seriesId: number,
    startMs: number,
    slots: readonly (Aggregate | undefined)[],
  ) {
    this.of(tier).upsert.run(seriesId, startMs, encodeChunk(slots));
  }

  /** Buckets of one series whose start lies in [fromMs, toMs), in time order. */
  readSeries(
    tier: RollupTier,
    seriesId: number,
    fromMs: number,
    toMs: number,
    visit: AggregateVisitor,
  ): void {
    const rows = this.of(tier).series.iterate(seriesId, alignDown(fromMs, tier.chunkMs), toMs);
    visitRows(tier, rows as Iterable<ChunkRow>, fromMs, toMs, visit);
  }

  /** Buckets of every series of a node in chunks starting in [fromMs, toMs). */
  readNode(
    tier: RollupTier,
    nodeId: number,
    fromMs: number,
    toMs: number,
    visit: AggregateVisitor,
  ): void {
    const rows = this.of(tier).node.iterate(nodeId, fromMs, toMs) as Iterable<ChunkRow>;
    visitRows(tier, rows, fromMs, toMs, visit);
  }

  firstChunkOfNode(tier: RollupTier, nodeId: number, atOrAfterMs: number): number | null {
    return this.of(tier).firstOfNode.get(nodeId, atOrAfterMs) as number | null;
  }

  /** Deletes up to `limit` chunks of a node that start at or before `startAtMostMs`. */
  deleteOfNode(tier: RollupTier, nodeId: number, startAtMostMs: number, limit: number): number {
    return this.of(tier).deleteOfNode.run(nodeId, startAtMostMs, limit).changes;
  }

  /** The time of the first (or last) non-empty bucket of the tier, any series. */
  edgeMs(tier: RollupTier, edge: 'first' | 'last'): number | null {
    const statement = this.edgeStatements.get(`${tier.name}|${edge === 'first' ? 'MIN' : 'MAX'}`);
    let found: number | null = null;
    for (const row of statement!.iterate() as Iterable<ChunkRow>) {
      decodeChunk(row.buckets, (slot) => {
        const atMs = row.start_ms + slot * tier.bucketMs;
        if (found === null || (edge === 'first' ? atMs < found : atMs > found)) found = atMs;
      });
    }
    return found;
  }

  private of(tier: RollupTier): Statements {
    return this.statements.get(tier.name)!;
  }
}

function visitRows(
  tier: RollupTier,
  rows: Iterable<ChunkRow>,
  fromMs: number,
  toMs: number,
  visit: AggregateVisitor,
): void {
  for (const row of rows) {
    decodeChunk(row.buckets, (slot, bucket) => {
      const atMs = row.start_ms + slot * tier.bucketMs;
      if (atMs >= fromMs && atMs < toMs) visit(row.series_id, atMs, bucket);
    });
  }
}
