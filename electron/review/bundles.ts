// Export and import of bundles on behalf of the core's requests (bundle.export, bundle.import):
// the paths a client names are checked first, an export never replaces a file, and an import
// always makes a new archive directory under the data folder (the bundle module refuses to
// import into one that holds anything).
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Archive, ArchiveQueryError } from '../archive';
import { toMs } from '../archive/query';
import {
  BundleError,
  exportBundle,
  importBundle,
  type BundleProgress,
  type ProgressListener,
} from '../archive/bundle';
import { dataDirectory } from '../log';
import { ReviewError } from './session';
import { iso } from './view';

export const IMPORTS_DIRECTORY = 'imports';

export interface ExportResult {
  path: string;
  bytes: number;
  records: number;
  fromAt: string;
  toAt: string;
}

export interface ImportResult {
  directory: string;
  bytes: number;
  records: number;
  range: { firstAt: string; lastAt: string } | null;
}

export type { BundleProgress };

/** Writes [from, to] of an archive to a new bundle at `path`. */
export async function exportRange(
  archive: Archive,
  query: { from: string; to: string; path: string },
  onProgress: ProgressListener,
): Promise<ExportResult> {
  const path = checkedNewFile(query.path);
  const fromMs = toMs(query.from);
  const toMsValue = toMs(query.to);
  if (fromMs >= toMsValue) throw new ArchiveQueryError('an export needs from < to');
  const summary = await bundleErrorsAsReview(() =>
    exportBundle(archive, { fromMs, toMs: toMsValue, outFile: path }, onProgress),
  );
  return {
    path,
    bytes: summary.bytes,
    records: summary.records,
    fromAt: iso(fromMs),
    toAt: iso(toMsValue),
  };
}

/** Checks a bundle and imports it into `<data>/imports/<name>-<time>`. */
export async function importToDataDirectory(
  path: string,
  onProgress: ProgressListener,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ImportResult> {
  const file = checkedExistingFile(path);
  const directory = importDirectory(file, env);
  const summary = await bundleErrorsAsReview(() => importBundle(file, directory, onProgress));
  const archive = Archive.open({ directory: summary.directory, readOnly: true });
  try {
    const range = archive.range();
    return {
      directory: summary.directory,
      bytes: summary.bytes,
      records: summary.records,
      range: range && { firstAt: iso(range.firstMs), lastAt: iso(range.lastMs) },
    };
  } finally {
    archive.close();
  }
}

/** A fresh directory name for an import: the bundle's name (safe characters only) and now. */
export function importDirectory(file: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = basename(file)
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 60);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(dataDirectory(env), IMPORTS_DIRECTORY, `${name || 'bundle'}-${stamp}`);
}

async function bundleErrorsAsReview<Result>(work: () => Promise<Result>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BundleError) throw new ReviewError(error.message, { cause: error });
    throw error;
  }
}

function checkedPath(path: string): string {
  if (path.includes('\0')) throw new ReviewError('the path contains a NUL character');
  if (!isAbsolute(path)) throw new ReviewError(`the path must be absolute, got '${path}'`);
  return path;
}

/** An absolute path that does not exist yet, in a directory that does. */
function checkedNewFile(path: string): string {
  checkedPath(path);
  if (exists(path)) throw new ReviewError(`${path} already exists; a bundle never replaces a file`);
  const parent = dirname(path);
  if (!exists(parent) || !statSync(parent).isDirectory()) {
    throw new ReviewError(`${parent} is not a directory`);
  }
  return path;
}

function checkedExistingFile(path: string): string {
  checkedPath(path);
  if (!exists(path)) throw new ReviewError(`${path} does not exist`);
  if (!statSync(path).isFile()) throw new ReviewError(`${path} is not a regular file`);
  return path;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
