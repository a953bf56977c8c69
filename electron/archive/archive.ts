// The snapshot archive: an SQLite database (better-sqlite3, WAL) in one directory. It keeps the
// numbers of every tick as samples, the rest of each snapshot as documents stored on change,
// and events; rolls samples up to one-minute and fifteen-minute buckets; and answers trend
// queries from the coarsest resolution that still shows what was asked. docs/archive.md.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FleetHealth } from '../collect/collector';
import type { FleetVerdict } from '../collect/health';
import { createLogger, dataDirectory } from '../log';
import type { Snapshot } from '../../shared/snapshot';
import { ChunkStore } from './chunks';
import { Dictionary, type SeriesInfo } from './dictionary';
import { DocumentStore, type DocumentVersion } from './document-store';
import { nodeDocuments } from './documents';
import { History, type ArchivedEvent, type NewEvent } from './history';
import { Maintenance, type MaintenanceReport } from './maintenance';
import { RollupProgress } from './progress';
import * as queries from './query';
import { RawStore } from './raw';
import { ArchiveVersionError, migrate, SCHEMA_VERSION, schemaVersion } from './schema';
import { nodeSamples, subjectKindOf, type Sample, type SeriesMemory } from './series';
import {
  alignDown,
  defaultRetention,
  rollupTiers,
  type Retention,
  type RollupTier,
  type RollupTierName,
} from './tiers';
import type { Aggregate } from './aggregate';

export const ARCHIVE_FILE = 'archive.sqlite';
export const DEFAULT_TICK_INTERVAL_MS = 5_000;

export interface ArchiveOptions {
  /** Default `<data directory>/archive`. Created when missing (unless read-only). */
  directory?: string;
  /** Open for reading only: every write is refused. The schema must be current. */
  readOnly?: boolean;
  retention?: Partial<Retention>;
  /** The fast tick: the raw tier's spacing when trend buckets are sized. Default 5 s. */
  tickIntervalMs?: number;
  /** Most rows one retention batch deletes. Default 1000. */
  batchRows?: number;
}

/** One series' buckets of one chunk (an hour of 1 min buckets, six hours of 15 min ones). */
export interface RollupChunk {
  tier: RollupTierName;
  node: string;
  subject: string;
  metric: string;
  /** A multiple of the tier's chunk length. */
  startMs: number;
  /** In time order from `startMs`; undefined for a bucket without samples. */
  buckets: readonly (Aggregate | undefined)[];
}

/** One node's samples of one raw tick. */
export interface TickSamples {
  atMs: number;
  samples: Sample[];
}

/** A row of the finding table (written by the findings engine). */
export interface ArchivedFinding {
  id: number;
  rule: string;
  node: string | null;
  subject: string | null;
  openedMs: number;
  closedMs: number | null;
  body: unknown;
}

type FindingRow = Omit<ArchivedFinding, 'body'> & { body: string };

export type RecordResult =
  { ok: true; atMs: number; samples: number; documents: number } | { ok: false; reason: string };

export function defaultArchiveDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDirectory(env), 'archive');
}

export class Archive {
  readonly directory: string;
  readonly file: string;
  readonly readOnly: boolean;
  readonly retention: Retention;
  private readonly log = createLogger('archive');
  private readonly dictionary: Dictionary;
  private readonly raw: RawStore;
  private readonly chunks: ChunkStore;
  private readonly progress: RollupProgress;
  private readonly documents: DocumentStore;
  private readonly history: History;
  private readonly maintenance: Maintenance;
  private readonly query: queries.QueryContext;
  private readonly memories = new Map<string, SeriesMemory>();
  private latestMs: number | null;
  private deployment: string | null;

  /** Opens (creating and migrating when needed) the archive in a directory. */
  static open(options: ArchiveOptions = {}): Archive {
    const directory = options.directory ?? defaultArchiveDirectory();
    const file = join(directory, ARCHIVE_FILE);
    if (!options.readOnly) mkdirSync(directory, { recursive: true });
    const { db, applied } = openDatabase(file, options.readOnly ?? false);
    const archive = new Archive(db, directory, file, options);
    archive.log.info({ file, migrations: applied, readOnly: archive.readOnly }, 'archive opened');
    return archive;
  }

