// `control-room bench archive`: 30 days of the 03002 fleet in an archive, its size per day and
// the time of trend queries, against the same queries answered by scanning one row per sample
// (the obvious layout) in the same run.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Archive, rollupTiers } from '../archive';
import { addSample, emptyAggregate, type Aggregate } from '../archive/aggregate';
import { seriesModels, syntheticChunk, syntheticTick, syntheticValue } from '../archive/synthetic';
import type { SeriesModel } from '../archive/synthetic';
import { createDemoPlant } from '../demo';
import type { Snapshot } from '../../shared/snapshot';
import type { BenchOutput } from './collect';
import { formatTable, median, percentile } from './stats';
import { ratioToBaseline, type SummaryRow } from './summary';

const TICK_MS = 5_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DAYS = 30;
const RAW_HOURS = 48;
const DEMO_TICKS = 720; // one hour of the demo plant at the fast tick
const QUERY_RUNS = 20;
// Scanning 30 days of raw rows takes seconds; three runs keep the bench short.
const BASELINE_RUNS = 3;
const MB = 1_000_000;
const QUERIED_NODE = 'vk02';
const QUERIED_SERIES = 'vk02|container:visionking-visualizer|memoryBytes';

interface Timing {
  medianMs: number;
  p90Ms: number;
}

interface IngestFigures {
  tick: Timing;
  documentBytesPerDay: number;
  snapshot: Snapshot;
}

