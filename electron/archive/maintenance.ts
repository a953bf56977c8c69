// Rollups and retention, in small batches. Each batch is one short transaction (one node's hour
// of raw rows, or a few hundred deletions), so a tick arriving meanwhile waits milliseconds, and
// `run(budgetMs)` stops once its time slice is spent.
import type Database from 'better-sqlite3';
import { addSample, emptyAggregate, mergeAggregate, type Aggregate } from './aggregate';
import type { ChunkStore } from './chunks';
import type { RawStore } from './raw';
import type { RollupProgress } from './progress';
import { alignDown, rollupTiers, type Retention, type RollupTier } from './tiers';

export interface MaintenanceReport {
  /** Batches run in this slice. */
  batches: number;
  /** True when nothing was left to do. */
  idle: boolean;
  longestBatchMs: number;
}

export interface MaintenanceContext {
  db: Database.Database;
  raw: RawStore;
  chunks: ChunkStore;
  progress: RollupProgress;
  retention: Retention;
  /** Ids of every node. */
  nodeIds(): number[];
  /** The newest raw sample's time; null while the archive is empty. */
  latestMs(): number | null;
  /** Most rows one deletion batch removes. */
  batchRows: number;
}

export class Maintenance {
  private readonly statements;
  /** Set when document versions went: bodies nobody refers to any more may be left. */
  private orphansPossible = true;

  constructor(private readonly context: MaintenanceContext) {
    const { db } = context;
    this.statements = {
      firstRaw: db
        .prepare('SELECT MIN(at_ms) FROM raw_tick WHERE node_id = ? AND at_ms >= ?')
        .pluck(),
      deleteRaw: db.prepare(
        'DELETE FROM raw_tick WHERE id IN ' +
          '(SELECT id FROM raw_tick WHERE node_id = ? AND at_ms < ? ORDER BY at_ms LIMIT ?)',
      ),
      ...historyStatements(db),
    };
  }

  /** Runs batches until none is left or `budgetMs` is spent. */
  run(budgetMs: number): MaintenanceReport {
    const deadline = performance.now() + budgetMs;
    const report: MaintenanceReport = { batches: 0, idle: false, longestBatchMs: 0 };
    do {
      const startedMs = performance.now();
      if (!this.step()) {
        report.idle = true;
        break;
      }
      report.batches += 1;
      report.longestBatchMs = Math.max(report.longestBatchMs, performance.now() - startedMs);
    } while (performance.now() < deadline);
    return report;
  }

  /** One batch of whatever is most urgent; false when there is nothing to do. */
  step(): boolean {
    for (let index = 0; index < rollupTiers.length; index++) {
      if (this.rollupStep(index)) return true;
    }
    return this.retentionStep();
  }

  private rollupStep(tierIndex: number): boolean {
    for (const nodeId of this.context.nodeIds()) {
      const startMs = this.nextChunk(tierIndex, nodeId);
      if (startMs === null) continue;
      this.context.db.transaction(() => this.rollChunk(tierIndex, nodeId, startMs))();
      return true;
    }
    return false;
  }

  /** The start of the node's next chunk to roll up, once its source is complete. */
  private nextChunk(tierIndex: number, nodeId: number): number | null {
    const tier = rollupTiers[tierIndex]!;
    const completeUntil = this.sourceCompleteUntil(tierIndex, nodeId);
    if (completeUntil === null) return null;
    const doneUntil = this.context.progress.get(tier.name, nodeId);
    const first = doneUntil ?? this.firstSourceMs(tierIndex, nodeId, -Infinity);
    if (first === null) return null;
    const startMs = alignDown(first, tier.chunkMs);
    return startMs + tier.chunkMs <= completeUntil ? startMs : null;
  }

  /** Until when the tier's source holds everything it ever will. */
  private sourceCompleteUntil(tierIndex: number, nodeId: number): number | null {
    if (tierIndex === 0) return this.context.latestMs();
    const finer = rollupTiers[tierIndex - 1]!;
    return this.context.progress.get(finer.name, nodeId) ?? null;
  }

  private firstSourceMs(tierIndex: number, nodeId: number, atOrAfterMs: number): number | null {
    if (tierIndex === 0) {
      return this.statements.firstRaw.get(nodeId, atOrAfterMs) as number | null;
    }
    return this.context.chunks.firstChunkOfNode(rollupTiers[tierIndex - 1]!, nodeId, atOrAfterMs);
  }

  private rollChunk(tierIndex: number, nodeId: number, startMs: number): void {
    const tier = rollupTiers[tierIndex]!;
    const endMs = startMs + tier.chunkMs;
    const slots = this.aggregateChunk(tierIndex, nodeId, startMs, endMs);
    for (const [seriesId, buckets] of slots) {
      this.context.chunks.write(tier, seriesId, startMs, buckets);
    }
    if (slots.size > 0) {
      this.context.progress.set(tier.name, nodeId, endMs);
      return;
    }
    // Nothing in this chunk (the node was not in the fleet then): jump to its next data.
    const completeUntil = alignDown(this.sourceCompleteUntil(tierIndex, nodeId)!, tier.chunkMs);
    const next = this.firstSourceMs(tierIndex, nodeId, endMs);
    const jumpTo =
      next === null ? completeUntil : Math.min(alignDown(next, tier.chunkMs), completeUntil);
    this.context.progress.set(tier.name, nodeId, Math.max(jumpTo, endMs));
  }