  private constructor(
    private readonly db: Database.Database,
    directory: string,
    file: string,
    options: ArchiveOptions,
  ) {
    this.directory = directory;
    this.file = file;
    this.readOnly = options.readOnly ?? false;
    this.retention = { ...defaultRetention, ...options.retention };
    this.dictionary = new Dictionary(db);
    this.raw = new RawStore(db, this.dictionary);
    this.chunks = new ChunkStore(db);
    this.progress = new RollupProgress(db);
    this.documents = new DocumentStore(db);
    this.history = new History(db, this.dictionary);
    this.latestMs = db.prepare('SELECT MAX(at_ms) FROM raw_tick').pluck().get() as number | null;
    this.deployment = readMeta(db, 'deployment');
    this.maintenance = new Maintenance({
      ...this.stores(),
      db,
      batchRows: options.batchRows ?? 1000,
      nodeIds: () => this.dictionary.nodeNames().map((name) => this.dictionary.nodeId(name)),
    });
    this.query = {
      ...this.stores(),
      tickIntervalMs: options.tickIntervalMs ?? DEFAULT_TICK_INTERVAL_MS,
    };
  }

  private stores() {
    return {
      dictionary: this.dictionary,
      raw: this.raw,
      chunks: this.chunks,
      progress: this.progress,
      retention: this.retention,
      latestMs: () => this.latestMs,
    };
  }

  /** Archives one snapshot in one transaction: a crash loses at most this tick. */
  recordSnapshot(snapshot: Snapshot): RecordResult {
    const atMs = Date.parse(snapshot.takenAt);
    const refusal = this.refusal(snapshot.deployment, atMs);
    if (refusal) return this.refuse(refusal);
    return this.write(() => {
      this.noteDeployment(snapshot.deployment);
      let samples = 0;
      let documents = 0;
      for (const [node, nodeSnapshot] of Object.entries(snapshot.nodes)) {
        const nodeId = this.dictionary.nodeId(node);
        samples += this.raw.write(node, atMs, nodeSamples(nodeSnapshot, this.memoryOf(node)));
        documents += this.documents.record(nodeId, atMs, nodeDocuments(nodeSnapshot));
        this.rewind(nodeId, atMs);
      }
      this.latestMs = Math.max(this.latestMs ?? atMs, atMs);
      return { ok: true, atMs, samples, documents };
    });
  }

  /** Archives samples without documents (imports, synthetic history), one transaction. */
  recordSamples(at: queries.TimeInput, nodes: Record<string, readonly Sample[]>): RecordResult {
    const atMs = queries.toMs(at);
    const refusal = this.refusal(null, atMs);
    if (refusal) return this.refuse(refusal);
    return this.write(() => {
      let samples = 0;
      for (const [node, nodeSamplesList] of Object.entries(nodes)) {
        samples += this.raw.write(node, atMs, nodeSamplesList);
        this.rewind(this.dictionary.nodeId(node), atMs);
      }
      this.latestMs = Math.max(this.latestMs ?? atMs, atMs);
      return { ok: true, atMs, samples, documents: 0 };
    });
  }

  /**
   * Stores rollup chunks as given, in one transaction: the way bundles bring history older
   * than the raw window (and the bench synthesizes it). `rolledUpUntilMs` then tells each
   * chunk's node that everything before it is rolled up at that tier.
   */
  recordRollups(chunks: Iterable<RollupChunk>, rolledUpUntilMs?: number): number {
    return this.write(() => {
      const rolled = new Set<string>();
      let written = 0;
      for (const chunk of chunks) {
        const tier = checkedChunkTier(chunk);
        const id = this.dictionary.seriesId(chunk.node, chunk.subject, chunk.metric);
        this.chunks.write(tier, id, chunk.startMs, chunk.buckets);
        rolled.add(`${tier.name}|${chunk.node}`);
        written++;
      }
      for (const key of rolledUpUntilMs === undefined ? [] : rolled) {
        const [tier, node] = key.split('|') as [RollupTierName, string];
        this.progress.set(tier, this.dictionary.nodeId(node), rolledUpUntilMs!);
      }
      return written;
    });
  }