export async function benchArchive(output: BenchOutput): Promise<SummaryRow[]> {
  const directory = mkdtempSync(join(tmpdir(), 'control-room-bench-archive-'));
  try {
    const ingest = await measureIngest(join(directory, 'ingest'));
    const models = seriesModels(ingest.snapshot);
    const endMs = Math.floor(Date.parse(ingest.snapshot.takenAt) / DAY_MS) * DAY_MS;
    const archive = Archive.open({ directory: join(directory, 'main') });
    try {
      const filling = fillArchive(archive, models, endMs);
      const sizes = tierSizes(archive.file);
      const ours = measureQueries((query) => runOurs(archive, query), endMs, QUERY_RUNS);
      const baseline = measureBaseline(join(directory, 'baseline.sqlite'), models, endMs);
      const figures = { models, ingest, filling, sizes, ours, baseline };
      report(output, figures);
      return summaryRows(figures);
    } finally {
      archive.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// -- ingest of real demo snapshots ----------------------------------------------------------------

/** Archives an hour of the demo plant tick by tick: the cost per tick and documents per day. */
async function measureIngest(directory: string): Promise<IngestFigures> {
  const plant = createDemoPlant({ speed: 0 });
  const archive = Archive.open({ directory });
  const tickMs: number[] = [];
  let snapshot: Snapshot | undefined;
  try {
    for (let tick = 0; tick < DEMO_TICKS; tick++) {
      plant.clock.advance(TICK_MS);
      if (tick % 12 === 0) await plant.collector.collectOnce();
      else await plant.collector.fastTickAll();
      snapshot = plant.collector.snapshot();
      const startedMs = performance.now();
      archive.recordSnapshot(snapshot);
      tickMs.push(performance.now() - startedMs);
    }
    const documentBytes = bytesOf(archive.file, ['document', 'document_version']);
    const hours = (DEMO_TICKS * TICK_MS) / HOUR_MS;
    // The first ticks are the JIT warming up; the median is what a running app pays.
    const tick = timing(tickMs.slice(60));
    return { tick, documentBytesPerDay: (documentBytes / hours) * 24, snapshot: snapshot! };
  } finally {
    archive.close();
    await plant.collector.stop();
  }
}

// -- filling 30 days ------------------------------------------------------------------------------

interface Filling {
  rawTicks: number;
  rollupChunks: number;
  fillMs: number;
  maintenanceMs: number;
  maintenanceBatches: number;
  longestBatchMs: number;
}

/**
 * Rollups for the days before the raw window are written directly (synthesizing 28 days of raw
 * samples and rolling them up would take minutes); the last 48 h go in tick by tick as raw
 * samples and are rolled up by the archive's own maintenance.
 */
function fillArchive(archive: Archive, models: readonly SeriesModel[], endMs: number): Filling {
  const startMs = endMs - DAYS * DAY_MS;
  const rawStartMs = endMs - RAW_HOURS * HOUR_MS;
  const startedMs = performance.now();
  let rollupChunks = 0;
  for (const tier of [...rollupTiers].reverse()) {
    for (let chunkMs = startMs; chunkMs < rawStartMs; chunkMs += tier.chunkMs) {
      const chunks = models.map((model) => syntheticChunk(model, tier, chunkMs, startMs));
      rollupChunks += archive.recordRollups(chunks, chunkMs + tier.chunkMs);
    }
  }
  let rawTicks = 0;
  for (let atMs = rawStartMs; atMs <= endMs; atMs += TICK_MS, rawTicks++) {
    archive.recordSamples(atMs, syntheticTick(models, atMs, startMs));
  }
  const fillMs = performance.now() - startedMs;
  return { rawTicks, rollupChunks, fillMs, ...maintainUntilIdle(archive) };
}

function maintainUntilIdle(archive: Archive) {
  const startedMs = performance.now();
  let maintenanceBatches = 0;
  let longestBatchMs = 0;
  for (;;) {
    const slice = archive.maintain({ budgetMs: 50 });
    maintenanceBatches += slice.batches;
    longestBatchMs = Math.max(longestBatchMs, slice.longestBatchMs);
    if (slice.idle) break;
  }
  return { maintenanceMs: performance.now() - startedMs, maintenanceBatches, longestBatchMs };
}

// -- sizes ----------------------------------------------------------------------------------------

interface Sizes {
  rawBytes: number;
  minuteBytes: number;
  quarterHourBytes: number;
  totalBytes: number;
}

const tables = {
  raw: ['raw_tick', 'raw_tick_node_time'],
  minute: ['rollup_1m', 'rollup_1m_series_time', 'rollup_1m_time'],
  quarterHour: ['rollup_15m', 'rollup_15m_series_time', 'rollup_15m_time'],
};

function tierSizes(file: string): Sizes {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return {
      rawBytes: bytesIn(db, tables.raw),
      minuteBytes: bytesIn(db, tables.minute),
      quarterHourBytes: bytesIn(db, tables.quarterHour),
      totalBytes: pages * pageSize,
    };
  } finally {
    db.close();
  }
}

function bytesOf(file: string, names: readonly string[]): number {
  const db = new Database(file, { readonly: true });
  try {
    return bytesIn(db, [...names, ...names.map((name) => `sqlite_autoindex_${name}_1`)]);
  } finally {
    db.close();
  }
}

/** Pages that tables and indexes occupy, from SQLite's dbstat table. */
function bytesIn(db: Database.Database, names: readonly string[]): number {
  const placeholders = names.map(() => '?').join(', ');
  const sql = `SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN (${placeholders})`;
  return db
    .prepare(sql)
    .pluck()
    .get(...names) as number;
}

// -- queries --------------------------------------------------------------------------------------

type Query =
  { kind: 'one'; fromMs: number; toMs: number } | { kind: 'node'; fromMs: number; toMs: number };

interface QueryFigures {
  oneSeries30Days: Timing;
  nodeMemory30Days: Timing;
  oneSeries6Hours: Timing;
  nodeSeries: number;
}

function measureQueries(run: (query: Query) => number, endMs: number, runs: number): QueryFigures {
  const last = (spanMs: number) => ({ fromMs: endMs - spanMs, toMs: endMs });
  const time = (query: Query) => timeRuns(() => run(query), runs);
  const nodeSeries = run({ kind: 'node', ...last(HOUR_MS) });
  return {
    oneSeries30Days: time({ kind: 'one', ...last(DAYS * DAY_MS) }),
    nodeMemory30Days: time({ kind: 'node', ...last(DAYS * DAY_MS) }),
    oneSeries6Hours: time({ kind: 'one', ...last(6 * HOUR_MS) }),
    nodeSeries,
  };
}

function timeRuns(work: () => void, count: number): Timing {
  work(); // warm-up: statements prepared, pages cached, code compiled
  const runs: number[] = [];
  for (let run = 0; run < count; run++) {
    const startedMs = performance.now();
    work();
    runs.push(performance.now() - startedMs);
  }
  return timing(runs);
}

/** Our trend queries; returns how many series were answered. */
function runOurs(archive: Archive, query: Query): number {
  const range = { from: query.fromMs, to: query.toMs, points: 600 };
  if (query.kind === 'one') return archive.trends({ ...range, series: [QUERIED_SERIES] }).length;
  const series = archive.listSeries({
    node: QUERIED_NODE,
    kind: 'container',
    metric: 'memoryBytes',
  });
  return archive.trends({ ...range, series: series.map((info) => info.id) }).length;
}

// -- baseline: one row per sample -----------------------------------------------------------------

interface BaselineFigures {
  queries: QueryFigures;
  bytesPerSample: number;
  tick: Timing;
  fillMs: number;
}

/**
 * The same 30 days of the queried node's container memory, one row per series per tick, with
 * the trend computed by SQLite scanning the rows (GROUP BY bucket). Rows are inserted series by
 * series, the most compact order; a live archive would interleave them.
 */
function measureBaseline(
  file: string,
  models: readonly SeriesModel[],
  endMs: number,
): BaselineFigures {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(
      'CREATE TABLE sample (series_id INTEGER NOT NULL, at_ms INTEGER NOT NULL, value REAL, ' +
        'null_kind INTEGER, PRIMARY KEY (series_id, at_ms)) WITHOUT ROWID',
    );
    const queried = models.filter(
      (model) =>
        model.node === QUERIED_NODE &&
        model.subject.startsWith('container:') &&
        model.metric === 'memoryBytes',
    );
    const startedMs = performance.now();
    const rows = fillBaseline(db, queried, endMs);
    const fillMs = performance.now() - startedMs;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytesPerSample = bytesIn(db, ['sample']) / rows;
    const queryIndex = queried.findIndex(
      (model) => `${model.node}|${model.subject}|${model.metric}` === QUERIED_SERIES,
    );
    const queries = measureQueries(
      (query) => scanBaseline(db, query, queryIndex, queried.length),
      endMs,
      BASELINE_RUNS,
    );
    return { queries, bytesPerSample, tick: baselineTick(db, models, endMs), fillMs };
  } finally {
    db.close();
  }
}

function fillBaseline(db: Database.Database, models: readonly SeriesModel[], endMs: number) {
  const insert = db.prepare('INSERT INTO sample VALUES (?, ?, ?, ?)');
  const startMs = endMs - DAYS * DAY_MS;
  let rows = 0;
  models.forEach((model, seriesId) => {
    db.transaction(() => {
      for (let atMs = startMs; atMs <= endMs; atMs += TICK_MS, rows++) {
        const value = syntheticValue(model, atMs, startMs);
        insert.run(seriesId, atMs, value, value === null ? 1 : null);
      }
    })();
  });
  return rows;
}

/**
 * The trend by scanning the raw rows in key order and bucketing them as they come: 600 buckets
 * of min / max / sum / count / nulls per series. (SQLite's own GROUP BY over a bucket
 * expression sorts every row first and is slower still.)
 */
function scanBaseline(db: Database.Database, query: Query, seriesId: number, nodeSeries: number) {
  const widthMs = Math.ceil((query.toMs - query.fromMs) / 600 / TICK_MS) * TICK_MS;
  const ids = query.kind === 'one' ? [seriesId] : [...Array(nodeSeries).keys()];
  const sql =
    'SELECT series_id, at_ms, value FROM sample ' +
    `WHERE series_id IN (${ids.join(', ')}) AND at_ms >= ? AND at_ms <= ?`;
  const buckets = new Map<number, Aggregate>();
  const rows = db.prepare(sql).raw(true).iterate(query.fromMs, query.toMs);
  for (const [id, atMs, value] of rows as Iterable<[number, number, number | null]>) {
    const key = id * 1_000 + Math.floor((atMs - query.fromMs) / widthMs);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = emptyAggregate()));
    addSample(bucket, value, value === null ? 'unknown' : null);
  }
  return ids.length;
}

