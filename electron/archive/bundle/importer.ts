// Importing a bundle: into a staging directory next to the target, which becomes the target by
// one rename once every record was read, the end record's counts and checksum agreed and
// SQLite's integrity check passed. On any problem the staging directory is removed and the
// target is exactly as it was (absent, or empty).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Archive, ARCHIVE_FILE } from '../archive';
import type { BundleFleetRecord } from './fleet';
import { BundleError, type BundleHeader } from './format';
import { checkBundleHeader, readBundle, type ReadPosition } from './reader';
import { ArchiveSink, RecordProblem } from './sink';
import type { BundleSummary, ProgressListener } from './writer';

const PROGRESS_EVERY = 5_000;

export interface ImportSummary extends BundleSummary {
  /** The archive directory the bundle became. */
  directory: string;
  fleet: BundleFleetRecord | null;
}

export async function importBundle(
  file: string,
  archiveDirectory: string,
  onProgress: ProgressListener = () => {},
): Promise<ImportSummary> {
  const directory = resolve(archiveDirectory);
  checkTarget(directory);
  await checkReadable(file);
  await checkBundleHeader(file);
  onProgress({ phase: 'prepare', done: 0, total: null, bytes: 0 });
  // Parents made here go again if the import fails: a refused import leaves nothing behind.
  const madeParent = mkdirSync(dirname(directory), { recursive: true });
  const staging = mkdtempSync(join(dirname(directory), `.${basename(directory)}.import-`));
  try {
    Archive.open({ directory: staging }).close();
    const found = await fill(file, join(staging, ARCHIVE_FILE), onProgress);
    onProgress({ phase: 'verify', done: found.records, total: found.records, bytes: found.bytes });
    verify(file, staging);
    onProgress({ phase: 'commit', done: found.records, total: found.records, bytes: found.bytes });
    commit(staging, directory);
    onProgress({ phase: 'done', done: found.records, total: found.records, bytes: found.bytes });
    return { ...found, file, directory };
  } catch (error) {
    rmSync(madeParent ?? staging, { recursive: true, force: true });
    throw error;
  }
}

/** A bundle goes into a new archive: the target must not exist, or be an empty directory. */
export function checkTarget(directory: string): void {
  if (!existsSync(directory)) return;
  if (!statSync(directory).isDirectory()) {
    throw new BundleError(directory, 'the target exists and is not a directory');
  }
  if (readdirSync(directory).length > 0) {
    throw new BundleError(
      directory,
      'the target directory is not empty; a bundle is imported into a new archive directory',
    );
  }
}

export async function checkReadable(file: string): Promise<void> {
  try {
    if (!statSync(file).isFile()) throw new BundleError(file, 'not a file');
  } catch (error) {
    if (error instanceof BundleError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new BundleError(file, code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
}

async function fill(
  file: string,
  archiveFile: string,
  onProgress: ProgressListener,
): Promise<Omit<ImportSummary, 'file' | 'directory'>> {
  const sink = new ArchiveSink(archiveFile);
  const position: ReadPosition = { bytes: 0 };
  const counts: Record<string, number> = {};
  let header: BundleHeader | null = null;
  let fleet: BundleFleetRecord | null = null;
  let records = 0;
  try {
    for await (const { record, number } of readBundle(file, position)) {
      applyRecord(sink, file, record, number, position);
      if (record.type === 'header') header = record;
      if (record.type === 'fleet') fleet = { summary: record.summary, fleet: record.fleet };
      if (record.type === 'end') continue;
      records = number;
      counts[record.type] = (counts[record.type] ?? 0) + 1;
      if (counts[record.type] === 1 || number % PROGRESS_EVERY === 0) {
        onProgress({ phase: record.type, done: number, total: null, bytes: position.bytes });
      }
    }
    sink.finish();
  } finally {
    sink.close();
  }
  return { header: header!, fleet, counts, records, bytes: position.bytes };
}

function applyRecord(
  sink: ArchiveSink,
  file: string,
  record: Parameters<ArchiveSink['apply']>[0],
  number: number,
  position: ReadPosition,
): void {
  try {
    sink.apply(record);
  } catch (error) {
    const reason =
      error instanceof RecordProblem
        ? error.message
        : `cannot store it: ${(error as Error).message}`;
    throw new BundleError(file, `bad ${record.type} record: ${reason}`, {
      record: number,
      beforeByte: position.bytes,
    });
  }
}

function verify(file: string, staging: string): void {
  const archive = Archive.open({ directory: staging, readOnly: true });
  try {
    const problems = archive.integrityCheck();
    if (problems.join() !== 'ok') {
      throw new BundleError(file, `the imported archive fails SQLite's check: ${problems[0]}`);
    }
  } finally {
    archive.close();
  }
}

function commit(staging: string, directory: string): void {
  if (existsSync(directory)) rmdirSync(directory); // empty: checked before
  renameSync(staging, directory);
}