  /** Records health changes since the last call as `health` (and `verdict`) events. */
  recordHealth(
    health: { nodes: FleetHealth; verdict: FleetVerdict | null },
    at: queries.TimeInput = Date.now(),
  ): number {
    const atMs = queries.toMs(at);
    return this.write(() => this.history.recordHealth(health.nodes, health.verdict, atMs));
  }

  recordEvent(event: NewEvent): number {
    return this.write(() => this.history.recordEvent(event));
  }

  /** Rolls up and deletes expired rows in batches until done or `budgetMs` is spent. */
  maintain(options: { budgetMs?: number } = {}): MaintenanceReport {
    this.assertWritable();
    try {
      return this.maintenance.run(options.budgetMs ?? 20);
    } catch (error) {
      this.progress.reload();
      throw error;
    }
  }

  trend(query: queries.TrendQuery): queries.Trend {
    return queries.trends(this.query, { ...query, series: [query.series] })[0]!;
  }

  /** Several series over one range, at one resolution (raw rows of a node are read once). */
  trends(query: queries.TrendsQuery): queries.Trend[] {
    return queries.trends(this.query, query);
  }

  topGrowth(query: queries.GrowthQuery): queries.Growth[] {
    return queries.topGrowth(this.query, query);
  }

  listSeries(filter: queries.SeriesFilter = {}): SeriesInfo[] {
    return queries.listSeries(this.dictionary, filter);
  }

  /** The first and last sample times held at any resolution; null when empty. */
  range(): { firstMs: number; lastMs: number } | null {
    const raw = this.db.prepare('SELECT MIN(at_ms) AS first, MAX(at_ms) AS last FROM raw_tick');
    const edges = raw.get() as { first: number | null; last: number | null };
    const firsts = [edges.first, ...rollupTiers.map((tier) => this.chunks.edgeMs(tier, 'first'))];
    const lasts = [edges.last, ...rollupTiers.map((tier) => this.chunks.edgeMs(tier, 'last'))];
    const known = (values: (number | null)[]) => values.filter((value) => value !== null);
    if (known(firsts).length === 0) return null;
    return { firstMs: Math.min(...known(firsts)), lastMs: Math.max(...known(lasts)) };
  }

  /** Every node's documents in effect at a moment: node -> kind -> document. */
  documentsAt(at: queries.TimeInput, node?: string): Record<string, Record<string, unknown>> {
    return this.history.documentsAt(queries.toMs(at), node);
  }

  documentVersions(query: {
    node: string;
    kind: string;
    from: queries.TimeInput;
    to: queries.TimeInput;
  }): DocumentVersion[] {
    const { node, kind } = query;
    return this.history.documentVersions(
      node,
      kind,
      queries.toMs(query.from),
      queries.toMs(query.to),
    );
  }

  events(query: {
    from: queries.TimeInput;
    to: queries.TimeInput;
    kind?: string;
    node?: string;
  }): ArchivedEvent[] {
    const fromMs = queries.toMs(query.from);
    return this.history.events({ ...query, fromMs, toMs: queries.toMs(query.to) });
  }