/** Ingest in the row-per-sample layout: every series of the fleet as one row each, per tick. */
function baselineTick(db: Database.Database, models: readonly SeriesModel[], endMs: number) {
  db.exec(
    'CREATE TABLE live (series_id INTEGER NOT NULL, at_ms INTEGER NOT NULL, value REAL, ' +
      'null_kind INTEGER, PRIMARY KEY (series_id, at_ms)) WITHOUT ROWID',
  );
  const insert = db.prepare('INSERT INTO live VALUES (?, ?, ?, ?)');
  const tickMs: number[] = [];
  for (let tick = 0; tick < DEMO_TICKS; tick++) {
    const atMs = endMs + tick * TICK_MS;
    const startedMs = performance.now();
    db.transaction(() => {
      models.forEach((model, seriesId) => {
        const value = syntheticValue(model, atMs, endMs);
        insert.run(seriesId, atMs, value, value === null ? 1 : null);
      });
    })();
    tickMs.push(performance.now() - startedMs);
  }
  return timing(tickMs.slice(60));
}

// -- report ---------------------------------------------------------------------------------------

interface Figures {
  models: readonly SeriesModel[];
  ingest: IngestFigures;
  filling: Filling;
  sizes: Sizes;
  ours: QueryFigures;
  baseline: BaselineFigures;
}

