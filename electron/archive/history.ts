// Reading documents back "as of" a moment, and the event log (health changes now; findings and
// actions write their own tables later).
import type Database from 'better-sqlite3';
import type { FleetHealth } from '../collect/collector';
import type { FleetVerdict } from '../collect/health';
import type { Dictionary } from './dictionary';
import { parseDocumentBody, type DocumentVersion } from './document-store';

export interface ArchivedEvent {
  id: number;
  atMs: number;
  node: string | null;
  kind: string;
  body: unknown;
}

export interface NewEvent {
  atMs: number;
  node?: string | null;
  kind: string;
  body: unknown;
}

export interface EventQuery {
  fromMs: number;
  toMs: number;
  kind?: string;
  node?: string;
}

/** A channel's health state changed: the event body of kind `health`. */
export interface HealthChange {
  channel: string;
  from: string | null;
  to: string;
  error: { kind: string; message: string } | null;
}

interface VersionRow {
  node: string;
  kind: string;
  at_ms: number;
  body: Buffer | null;
}

interface EventRow {
  id: number;
  at_ms: number;
  node: string | null;
  kind: string;
  body: string;
}

export class History {
  private readonly statements;
  /** `node|channel` -> the last health state written; loaded on first use. */
  private healthStates: Map<string, string> | null = null;
  private lastVerdict: string | undefined;

  constructor(
    db: Database.Database,
    private readonly dictionary: Dictionary,
  ) {
    this.statements = prepareHistory(db);
  }

  /** Every document of every node (or of one) in effect at `atMs`: node -> kind -> document. */
  documentsAt(atMs: number, node?: string): Record<string, Record<string, unknown>> {
    const result: Record<string, Record<string, unknown>> = {};
    const rows = this.statements.inEffect.all({ atMs, node: node ?? null }) as VersionRow[];
    for (const row of rows) {
      if (row.body === null) continue;
      (result[row.node] ??= {})[row.kind] = parseDocumentBody(row.body);
    }
    return result;
  }

  /** Stored versions of one node's document of a kind, oldest first. */
  documentVersions(node: string, kind: string, fromMs: number, toMs: number): DocumentVersion[] {
    const rows = this.statements.versions.all(node, kind, fromMs, toMs) as VersionRow[];
    return rows.map((row) => ({
      node: row.node,
      kind: row.kind,
      atMs: row.at_ms,
      document: parseDocumentBody(row.body),
    }));
  }

  recordEvent(event: NewEvent): number {
    const nodeId = event.node ? this.dictionary.nodeId(event.node) : null;
    const body = JSON.stringify(event.body);
    const result = this.statements.insertEvent.run(event.atMs, nodeId, event.kind, body);
    return Number(result.lastInsertRowid);
  }

  events(query: EventQuery): ArchivedEvent[] {
    const { fromMs, toMs, kind = null, node = null } = query;
    const rows = this.statements.events.all({ fromMs, toMs, kind, node }) as EventRow[];
    return rows.map((row) => ({
      id: row.id,
      atMs: row.at_ms,
      node: row.node,
      kind: row.kind,
      body: JSON.parse(row.body) as unknown,
    }));
  }

  /** Writes an event per channel whose state differs from the last one written; returns them. */
  recordHealth(nodes: FleetHealth, verdict: FleetVerdict | null, atMs: number): number {
    const states = this.loadHealthStates();
    let written = 0;
    for (const [node, channels] of Object.entries(nodes)) {
      for (const [channel, health] of Object.entries(channels)) {
        const previous = states.get(`${node}|${channel}`) ?? null;
        if (previous === health.state) continue;
        const body: HealthChange = {
          channel,
          from: previous,
          to: health.state,
          error: health.lastError,
        };
        this.recordEvent({ atMs: Date.parse(health.since) || atMs, node, kind: 'health', body });
        states.set(`${node}|${channel}`, health.state);
        written++;
      }
    }
    return written + this.recordVerdict(verdict, atMs);
  }

  private recordVerdict(verdict: FleetVerdict | null, atMs: number): number {
    const text = JSON.stringify(verdict);
    this.lastVerdict ??= this.statements.lastVerdict.get() as string | undefined;
    if (text === (this.lastVerdict ?? 'null')) return 0;
    this.recordEvent({ atMs, kind: 'verdict', body: verdict });
    this.lastVerdict = text;
    return 1;
  }

  private loadHealthStates(): Map<string, string> {
    if (this.healthStates) return this.healthStates;
    this.healthStates = new Map();
    for (const row of this.statements.lastHealth.all() as EventRow[]) {
      const change = JSON.parse(row.body) as HealthChange;
      this.healthStates.set(`${row.node}|${change.channel}`, change.to);
    }
    return this.healthStates;
  }

  /** Forgets cached state (after a rolled-back transaction). */
  reset(): void {
    this.healthStates = null;
    this.lastVerdict = undefined;
  }
}

function prepareHistory(db: Database.Database) {
  const versionColumns =
    'SELECT n.name AS node, v.kind, v.at_ms, d.body FROM document_version v ' +
    'JOIN node n ON n.id = v.node_id LEFT JOIN document d ON d.id = v.document_id ';
  return {
    inEffect: db.prepare(
      versionColumns +
        'WHERE (@node IS NULL OR n.name = @node) AND v.at_ms = (SELECT MAX(w.at_ms) ' +
        'FROM document_version w WHERE w.node_id = v.node_id AND w.kind = v.kind ' +
        'AND w.at_ms <= @atMs)',
    ),
    versions: db.prepare(
      versionColumns +
        'WHERE n.name = ? AND v.kind = ? AND v.at_ms >= ? AND v.at_ms <= ? ' +
        'ORDER BY v.at_ms',
    ),
    insertEvent: db.prepare('INSERT INTO event (at_ms, node_id, kind, body) VALUES (?, ?, ?, ?)'),
    events: db.prepare(
      'SELECT e.id, e.at_ms, n.name AS node, e.kind, e.body FROM event e ' +
        'LEFT JOIN node n ON n.id = e.node_id WHERE e.at_ms >= @fromMs AND e.at_ms <= @toMs ' +
        'AND (@kind IS NULL OR e.kind = @kind) AND (@node IS NULL OR n.name = @node) ' +
        'ORDER BY e.at_ms, e.id',
    ),
    lastHealth: db.prepare(
      'SELECT e.id, e.at_ms, n.name AS node, e.kind, e.body FROM event e ' +
        'JOIN node n ON n.id = e.node_id WHERE e.id IN (SELECT MAX(id) FROM event ' +
        "WHERE kind = 'health' GROUP BY node_id, json_extract(body, '$.channel'))",
    ),
    lastVerdict: db
      .prepare("SELECT body FROM event WHERE kind = 'verdict' ORDER BY id DESC LIMIT 1")
      .pluck(),
  };
}