  /**
   * Each node's samples of its latest raw tick at or before a moment: node -> {atMs, samples}.
   * A node whose raw rows of that time are gone (older than the raw window) is absent.
   */
  samplesAt(at: queries.TimeInput, node?: string): Record<string, TickSamples> {
    const atMs = queries.toMs(at);
    const rows = this.db
      .prepare(
        'SELECT n.name AS node, t.node_id AS nodeId, MAX(t.at_ms) AS atMs FROM raw_tick t ' +
          'JOIN node n ON n.id = t.node_id WHERE t.at_ms <= ? AND (? IS NULL OR n.name = ?) ' +
          'GROUP BY t.node_id',
      )
      .all(atMs, node ?? null, node ?? null) as { node: string; nodeId: number; atMs: number }[];
    const result: Record<string, TickSamples> = {};
    for (const row of rows) {
      const samples: Sample[] = [];
      this.raw.read(row.nodeId, row.atMs, row.atMs + 1, null, (id, _atMs, value, nullKind) => {
        const info = this.dictionary.series(id);
        if (info) samples.push({ subject: info.subject, metric: info.metric, value, nullKind });
      });
      result[row.node] = { atMs: row.atMs, samples };
    }
    return result;
  }

  /** Findings whose life overlaps [from, to]: opened by `to`, not closed before `from`. */
  findings(query: { from: queries.TimeInput; to: queries.TimeInput }): ArchivedFinding[] {
    const rows = this.db
      .prepare(
        'SELECT f.id, f.rule, n.name AS node, f.subject, f.opened_ms AS openedMs, ' +
          'f.closed_ms AS closedMs, f.body FROM finding f LEFT JOIN node n ON n.id = f.node_id ' +
          'WHERE f.opened_ms <= ? AND (f.closed_ms IS NULL OR f.closed_ms >= ?) ORDER BY f.id',
      )
      .all(queries.toMs(query.to), queries.toMs(query.from)) as FindingRow[];
    return rows.map((row) => ({ ...row, body: JSON.parse(row.body) as unknown }));
  }

  /** The deployment of the first snapshot recorded; null while empty. */
  deploymentName(): string | null {
    return this.deployment;
  }

  nodeNames(): string[] {
    return this.dictionary.nodeNames().sort();
  }

  /**
   * The usual spacing of raw ticks (the median of the newest node's last 50), so an archive
   * opened later can size its trend buckets to how it was recorded; null with under 2 ticks.
   */
  rawTickSpacingMs(): number | null {
    const times = this.db
      .prepare(
        'SELECT at_ms FROM raw_tick WHERE node_id = (SELECT node_id FROM raw_tick ' +
          'ORDER BY at_ms DESC LIMIT 1) ORDER BY at_ms DESC LIMIT 51',
      )
      .pluck()
      .all() as number[];
    const gaps = times
      .slice(1)
      .map((atMs, index) => times[index]! - atMs)
      .sort((left, right) => left - right);
    return gaps.length === 0 ? null : gaps[Math.floor(gaps.length / 2)]!;
  }

  /** A value of the archive's `meta` table (`deployment`, an import's `fleet`); null if unset. */
  metaValue(key: string): string | null {
    return readMeta(this.db, key);
  }