function report(output: BenchOutput, figures: Figures): void {
  const { models, filling } = figures;
  const nodes = new Set(models.map((model) => model.node)).size;
  output.out(
    `bench archive: ${DAYS} days of the 03002 fleet (${models.length} series on ${nodes} nodes) ` +
      `at the ${TICK_MS / 1000} s fast tick`,
  );
  output.out(
    `  how: the series set and values of one demo-plant snapshot, carried over ${DAYS} days ` +
      'with values of the same shape and precision (synthetic, not the engine). The last ' +
      `${RAW_HOURS} h are ${filling.rawTicks} raw ticks written through recordSamples and ` +
      `rolled up by maintain(); the ${DAYS - RAW_HOURS / 24} days before are ` +
      `${filling.rollupChunks} 1 min and 15 min rollup chunks written directly. Documents are ` +
      `measured on ${DEMO_TICKS} real demo ticks (1 h) and scaled to a day.`,
  );
  reportDisk(output, figures);
  reportQueries(output, figures);
  reportIngest(output, figures);
}

function reportDisk(output: BenchOutput, { sizes, ingest, baseline, models }: Figures): void {
  const rawPerDay = sizes.rawBytes / (RAW_HOURS / 24);
  const minutePerDay = sizes.minuteBytes / DAYS;
  const quarterPerDay = sizes.quarterHourBytes / DAYS;
  const documentsPerDay = ingest.documentBytesPerDay;
  const historyPerDay = sizes.totalBytes / DAYS + documentsPerDay;
  const youngDay = rawPerDay + minutePerDay + quarterPerDay + documentsPerDay;
  const naivePerDay = baseline.bytesPerSample * models.length * (DAY_MS / TICK_MS);
  const mb = (bytes: number) => (bytes / MB).toFixed(1);
  output.out('');
  output.out(
    formatTable(
      ['on disk', 'kept', 'MB held', 'MB per day'],
      [
        [
          'raw samples (one row per node per tick)',
          `${RAW_HOURS} h`,
          mb(sizes.rawBytes),
          mb(rawPerDay),
        ],
        ['1 min rollups', '30 days', mb(sizes.minuteBytes), mb(minutePerDay)],
        ['15 min rollups', '1 year', mb(sizes.quarterHourBytes), mb(quarterPerDay)],
        ['documents (demo plant, 1 h x 24)', '1 year', '-', mb(documentsPerDay)],
      ],
    ),
  );
  output.out(
    `bytes per day on disk: ${mb(historyPerDay)} MB (the ${DAYS}-day archive, ` +
      `${mb(sizes.totalBytes)} MB, over ${DAYS} days, plus documents; target <= 50 MB); ` +
      `a day still held at every resolution: ${mb(youngDay)} MB`,
  );
  output.out(
    `baseline: one row per series per tick takes ${baseline.bytesPerSample.toFixed(1)} ` +
      `bytes a sample, ${mb(naivePerDay)} MB a day of raw samples for ${models.length} series ` +
      `(${(naivePerDay / rawPerDay).toFixed(1)}x ours)`,
  );
}