  /** Series id -> the tier's buckets of this chunk, from the finer tier (or raw rows). */
  private aggregateChunk(
    tierIndex: number,
    nodeId: number,
    startMs: number,
    endMs: number,
  ): Map<number, Aggregate[]> {
    const tier = rollupTiers[tierIndex]!;
    const slots = new Map<number, Aggregate[]>();
    const bucketOf = (seriesId: number, atMs: number): Aggregate => {
      let buckets = slots.get(seriesId);
      if (!buckets) slots.set(seriesId, (buckets = []));
      const slot = Math.floor((atMs - startMs) / tier.bucketMs);
      return (buckets[slot] ??= emptyAggregate());
    };
    if (tierIndex === 0) {
      this.context.raw.read(nodeId, startMs, endMs, null, (seriesId, atMs, value, nullKind) =>
        addSample(bucketOf(seriesId, atMs), value, nullKind),
      );
    } else {
      const finer = rollupTiers[tierIndex - 1]!;
      this.context.chunks.readNode(finer, nodeId, startMs, endMs, (seriesId, atMs, bucket) =>
        mergeAggregate(bucketOf(seriesId, atMs), bucket),
      );
    }
    return slots;
  }

  private retentionStep(): boolean {
    const latestMs = this.context.latestMs();
    if (latestMs === null) return false;
    return (
      this.deleteRaw(latestMs) ||
      rollupTiers.some((tier, index) => this.deleteChunks(index, latestMs)) ||
      this.deleteHistory(latestMs)
    );
  }

  /** Raw rows older than the window, but never any not yet rolled up. */
  private deleteRaw(latestMs: number): boolean {
    const { progress, retention, batchRows } = this.context;
    for (const nodeId of this.context.nodeIds()) {
      const rolledUntil = progress.get(rollupTiers[0]!.name, nodeId);
      if (rolledUntil === undefined) continue;
      const cutoffMs = Math.min(latestMs - retention.rawMs, rolledUntil);
      if (this.statements.deleteRaw.run(nodeId, cutoffMs, batchRows).changes > 0) return true;
    }
    return false;
  }

  /** Chunks whose every bucket is older than the window and already in the coarser tier. */
  private deleteChunks(tierIndex: number, latestMs: number): boolean {
    const tier: RollupTier = rollupTiers[tierIndex]!;
    const coarser = rollupTiers[tierIndex + 1];
    const { progress, retention, batchRows } = this.context;
    for (const nodeId of this.context.nodeIds()) {
      let cutoffMs = latestMs - retention[tier.retention];
      if (coarser) cutoffMs = Math.min(cutoffMs, progress.get(coarser.name, nodeId) ?? -Infinity);
      if (!Number.isFinite(cutoffMs)) continue;
      const deleted = this.context.chunks.deleteOfNode(
        tier,
        nodeId,
        cutoffMs - tier.chunkMs,
        batchRows,
      );
      if (deleted > 0) return true;
    }
    return false;
  }

  /** Document versions superseded before the window (the one in effect stays), and events. */
  private deleteHistory(latestMs: number): boolean {
    const cutoffMs = latestMs - this.context.retention.historyMs;
    const { batchRows } = this.context;
    const versions = this.statements.deleteVersions.run(cutoffMs, cutoffMs, batchRows).changes;
    const events = this.statements.deleteEvents.run(cutoffMs, batchRows).changes;
    if (versions > 0) this.orphansPossible = true;
    let documents = 0;
    if (this.orphansPossible) {
      documents = this.statements.deleteOrphans.run(batchRows).changes;
      this.orphansPossible = documents === batchRows;
    }
    return versions + events + documents > 0;
  }
}

function historyStatements(db: Database.Database) {
  return {
    deleteVersions: db.prepare(
      'DELETE FROM document_version WHERE (node_id, kind, at_ms) IN (' +
        'SELECT v.node_id, v.kind, v.at_ms FROM document_version v WHERE v.at_ms < ? AND ' +
        'EXISTS (SELECT 1 FROM document_version w WHERE w.node_id = v.node_id AND ' +
        'w.kind = v.kind AND w.at_ms > v.at_ms AND w.at_ms <= ?) LIMIT ?)',
    ),
    deleteEvents: db.prepare(
      'DELETE FROM event WHERE id IN (SELECT id FROM event WHERE at_ms < ? LIMIT ?)',
    ),
    deleteOrphans: db.prepare(
      'DELETE FROM document WHERE id IN (SELECT d.id FROM document d WHERE NOT EXISTS ' +
        '(SELECT 1 FROM document_version v WHERE v.document_id = d.id) LIMIT ?)',
    ),
  };
}
