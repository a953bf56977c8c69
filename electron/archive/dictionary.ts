// Small tables every row refers to by number: nodes, series and the series layouts of raw rows.
// They are few (hundreds of series, a handful of layouts a day), so they live in memory too and
// rows stay small.
import type Database from 'better-sqlite3';
import { decodeIntegers, encodeIntegers } from './codec';
import { contentHash } from './documents';
import { seriesKey } from './series';

/** One series: node x subject x metric. */
export interface SeriesInfo {
  id: number;
  /** `vk01|container:visionking-visualizer|memoryBytes`. */
  key: string;
  node: string;
  subject: string;
  metric: string;
}

export class Dictionary {
  private readonly nodeIds = new Map<string, number>();
  private readonly seriesByKey = new Map<string, SeriesInfo>();
  private readonly seriesById = new Map<number, SeriesInfo>();
  private readonly layoutIds = new Map<string, number>();
  private readonly layouts = new Map<number, number[]>();
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertNode: db.prepare('INSERT INTO node (name) VALUES (?)'),
      insertSeries: db.prepare('INSERT INTO series (node_id, subject, metric) VALUES (?, ?, ?)'),
      layoutByHash: db.prepare('SELECT id FROM layout WHERE hash = ?').pluck(),
      layoutById: db.prepare('SELECT series_ids FROM layout WHERE id = ?').pluck(),
      insertLayout: db.prepare('INSERT INTO layout (hash, series_ids) VALUES (?, ?)'),
    };
    this.reload();
  }

  /** Reads nodes and series again (after a rolled-back transaction left the caches ahead). */
  reload(): void {
    this.nodeIds.clear();
    this.seriesByKey.clear();
    this.seriesById.clear();
    this.layoutIds.clear();
    this.layouts.clear();
    const nodes = this.db.prepare('SELECT id, name FROM node').all() as NodeRow[];
    for (const node of nodes) this.nodeIds.set(node.name, node.id);
    const names = new Map(nodes.map((node) => [node.id, node.name]));
    const series = this.db.prepare('SELECT id, node_id, subject, metric FROM series').all();
    for (const row of series as SeriesRow[]) {
      this.remember(row.id, names.get(row.node_id) ?? '?', row.subject, row.metric);
    }
  }

  nodeId(name: string): number {
    const known = this.nodeIds.get(name);
    if (known !== undefined) return known;
    const id = Number(this.statements.insertNode.run(name).lastInsertRowid);
    this.nodeIds.set(name, id);
    return id;
  }

  knownNodeId(name: string): number | undefined {
    return this.nodeIds.get(name);
  }

  nodeNames(): string[] {
    return [...this.nodeIds.keys()];
  }

  seriesId(node: string, subject: string, metric: string): number {
    const known = this.seriesByKey.get(seriesKey(node, subject, metric));
    if (known) return known.id;
    const result = this.statements.insertSeries.run(this.nodeId(node), subject, metric);
    return this.remember(Number(result.lastInsertRowid), node, subject, metric).id;
  }

  series(id: number): SeriesInfo | undefined {
    return this.seriesById.get(id);
  }

  seriesNamed(key: string): SeriesInfo | undefined {
    return this.seriesByKey.get(key);
  }

  allSeries(): SeriesInfo[] {
    return [...this.seriesById.values()];
  }

  /** The id of a layout (an ordered list of series ids), stored on first use. */
  layoutId(seriesIds: readonly number[]): number {
    const text = seriesIds.join(',');
    const known = this.layoutIds.get(text);
    if (known !== undefined) return known;
    const hash = contentHash(text);
    const stored = this.statements.layoutByHash.get(hash) as number | undefined;
    const id =
      stored ??
      Number(this.statements.insertLayout.run(hash, encodeIntegers(seriesIds)).lastInsertRowid);
    this.layoutIds.set(text, id);
    this.layouts.set(id, [...seriesIds]);
    return id;
  }

  layout(id: number): number[] {
    const known = this.layouts.get(id);
    if (known) return known;
    const bytes = this.statements.layoutById.get(id) as Buffer | undefined;
    if (!bytes) throw new Error(`archive is inconsistent: layout ${id} is missing`);
    const seriesIds = decodeIntegers(bytes);
    this.layouts.set(id, seriesIds);
    return seriesIds;
  }

  private remember(id: number, node: string, subject: string, metric: string): SeriesInfo {
    const info = { id, key: seriesKey(node, subject, metric), node, subject, metric };
    this.seriesByKey.set(info.key, info);
    this.seriesById.set(id, info);
    return info;
  }
}

interface NodeRow {
  id: number;
  name: string;
}

interface SeriesRow {
  id: number;
  node_id: number;
  subject: string;
  metric: string;
}