function reportQueries(output: BenchOutput, { ours, baseline }: Figures): void {
  const row = (label: string, pick: (figures: QueryFigures) => Timing) => {
    const mine = pick(ours);
    const theirs = pick(baseline.queries);
    return [
      label,
      mine.medianMs.toFixed(2),
      mine.p90Ms.toFixed(2),
      theirs.medianMs.toFixed(1),
      ratio(theirs.medianMs / mine.medianMs),
    ];
  };
  output.out('');
  output.out(
    formatTable(
      ['trend query, 600 points', 'ms median', 'ms p90', 'baseline ms', 'speed-up'],
      [
        row(`one series, 30 days (target <= 20 ms)`, (figures) => figures.oneSeries30Days),
        row(
          `${ours.nodeSeries} container-memory series of ${QUERIED_NODE}, 30 days`,
          (figures) => figures.nodeMemory30Days,
        ),
        row('one series, 6 h (from raw samples)', (figures) => figures.oneSeries6Hours),
      ],
    ),
  );
  output.out(
    `baseline: the same buckets from a scan of one row per sample (${QUERIED_NODE}'s ` +
      `container memory, ${DAYS} days at 5 s, filled in ${(baseline.fillMs / 1000).toFixed(1)} ` +
      `s); medians of ${QUERY_RUNS} runs (baseline ${BASELINE_RUNS}) after one warm-up`,
  );
}

/** A ratio readable at any size: 482x, 4.5x, 0.23x (ours slower). */
function ratio(value: number): string {
  return `${value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2)}x`;
}

function reportIngest(output: BenchOutput, { ingest, baseline, filling, models }: Figures): void {
  output.out('');
  output.out(
    formatTable(
      ['ingest', 'ms median', 'ms p90'],
      [
        [
          'recordSnapshot, one demo tick (samples + documents)',
          ingest.tick.medianMs.toFixed(2),
          ingest.tick.p90Ms.toFixed(2),
        ],
        [
          `baseline: ${models.length} rows per tick, one per sample`,
          baseline.tick.medianMs.toFixed(2),
          baseline.tick.p90Ms.toFixed(2),
        ],
      ],
    ),
  );
  output.out(
    `maintenance: rolled ${RAW_HOURS} h of raw samples up in ` +
      `${(filling.maintenanceMs / 1000).toFixed(1)} s, ${filling.maintenanceBatches} batches, ` +
      `longest ${filling.longestBatchMs.toFixed(1)} ms (a tick waits at most that long); ` +
      `filling took ${(filling.fillMs / 1000).toFixed(1)} s`,
  );
}

/** The key figures for the summary table of `control-room bench`. */
function summaryRows({ sizes, ingest, baseline, models, ours }: Figures): SummaryRow[] {
  const perDay = (sizes.totalBytes / DAYS + ingest.documentBytesPerDay) / MB;
  const naivePerDay = (baseline.bytesPerSample * models.length * (DAY_MS / TICK_MS)) / MB;
  const query = ours.oneSeries30Days.medianMs;
  const baselineQuery = baseline.queries.oneSeries30Days.medianMs;
  const tick = ingest.tick.medianMs;
  return [
    {
      figure: 'archive bytes per day (03002 fleet)',
      value: perDay,
      unit: 'MB',
      target: { op: '<=', value: 50 },
      baseline: naivePerDay,
      ratio: ratioToBaseline(perDay, naivePerDay, 'lower'),
      note: 'baseline: raw rows only, one per sample',
    },
    {
      figure: 'trend query, one series, 30 days',
      value: query,
      unit: 'ms',
      target: { op: '<=', value: 20 },
      baseline: baselineQuery,
      ratio: ratioToBaseline(query, baselineQuery, 'lower'),
      note: 'baseline: scan of one row per sample',
    },
    {
      figure: 'recordSnapshot, one demo tick',
      value: tick,
      unit: 'ms',
      target: null,
      baseline: baseline.tick.medianMs,
      ratio: ratioToBaseline(tick, baseline.tick.medianMs, 'lower'),
    },
  ];
}

function timing(values: readonly number[]): Timing {
  return { medianMs: median(values), p90Ms: percentile(values, 90) };
}

/** The entry of `control-room bench archive` in the benchmarks table. */
export const archiveBenchmark = {
  summary: '30 days of the 03002 fleet: bytes per day, trend queries vs scanning raw rows',
  run: benchArchive,
};
