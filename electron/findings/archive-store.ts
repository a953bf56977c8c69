// Findings in the archive (electron/archive/schema.ts, tables `finding` and `event`), so review
// sessions and bundles see them as of any moment:
//
// - one `finding` row per finding: rule, node (its first), subject, opened_ms (first seen),
//   closed_ms (resolved; NULL again when it reopens) and body, the whole Finding as JSON;
// - one `event` of kind `finding` per lifecycle change: `{ id, change, finding }`, the finding
//   as it was after the change; the report and "as of a time" are read from these;
// - one `event` of kind `finding.maintenance` per maintenance window.
//
// The Archive class keeps its connection private, so this store opens its own on the same file
// (WAL; both connections are used from the one thread, one statement at a time, so they never
// wait on each other). No table is added: the schema of issue #5 already has both.
import Database from 'better-sqlite3';
import type { Archive } from '../archive';
import type { Finding, FindingChange, FindingStore, MaintenanceWindow } from './lifecycle';

export const FINDING_EVENT = 'finding';
export const MAINTENANCE_EVENT = 'finding.maintenance';

/** The body of a `finding` event. */
export interface FindingEventBody {
  id: number;
  change: FindingChange['change'];
  finding: Finding;
}

/** Findings resolved longer ago than this are not loaded back into the live lifecycle. */
const LOAD_RESOLVED_WITHIN_MS = 7 * 86_400_000;

export class ArchiveFindingStore implements FindingStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(
    archive: Pick<Archive, 'file'>,
    private readonly now: () => number = Date.now,
  ) {
    this.db = new Database(archive.file, { fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
    // As the archive's own connection: WAL makes NORMAL durable against a crash of the app.
    this.db.pragma('synchronous = NORMAL');
    this.statements = prepare(this.db);
  }

  load(): { findings: Finding[]; windows: MaintenanceWindow[] } {
    const since = this.now() - LOAD_RESOLVED_WITHIN_MS;
    const bodies = this.statements.loadFindings.all(since) as { id: number; body: string }[];
    const findings = bodies.map((row) => ({ ...(JSON.parse(row.body) as Finding), id: row.id }));
    const windows = (this.statements.loadWindows.all() as { body: string }[]).map(
      (row) => JSON.parse(row.body) as MaintenanceWindow,
    );
    return { findings, windows };
  }

  insert(finding: Omit<Finding, 'id'>): number {
    const result = this.statements.insert.run({
      rule: finding.ruleId,
      node: finding.nodes[0] ?? null,
      subject: finding.subject,
      openedMs: finding.firstSeenMs,
      closedMs: finding.resolvedMs,
      body: JSON.stringify(finding),
    });
    return Number(result.lastInsertRowid);
  }

  update(finding: Finding): void {
    this.statements.update.run({
      id: finding.id,
      closedMs: finding.resolvedMs,
      body: JSON.stringify(finding),
    });
  }

  recordChange(change: FindingChange): void {
    const body: FindingEventBody = {
      id: change.finding.id,
      change: change.change,
      finding: change.finding,
    };
    this.statements.event.run(change.atMs, FINDING_EVENT, JSON.stringify(body));
  }

  recordMaintenance(window: MaintenanceWindow): void {
    this.statements.event.run(this.now(), MAINTENANCE_EVENT, JSON.stringify(window));
  }

  batch<Result>(work: () => Result): Result {
    return this.db.transaction(work)();
  }

  close(): void {
    this.db.close();
  }
}

function prepare(db: Database.Database) {
  return {
    loadFindings: db.prepare(
      'SELECT id, body FROM finding WHERE closed_ms IS NULL OR closed_ms >= ? ORDER BY id',
    ),
    loadWindows: db.prepare(`SELECT body FROM event WHERE kind = '${MAINTENANCE_EVENT}'`),
    insert: db.prepare(
      'INSERT INTO finding (rule, node_id, subject, opened_ms, closed_ms, body) VALUES ' +
        '(@rule, (SELECT id FROM node WHERE name = @node), @subject, @openedMs, @closedMs, @body)',
    ),
    update: db.prepare('UPDATE finding SET closed_ms = @closedMs, body = @body WHERE id = @id'),
    event: db.prepare('INSERT INTO event (at_ms, node_id, kind, body) VALUES (?, NULL, ?, ?)'),
  };
}

/** The lifecycle changes archived in [fromMs, toMs], oldest first (read-only archives too). */
export function archivedChanges(
  archive: Pick<Archive, 'events'>,
  fromMs: number,
  toMs: number,
): FindingChange[] {
  return archive.events({ from: fromMs, to: toMs, kind: FINDING_EVENT }).map((event) => {
    const body = event.body as FindingEventBody;
    return { atMs: event.atMs, change: body.change, finding: { ...body.finding, id: body.id } };
  });
}
