// Archives filled from the demo plant for the review tests: real snapshots of the simulated
// 03002 collected at chosen plant moments, recorded with their health into a real SQLite file.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Archive, ARCHIVE_FILE, type ArchiveOptions } from '../../electron/archive';
import { createDemoPlant } from '../../electron/demo';
import type { Snapshot } from '../../shared/snapshot';
import { temporaryDirectory } from '../helpers/temporary';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

export interface DemoArchive {
  directory: string;
  /** The snapshots recorded, in time order. */
  snapshots: Snapshot[];
  /** Their times, in milliseconds. */
  times: number[];
}

export interface FillOptions {
  from: string;
  to: string;
  stepMs?: number;
  archive?: ArchiveOptions;
  /** Changes a snapshot before it is recorded (a new container, an image change). */
  edit?: (snapshot: Snapshot, index: number) => Snapshot;
}

/** Collects the demo plant every `stepMs` (default 5 min) of plant time from `from` to `to`. */
export async function fillFromDemo(options: FillOptions): Promise<DemoArchive> {
  const directory = temporaryDirectory('review');
  const archive = Archive.open({ ...options.archive, directory });
  const plant = createDemoPlant({ speed: 0, startTime: options.from });
  const snapshots: Snapshot[] = [];
  const times: number[] = [];
  try {
    const endMs = Date.parse(options.to);
    for (
      let atMs = Date.parse(options.from);
      atMs <= endMs;
      atMs += options.stepMs ?? 5 * MINUTE_MS
    ) {
      plant.clock.stepTo(atMs);
      const collected = await plant.collector.collectOnce();
      const snapshot = options.edit ? options.edit(collected, snapshots.length) : collected;
      const result = archive.recordSnapshot(snapshot);
      if (!result.ok) throw new Error(`not archived: ${result.reason}`);
      archive.recordHealth(plant.collector.health(), atMs);
      snapshots.push(snapshot);
      times.push(atMs);
    }
    if (options.archive?.retention) while (!archive.maintain({ budgetMs: 1_000 }).idle);
  } finally {
    archive.close();
    await plant.collector.stop();
  }
  return { directory, snapshots, times };
}

export interface FindingRow {
  rule: string;
  node: string;
  subject: string;
  openedMs: number;
  closedMs: number | null;
}

/**
 * Writes findings straight into the archive's finding table, as the findings engine will:
 * the archive has no writer for them yet (issue #6).
 */
export function insertFindings(directory: string, findings: readonly FindingRow[]): void {
  const db = new Database(join(directory, ARCHIVE_FILE));
  try {
    const nodeId = db.prepare('SELECT id FROM node WHERE name = ?').pluck();
    const insert = db.prepare(
      'INSERT INTO finding (rule, node_id, subject, opened_ms, closed_ms, body) ' +
        'VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const finding of findings) {
      const body = JSON.stringify({ title: `${finding.rule} on ${finding.subject}` });
      insert.run(
        finding.rule,
        nodeId.get(finding.node),
        finding.subject,
        finding.openedMs,
        finding.closedMs,
        body,
      );
    }
  } finally {
    db.close();
  }
}

/** A container of a snapshot's node, by name. */
export function containerOf(snapshot: Snapshot, node: string, name: string) {
  return snapshot.nodes[node]?.containers?.find((container) => container.name === name);
}
