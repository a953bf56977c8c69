// Importing a file of snapshots (DESIGN.md section 4: one snapshot JSON object per line, oldest
// first) into an archive. Two streaming passes: the first checks every line (JSON, the snapshot
// schema, one deployment, times rising, the archive's deployment and raw window) and writes
// nothing; only a file found sound is recorded, tick by tick, in the second.
import Database from 'better-sqlite3';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseSnapshot, type Snapshot } from '../../../shared/snapshot';
import { Archive, ARCHIVE_FILE } from '../archive';
import { alignDown, defaultRetention, HOUR_MS } from '../tiers';
import { BundleError, MAX_RECORD_BYTES } from './format';
import { checkReadable } from './importer';
import type { ProgressListener } from './writer';

const PROGRESS_EVERY = 500;

export interface SnapshotImportSummary {
  file: string;
  directory: string;
  snapshots: number;
  bytes: number;
  deployment: string;
  firstMs: number;
  lastMs: number;
}

interface Line {
  number: number;
  snapshot: Snapshot;
}

export async function importSnapshots(
  file: string,
  archiveDirectory: string,
  onProgress: ProgressListener = () => {},
): Promise<SnapshotImportSummary> {
  await checkReadable(file);
  const position = { bytes: 0 };
  let found: Omit<SnapshotImportSummary, 'file' | 'directory' | 'bytes'> | null = null;
  for await (const { number, snapshot } of snapshotLines(file, position)) {
    found = checkOrder(file, found, number, snapshot);
    if (number % PROGRESS_EVERY === 0) {
      onProgress({ phase: 'check', done: found.snapshots, total: null, bytes: position.bytes });
    }
  }
  if (found === null) throw new BundleError(file, 'the file holds no snapshot');
  checkArchive(file, archiveDirectory, found);
  const archive = Archive.open({ directory: archiveDirectory });
  try {
    let done = 0;
    const written = { bytes: 0 };
    for await (const { number, snapshot } of snapshotLines(file, written)) {
      const result = archive.recordSnapshot(snapshot);
      if (!result.ok)
        throw new BundleError(file, `not archived: ${result.reason}`, { line: number });
      if (++done % PROGRESS_EVERY === 0 || done === found.snapshots) {
        const total = found.snapshots;
        onProgress({ phase: 'snapshot', done, total, bytes: written.bytes });
      }
    }
  } finally {
    archive.close();
  }
  onProgress({
    phase: 'done',
    done: found.snapshots,
    total: found.snapshots,
    bytes: position.bytes,
  });
  return { ...found, file, directory: archive.directory, bytes: position.bytes };
}

function checkOrder(
  file: string,
  found: Omit<SnapshotImportSummary, 'file' | 'directory' | 'bytes'> | null,
  number: number,
  snapshot: Snapshot,
): Omit<SnapshotImportSummary, 'file' | 'directory' | 'bytes'> {
  const atMs = Date.parse(snapshot.takenAt);
  if (found === null) {
    return { deployment: snapshot.deployment, snapshots: 1, firstMs: atMs, lastMs: atMs };
  }
  if (snapshot.deployment !== found.deployment) {
    const problem = `deployment ${snapshot.deployment}, but earlier lines are ${found.deployment}`;
    throw new BundleError(file, problem, { line: number });
  }
  if (atMs <= found.lastMs) {
    const previous = new Date(found.lastMs).toISOString();
    const problem =
      `takenAt ${snapshot.takenAt} is not after the line before (${previous}); ` +
      'a file of snapshots is oldest first';
    throw new BundleError(file, problem, { line: number });
  }
  return { ...found, snapshots: found.snapshots + 1, lastMs: atMs };
}

/** Refuses, before writing, what the archive would refuse tick by tick. */
function checkArchive(
  file: string,
  directory: string,
  found: { deployment: string; firstMs: number },
): void {
  const archiveFile = join(directory, ARCHIVE_FILE);
  if (!existsSync(archiveFile)) return;
  const db = new Database(archiveFile, { readonly: true, fileMustExist: true });
  let deployment: string | undefined;
  let latestMs: number | null;
  try {
    deployment = db.prepare("SELECT value FROM meta WHERE key = 'deployment'").pluck().get() as
      string | undefined;
    latestMs = db.prepare('SELECT MAX(at_ms) FROM raw_tick').pluck().get() as number | null;
  } finally {
    db.close();
  }
  if (deployment !== undefined && deployment !== found.deployment) {
    const problem = `holds deployment ${found.deployment}; the archive in ${directory} holds `;
    throw new BundleError(file, problem + deployment);
  }
  // TODO(#5): an archive opened with a longer raw window would take older ticks.
  const windowStartMs = (latestMs ?? found.firstMs) - defaultRetention.rawMs;
  if (latestMs !== null && alignDown(found.firstMs, HOUR_MS) < windowStartMs) {
    const first = new Date(found.firstMs).toISOString();
    const latest = new Date(latestMs).toISOString();
    const problem =
      `starts at ${first}, older than the raw window of the archive in ${directory} ` +
      `(its newest tick is ${latest}); import it into a new directory`;
    throw new BundleError(file, problem);
  }
}

/** The non-blank lines of the file, each parsed and checked against the snapshot schema. */
async function* snapshotLines(file: string, position: { bytes: number }): AsyncGenerator<Line> {
  let number = 0;
  for await (const line of textLines(file, position)) {
    number++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const problem =
        `not JSON (${(error as Error).message}); ` +
        'a file of snapshots holds one snapshot object per line';
      throw new BundleError(file, problem, { line: number });
    }
    const parsed = parseSnapshot(value);
    if (!parsed.ok) {
      const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
      throw new BundleError(file, `not a snapshot: ${parsed.problems[0]}${more}`, { line: number });
    }
    yield { number, snapshot: parsed.snapshot };
  }
}

/** Lines of a text file, read in slices; a line longer than MAX_RECORD_BYTES is refused. */
async function* textLines(file: string, position: { bytes: number }): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  for await (const chunk of createReadStream(file, {
    highWaterMark: 64 * 1024,
  }) as AsyncIterable<Buffer>) {
    position.bytes += chunk.length;
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline >= 0; newline = chunk.indexOf(0x0a, start)) {
      const line = Buffer.concat([...pending, chunk.subarray(start, newline)]);
      pending = [];
      pendingBytes = 0;
      number++;
      yield line.toString('utf8');
      start = newline + 1;
    }
    pending.push(chunk.subarray(start));
    pendingBytes += chunk.length - start;
    if (pendingBytes > MAX_RECORD_BYTES) {
      throw new BundleError(file, `a line longer than ${MAX_RECORD_BYTES} bytes`, {
        line: number + 1,
      });
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending).toString('utf8');
}