  /** `PRAGMA integrity_check`: `['ok']` for a sound database. */
  integrityCheck(): string[] {
    const rows = this.db.pragma('integrity_check') as Record<string, unknown>[];
    return rows.map((row) => String(Object.values(row)[0]));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private refusal(deployment: string | null, atMs: number): string | null {
    if (this.readOnly) return `${this.file} is open read-only`;
    if (!Number.isFinite(atMs)) return 'the snapshot has no valid takenAt';
    if (deployment !== null && this.deployment !== null && deployment !== this.deployment) {
      return `this archive holds deployment ${this.deployment}, not ${deployment}`;
    }
    const windowStartMs = (this.latestMs ?? atMs) - this.retention.rawMs;
    if (alignDown(atMs, rollupTiers[0]!.chunkMs) < windowStartMs) {
      // TODO(#5): older history arrives through bundles, which carry their own rollups.
      return `a tick at ${new Date(atMs).toISOString()} is older than the raw window`;
    }
    return null;
  }

  private refuse(reason: string): RecordResult {
    this.log.warn({ reason }, 'snapshot not archived');
    return { ok: false, reason };
  }

  /** A late tick in a rolled-up hour makes that hour (and its six hours) roll up again. */
  private rewind(nodeId: number, atMs: number): void {
    for (const tier of rollupTiers) {
      const doneUntil = this.progress.get(tier.name, nodeId);
      if (doneUntil !== undefined && atMs < doneUntil) {
        this.progress.set(tier.name, nodeId, alignDown(atMs, tier.chunkMs));
      }
    }
  }

  private noteDeployment(deployment: string): void {
    if (this.deployment !== null) return;
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('deployment', deployment);
    this.deployment = deployment;
  }

  /** The series a node had at its latest stored tick, carried through its outages. */
  private memoryOf(node: string): SeriesMemory {
    const known = this.memories.get(node);
    if (known) return known;
    const memory: SeriesMemory = new Map();
    const nodeId = this.dictionary.knownNodeId(node);
    const layoutId = this.db
      .prepare('SELECT layout_id FROM raw_tick WHERE node_id = ? ORDER BY at_ms DESC LIMIT 1')
      .pluck()
      .get(nodeId ?? -1) as number | undefined;
    for (const seriesId of layoutId === undefined ? [] : this.dictionary.layout(layoutId)) {
      const info = this.dictionary.series(seriesId);
      const kind = info && subjectKindOf(info.subject);
      if (!info || !kind) continue;
      memory.set(kind, [
        ...(memory.get(kind) ?? []),
        { subject: info.subject, metric: info.metric },
      ]);
    }
    this.memories.set(node, memory);
    return memory;
  }

  private write<Result>(work: () => Result): Result {
    this.assertWritable();
    try {
      return this.db.transaction(work)();
    } catch (error) {
      // The transaction rolled back; caches may hold ids and states it never stored.
      this.dictionary.reload();
      this.documents.reset();
      this.history.reset();
      this.progress.reload();
      this.memories.clear();
      this.latestMs = this.db.prepare('SELECT MAX(at_ms) FROM raw_tick').pluck().get() as
        number | null;
      throw error;
    }
  }

  private assertWritable(): void {
    if (this.readOnly) throw new Error(`${this.file} is open read-only`);
  }
}

function openDatabase(
  file: string,
  readOnly: boolean,
): { db: Database.Database; applied: number[] } {
  const db = new Database(file, { readonly: readOnly, fileMustExist: readOnly });
  try {
    checkVersion(db, file, readOnly);
    let applied: number[] = [];
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a process crash loses nothing committed; power loss at most the
      // last transactions since the previous checkpoint.
      db.pragma('synchronous = NORMAL');
      applied = migrate(db, file);
    }
    db.pragma('foreign_keys = ON');
    return { db, applied };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Refuses, before changing anything, a file that is not an archive this app can read. */
function checkVersion(db: Database.Database, file: string, readOnly: boolean): void {
  let found: number;
  try {
    found = schemaVersion(db);
  } catch (error) {
    throw new Error(`${file} is not an archive: ${(error as Error).message}`, { cause: error });
  }
  if (found > SCHEMA_VERSION) throw new ArchiveVersionError(file, found, SCHEMA_VERSION);
  if (readOnly && found < SCHEMA_VERSION) {
    throw new Error(
      `${file} has schema version ${found}; open it once for writing to upgrade it to ` +
        `${SCHEMA_VERSION}`,
    );
  }
}

function checkedChunkTier(chunk: RollupChunk): RollupTier {
  const tier = rollupTiers.find((candidate) => candidate.name === chunk.tier);
  if (!tier) throw new RangeError(`no rollup tier ${chunk.tier}`);
  const slots = tier.chunkMs / tier.bucketMs;
  if (chunk.startMs % tier.chunkMs !== 0 || chunk.buckets.length > slots) {
    throw new RangeError(
      `not a ${tier.name} chunk: starts ${chunk.startMs}, ${chunk.buckets.length} buckets`,
    );
  }
  return tier;
}

function readMeta(db: Database.Database, key: string): string | null {
  const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
  return (value as string | undefined) ?? null;
}
