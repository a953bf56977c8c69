// Document versions: a node's document of a kind is stored when its content differs from the
// version in effect, and a kind that goes away (a removed container's logs) gets a tombstone.
// Bodies are deflated canonical JSON, stored once per distinct content.
import type Database from 'better-sqlite3';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { canonicalJson, contentHash, type NodeDocuments } from './documents';

interface Version {
  atMs: number;
  /** Null for a tombstone. */
  hash: string | null;
}

export interface DocumentVersion {
  node: string;
  kind: string;
  atMs: number;
  /** The document; `undefined` when the kind went away at this time. */
  document: unknown;
}

export class DocumentStore {
  /** `nodeId|kind` -> the latest version; filled from the database on first use. */
  private readonly latest = new Map<string, Version>();
  private readonly loadedNodes = new Set<number>();
  /**
   * Hashes of document objects already seen. The collector hands the same log digest object to
   * every fast tick until the next slow one; snapshots are never mutated, so its hash holds.
   */
  private readonly hashes = new WeakMap<object, string>();
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      latestOfNode: db.prepare(
        'SELECT v.kind, v.at_ms, d.hash FROM document_version v ' +
          'LEFT JOIN document d ON d.id = v.document_id WHERE v.node_id = ? AND v.at_ms = ' +
          '(SELECT MAX(at_ms) FROM document_version w WHERE w.node_id = v.node_id ' +
          'AND w.kind = v.kind)',
      ),
      inEffect: db.prepare(
        'SELECT d.hash FROM document_version v LEFT JOIN document d ON d.id = v.document_id ' +
          'WHERE v.node_id = ? AND v.kind = ? AND v.at_ms <= ? ORDER BY v.at_ms DESC LIMIT 1',
      ),
      documentId: db.prepare('SELECT id FROM document WHERE hash = ?').pluck(),
      insertDocument: db.prepare('INSERT INTO document (hash, body) VALUES (?, ?)'),
      insertVersion: db.prepare(
        'INSERT OR REPLACE INTO document_version (node_id, kind, at_ms, document_id) ' +
          'VALUES (?, ?, ?, ?)',
      ),
    };
  }

  /** Forgets cached versions (after a rolled-back transaction). */
  reset(): void {
    this.latest.clear();
    this.loadedNodes.clear();
  }

  /** Stores what changed; returns how many versions were written. */
  record(nodeId: number, atMs: number, documents: NodeDocuments): number {
    this.load(nodeId);
    let written = 0;
    for (const [kind, document] of documents) {
      const hash = this.hashOf(document);
      if (this.hashInEffect(nodeId, kind, atMs) === hash) continue;
      this.statements.insertVersion.run(nodeId, kind, atMs, this.documentId(hash, document));
      this.noteVersion(nodeId, kind, { atMs, hash });
      written++;
    }
    for (const [key, version] of this.latest) {
      const [owner, kind] = splitKey(key);
      if (owner !== nodeId || version.hash === null || documents.has(kind)) continue;
      if (version.atMs > atMs) continue; // a late tick does not end what came after it
      this.statements.insertVersion.run(nodeId, kind, atMs, null);
      this.noteVersion(nodeId, kind, { atMs, hash: null });
      written++;
    }
    return written;
  }

  private hashOf(document: unknown): string {
    const cacheable = typeof document === 'object' && document !== null;
    const known = cacheable ? this.hashes.get(document) : undefined;
    if (known) return known;
    const hash = contentHash(canonicalJson(document));
    if (cacheable) this.hashes.set(document, hash);
    return hash;
  }

  private hashInEffect(nodeId: number, kind: string, atMs: number): string | null | undefined {
    const latest = this.latest.get(`${nodeId}|${kind}`);
    if (!latest || latest.atMs <= atMs) return latest?.hash;
    return this.statements.inEffect.get(nodeId, kind, atMs) as string | null | undefined;
  }

  private noteVersion(nodeId: number, kind: string, version: Version): void {
    const key = `${nodeId}|${kind}`;
    const latest = this.latest.get(key);
    if (!latest || latest.atMs <= version.atMs) this.latest.set(key, version);
  }

  private documentId(hash: string, document: unknown): number {
    const known = this.statements.documentId.get(hash) as number | undefined;
    if (known !== undefined) return known;
    const result = this.statements.insertDocument.run(
      hash,
      deflateRawSync(canonicalJson(document)),
    );
    return Number(result.lastInsertRowid);
  }

  private load(nodeId: number): void {
    if (this.loadedNodes.has(nodeId)) return;
    const rows = this.statements.latestOfNode.all(nodeId) as LatestRow[];
    for (const row of rows) this.latest.set(`${nodeId}|${row.kind}`, toVersion(row));
    this.loadedNodes.add(nodeId);
  }
}

interface LatestRow {
  kind: string;
  at_ms: number;
  hash: string | null;
}

function toVersion(row: LatestRow): Version {
  return { atMs: row.at_ms, hash: row.hash };
}

function splitKey(key: string): [number, string] {
  const bar = key.indexOf('|');
  return [Number(key.slice(0, bar)), key.slice(bar + 1)];
}

export function parseDocumentBody(body: Buffer | null): unknown {
  if (body === null) return undefined;
  return JSON.parse(inflateRawSync(body).toString('utf8')) as unknown;
}
