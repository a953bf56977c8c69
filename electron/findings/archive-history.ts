// The History from an archive, for replay and review: each recorded tick rebuilt as a snapshot
// (the documents in effect then and the tick's samples, electron/review/rebuild.ts) and pushed
// as the live engine would have seen it. A container's log lines count only at the tick whose
// `logs:<container>` document was written then: a document in effect from an earlier tick holds
// lines already seen, so the rebuilt snapshot carries no new lines for it.
import Database from 'better-sqlite3';
import type { Archive } from '../archive';
import { rebuildNode } from '../review/rebuild';
import { SNAPSHOT_VERSION, type NodeSnapshot, type Snapshot } from '../../shared/snapshot';
import { RollingHistory, type HistoryLimits } from './history';

/** Every tick time of the archive in [fromMs, toMs], oldest first, and the logs new at each. */
class TickIndex {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
  }

  ticks(fromMs: number, toMs: number): number[] {
    return this.db
      .prepare('SELECT DISTINCT at_ms FROM raw_tick WHERE at_ms >= ? AND at_ms <= ? ORDER BY at_ms')
      .pluck()
      .all(fromMs, toMs) as number[];
  }

  /** `node|container` of every log document written at exactly this tick. */
  logsWrittenAt(atMs: number): Set<string> {
    const rows = this.db
      .prepare(
        'SELECT n.name AS node, v.kind FROM document_version v JOIN node n ON n.id = v.node_id ' +
          "WHERE v.at_ms = ? AND v.kind LIKE 'logs:%'",
      )
      .all(atMs) as { node: string; kind: string }[];
    return new Set(rows.map((row) => `${row.node}|${row.kind.slice('logs:'.length)}`));
  }

  close(): void {
    this.db.close();
  }
}

/** The archive's ticks in [fromMs, toMs] as snapshots, oldest first. */
export function* archivedSnapshots(
  archive: Archive,
  fromMs: number,
  toMs: number,
): Generator<Snapshot> {
  const deployment = archive.deploymentName();
  if (deployment === null) return;
  const index = new TickIndex(archive.file);
  try {
    for (const atMs of index.ticks(fromMs, toMs)) {
      const documents = archive.documentsAt(atMs);
      const ticks = archive.samplesAt(atMs);
      const fresh = index.logsWrittenAt(atMs);
      const nodes: Record<string, NodeSnapshot> = {};
      for (const node of Object.keys(documents).sort()) {
        const tick = ticks[node];
        // A node without a tick at this moment is not part of this snapshot (it had none).
        if (!tick || tick.atMs !== atMs) continue;
        const tickAt = new Date(atMs).toISOString();
        const rebuilt = rebuildNode({ documents: documents[node]!, samples: tick.samples, tickAt });
        nodes[node] = withFreshLogsOnly(node, rebuilt, fresh);
      }
      const takenAt = new Date(atMs).toISOString();
      yield { version: SNAPSHOT_VERSION, deployment, takenAt, nodes };
    }
  } finally {
    index.close();
  }
}

function withFreshLogsOnly(node: string, snapshot: NodeSnapshot, fresh: Set<string>) {
  if (!snapshot.logs) return snapshot;
  const logs = Object.fromEntries(
    Object.entries(snapshot.logs).filter(([container]) => fresh.has(`${node}|${container}`)),
  );
  return { ...snapshot, logs };
}

/**
 * The History a live engine would hold at `untilMs`: every tick of the series window before it
 * (24 h by default) rebuilt from the archive and pushed in order.
 */
export function historyFromArchive(
  archive: Archive,
  untilMs: number,
  limits: Partial<HistoryLimits> = {},
): RollingHistory {
  const history = new RollingHistory(limits);
  const windowMs = limits.seriesWindowMs ?? 24 * 3_600_000;
  const fromMs = untilMs - windowMs;
  for (const snapshot of archivedSnapshots(archive, fromMs, untilMs)) history.push(snapshot);
  const events = archive.events({ from: fromMs, to: untilMs, kind: 'health' });
  history.addEvents(events.map(({ atMs, node, kind, body }) => ({ atMs, node, kind, body })));
  return history;
}
