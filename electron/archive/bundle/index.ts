// Bundles: one file holding a time range of an archive (docs/bundle-format.md). Export, import
// (of a bundle or of a file of snapshots), and opening a bundle read-only for review.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Archive } from '../archive';
import type { BundleFleetRecord } from './fleet';
import { BUNDLE_MAGIC, BundleError, type BundleHeader } from './format';
import { checkReadable, importBundle, type ImportSummary } from './importer';
import { describeForeign, readFirstBytes } from './reader';
import { importSnapshots, type SnapshotImportSummary } from './snapshots';
import type { ProgressListener } from './writer';

export { bundleFleetRecord, redactFleet, type BundleFleet, type BundleFleetRecord } from './fleet';
export type { FleetInput } from './fleet';
export {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_MAGIC,
  BundleError,
  HEADER_BYTES,
  type BundleHeader,
  type BundleRecord,
} from './format';
export { checkTarget, importBundle, type ImportSummary } from './importer';
export { readBundle, type ReadRecord } from './reader';
export { importSnapshots, type SnapshotImportSummary } from './snapshots';
export {
  exportBundle,
  type BundlePhase,
  type BundleProgress,
  type BundleSummary,
  type ExportOptions,
  type ProgressListener,
} from './writer';

export type FileKind = 'bundle' | 'snapshots';

/** A bundle (by its magic) or a file of snapshots (JSON text); anything else is refused. */
export async function detectFileKind(file: string): Promise<FileKind> {
  await checkReadable(file);
  const first = await readFirstBytes(file, 64);
  if (first.length >= 4 && first.subarray(0, 4).equals(BUNDLE_MAGIC.subarray(0, 4))) {
    return 'bundle';
  }
  const text = first
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{')) return 'snapshots';
  throw new BundleError(
    file,
    `neither a bundle nor a file of snapshots (one snapshot JSON object per line): ` +
      describeForeign(first),
    { byte: 0 },
  );
}

export type ImportResult =
  ({ kind: 'bundle' } & ImportSummary) | ({ kind: 'snapshots' } & SnapshotImportSummary);

/** `control-room import FILE --archive DIR`: a bundle or a file of snapshots. */
export async function importFile(
  file: string,
  archiveDirectory: string,
  onProgress?: ProgressListener,
): Promise<ImportResult> {
  const kind = await detectFileKind(file);
  if (kind === 'bundle') {
    return { kind, ...(await importBundle(file, archiveDirectory, onProgress)) };
  }
  return { kind, ...(await importSnapshots(file, archiveDirectory, onProgress)) };
}

export interface ReviewBundle {
  /** Opened read-only: every write is refused. */
  archive: Archive;
  /** The temporary archive directory the bundle was imported into. */
  directory: string;
  header: BundleHeader;
  /** The bundle's fleet (secrets removed), or null when it has none. */
  fleet: BundleFleetRecord | null;
  /** Closes the archive and removes the temporary directory. */
  close(): void;
}

/** Imports a bundle into a temporary directory and opens it read-only. */
export async function openBundleForReview(
  file: string,
  onProgress?: ProgressListener,
): Promise<ReviewBundle> {
  const root = mkdtempSync(join(tmpdir(), 'control-room-review-'));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    const imported = await importBundle(file, join(root, 'archive'), onProgress);
    const archive = Archive.open({ directory: imported.directory, readOnly: true });
    return {
      archive,
      directory: imported.directory,
      header: imported.header,
      fleet: imported.fleet,
      close() {
        archive.close();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}
