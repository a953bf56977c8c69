// Writing a bundle: records come one at a time from the archive's cursors, are hashed and
// counted, batched into ~256 KiB strings, gzip-compressed and written through node streams with
// backpressure, so memory stays flat however large the range. The file appears under its name
// only once complete (written aside, then renamed); a failed export leaves nothing behind.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Archive } from '../archive';
import { SCHEMA_VERSION } from '../schema';
import { bundleFleetRecord, type BundleFleetRecord, type FleetInput } from './fleet';
import {
  BUNDLE_FORMAT_NAME,
  BUNDLE_FORMAT_VERSION,
  headerBytes,
  type BundleHeader,
  type BundleRecord,
} from './format';
import { ArchiveSource, type SourceRange } from './source';

/** `check` and `snapshot`: the two passes over a file of snapshots. */
export type BundlePhase =
  'prepare' | BundleRecord['type'] | 'check' | 'snapshot' | 'verify' | 'commit' | 'done';

/** Progress of an export or import: records done (of total when known) and file bytes. */
export interface BundleProgress {
  phase: BundlePhase;
  done: number;
  total: number | null;
  bytes: number;
}

export type ProgressListener = (progress: BundleProgress) => void;

export interface ExportOptions {
  fromMs: number;
  toMs: number;
  outFile: string;
  /** The fleet the archive was collected from; default the one an import stored in it. */
  fleet?: FleetInput;
}

export interface BundleSummary {
  file: string;
  header: BundleHeader;
  /** Records per type, the `end` record's counts. */
  counts: Record<string, number>;
  records: number;
  bytes: number;
}

const BATCH_CHARS = 256 * 1024;
const PROGRESS_EVERY = 5_000;

export async function exportBundle(
  archive: Archive,
  options: ExportOptions,
  onProgress: ProgressListener = () => {},
): Promise<BundleSummary> {
  const { fromMs, toMs, outFile } = options;
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) {
    throw new RangeError(`an export needs from < to (got ${fromMs} and ${toMs})`);
  }
  const source = new ArchiveSource(archive.file);
  const partial = `${outFile}.partial-${randomBytes(6).toString('hex')}`;
  try {
    onProgress({ phase: 'prepare', done: 0, total: null, bytes: 0 });
    const range = { fromMs, toMs };
    const total = Object.values(source.counts(range)).reduce((sum, value) => sum + value, 1);
    const fleet = options.fleet ? bundleFleetRecord(options.fleet) : storedFleet(source);
    const header = headerRecord(source, range, fleet);
    const state = new WriteState(total + (fleet ? 1 : 0), onProgress);
    const records = bundleRecords(source, range, header, fleet);
    await pipeline(
      Readable.from(batches(state.lines(records))),
      createGzip(),
      state.countBytes(),
      createWriteStream(partial, { flags: 'wx' }),
    );
    renameSync(partial, outFile);
    onProgress({ phase: 'done', done: state.records, total: state.records, bytes: state.bytes });
    return {
      file: outFile,
      header,
      counts: state.counts,
      records: state.records,
      bytes: state.bytes,
    };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

function headerRecord(
  source: ArchiveSource,
  range: SourceRange,
  fleet: BundleFleetRecord | null,
): BundleHeader {
  return {
    type: 'header',
    format: BUNDLE_FORMAT_NAME,
    version: BUNDLE_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    app: appVersion(),
    archiveSchema: SCHEMA_VERSION,
    deployment: source.meta('deployment') ?? fleet?.fleet.deployment ?? null,
    ...range,
  };
}

/** The app's version (not imported from the core, which would import the archive back). */
function appVersion(): string {
  try {
    const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
    return String((JSON.parse(text) as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** The fleet an earlier import stored in the archive (already redacted). */
function storedFleet(source: ArchiveSource): BundleFleetRecord | null {
  const text = source.meta('fleet');
  return text === null ? null : (JSON.parse(text) as BundleFleetRecord);
}

function* bundleRecords(
  source: ArchiveSource,
  range: SourceRange,
  header: BundleHeader,
  fleet: BundleFleetRecord | null,
): Generator<BundleRecord> {
  yield header;
  if (fleet) yield { type: 'fleet', ...fleet };
  yield* source.nodes();
  yield* source.series();
  yield* source.layouts();
  yield* source.documents(range);
  yield* source.versions(range);
  yield* source.raw(range);
  yield* source.chunks(range);
  yield* source.progress(range);
  yield* source.events(range);
  yield* source.findings(range);
  yield* source.audit(range);
}

/** Counts, hashes and reports the records on their way out, then appends the `end` record. */
class WriteState {
  records = 0;
  bytes = 0;
  readonly counts: Record<string, number> = {};
  private readonly hash = createHash('sha256');

  constructor(
    private readonly total: number,
    private readonly onProgress: ProgressListener,
  ) {}

  *lines(records: Iterable<BundleRecord>): Generator<string> {
    let phase: BundlePhase = 'prepare';
    for (const record of records) {
      const line = `${JSON.stringify(record)}\n`;
      this.hash.update(line);
      this.counts[record.type] = (this.counts[record.type] ?? 0) + 1;
      this.records++;
      if (record.type !== phase || this.records % PROGRESS_EVERY === 0) {
        phase = record.type;
        this.report(phase);
      }
      yield line;
    }
    const end = { type: 'end', records: this.records, counts: this.counts };
    yield `${JSON.stringify({ ...end, sha256: this.hash.digest('hex') })}\n`;
    this.report('end');
  }

  /** A pass-through that puts the 12 header bytes first and counts what reaches the file. */
  countBytes(): (compressed: AsyncIterable<Buffer>) => AsyncGenerator<Buffer> {
    return (compressed) => withHeaderBytes(compressed, (bytes) => (this.bytes += bytes));
  }

  private report(phase: BundlePhase): void {
    this.onProgress({ phase, done: this.records, total: this.total, bytes: this.bytes });
  }
}

async function* withHeaderBytes(
  compressed: AsyncIterable<Buffer>,
  onBytes: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  const header = headerBytes();
  onBytes(header.length);
  yield header;
  for await (const chunk of compressed) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/** Joins lines into strings of about BATCH_CHARS, so the stream moves few, larger chunks. */
function* batches(lines: Iterable<string>): Generator<string> {
  let batch = '';
  for (const line of lines) {
    batch += line;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = '';
    }
  }
  if (batch.length > 0) yield batch;
}
