// An offline review: an archive directory (or a bundle, unpacked into one) opened read-only, and
// a cursor moved through its time. Every question is answered as of the cursor. A session holds
// no collector and no action runner, and its archive refuses every write: there is nothing in it
// that could touch a plant.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Archive, ARCHIVE_FILE, ArchiveQueryError, DEFAULT_TICK_INTERVAL_MS } from '../archive';
import { BundleError, openBundleForReview, type ReviewBundle } from '../archive/bundle';
import type { Growth, GrowthQuery, SeriesFilter, Trend, TrendsQuery } from '../archive';
import { toMs } from '../archive/query';
import type { SeriesInfo } from '../archive';
import { createLogger } from '../log';
import {
  reviewFleetSchema,
  type MomentDiff,
  type ReviewFleet,
} from '../../shared/api/requests-review';
import { splitSnapshot, type SnapshotNodePart } from '../../shared/api/requests-snapshot';
import type { Snapshot } from '../../shared/snapshot';
import { compareMoments } from './diff';
import { iso, snapshotAt, viewAt, type RebuiltView } from './view';

/** Bad input to a review: a path that is not there, not an archive, a moment outside it. */
export class ReviewError extends Error {
  override readonly name = 'ReviewError';
}

/** The archive methods a review may use: reading only. */
export type ReadOnlyArchive = Pick<
  Archive,
  | 'trends'
  | 'topGrowth'
  | 'listSeries'
  | 'range'
  | 'documentsAt'
  | 'documentVersions'
  | 'events'
  | 'samplesAt'
  | 'findings'
  | 'deploymentName'
  | 'nodeNames'
  | 'metaValue'
  | 'readOnly'
  | 'file'
>;

/** What a session reads: an archive opened read-only, and how to let go of it. */
export interface ReviewSource {
  kind: 'archive' | 'bundle';
  path: string;
  archive: Archive;
  /** The fleet the source names (a bundle's fleet record, secrets removed), if any. */
  fleet?: ReviewFleet | null;
  /** Closes the archive (and removes a bundle's temporary copy). */
  close(): void | Promise<void>;
}

export interface ReviewProgress {
  phase: string;
  doneBytes: number | null;
  totalBytes: number | null;
}

export interface OpenReviewOptions {
  onProgress?: (progress: ReviewProgress) => void;
}

const log = createLogger('review');

/** Opens an archive directory, or a bundle file (imported into a temporary archive), for review. */
export async function openReview(
  path: string,
  options: OpenReviewOptions = {},
): Promise<ReviewSession> {
  const kind = checkedPathKind(path);
  if (kind === 'file') return new ReviewSession(await openBundleSource(path, options));
  options.onProgress?.({ phase: 'opening archive', doneBytes: null, totalBytes: null });
  return new ReviewSession(openArchiveDirectory(path));
}

/** A bundle as a review source: checked and imported into a temporary directory, read-only. */
async function openBundleSource(file: string, options: OpenReviewOptions): Promise<ReviewSource> {
  const totalBytes = statSync(file).size;
  let bundle: ReviewBundle;
  try {
    bundle = await openBundleForReview(file, (progress) =>
      options.onProgress?.({ phase: progress.phase, doneBytes: progress.bytes, totalBytes }),
    );
  } catch (error) {
    if (error instanceof BundleError) throw new ReviewError(error.message, { cause: error });
    throw error;
  }
  const summary = bundle.fleet?.summary;
  // The temporary copy goes when the session closes, or at the latest when the process ends.
  const removeCopy = () => bundle.close();
  process.once('exit', removeCopy);
  let archive: Archive;
  try {
    archive = openSized(bundle.directory, bundle.archive);
  } catch (error) {
    process.off('exit', removeCopy);
    removeCopy();
    throw error;
  }
  return {
    kind: 'bundle',
    path: file,
    archive,
    fleet: summary ? { deployment: summary.deployment, nodes: summary.nodes } : null,
    close() {
      process.off('exit', removeCopy);
      if (archive !== bundle.archive) archive.close();
      removeCopy();
    },
  };
}

/**
 * The archive again, sized to how it was recorded: trend buckets of the raw tier are one tick
 * wide, and a demo archive's ticks are minutes of plant time apart, not the default 5 s.
 */
function openSized(directory: string, opened: Archive): Archive {
  const tickIntervalMs = opened.rawTickSpacingMs();
  if (tickIntervalMs === null || tickIntervalMs === DEFAULT_TICK_INTERVAL_MS) return opened;
  return Archive.open({ directory, readOnly: true, tickIntervalMs });
}

/** An archive directory as a review source: its database opened read-only. */
export function openArchiveDirectory(directory: string): ReviewSource {
  const file = join(directory, ARCHIVE_FILE);
  if (!isRegularFile(file)) {
    throw new ReviewError(`${directory} is not an archive directory: it has no ${ARCHIVE_FILE}`);
  }
  let archive: Archive;
  try {
    const first = Archive.open({ directory, readOnly: true });
    archive = openSized(directory, first);
    if (archive !== first) first.close();
  } catch (error) {
    throw new ReviewError(`cannot review ${directory}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { kind: 'archive', path: directory, archive, close: () => archive.close() };
}

/** `directory` or `file`; anything else (missing, relative, a device) is refused. */
function checkedPathKind(path: string): 'directory' | 'file' {
  if (path.includes('\0')) throw new ReviewError('the path contains a NUL character');
  if (!isAbsolute(path)) throw new ReviewError(`the path must be absolute, got '${path}'`);
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ReviewError(`cannot open ${path}: ${code === 'ENOENT' ? 'it does not exist' : code}`);
  }
  if (stats.isDirectory()) return 'directory';
  if (stats.isFile()) return 'file';
  throw new ReviewError(`${path} is neither a regular file nor a directory`);
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export class ReviewSession {
  readonly id = randomUUID();
  readonly kind: ReviewSource['kind'];
  readonly path: string;
  /** What the session holds, fixed when it opened. */
  readonly range: { firstMs: number; lastMs: number } | null;
  private cursor: number;
  private closed = false;
  /** The moment last rebuilt and its snapshot, for `nodePart`. */
  private rebuilt: { atMs: number; snapshot: Snapshot | null } | null = null;

  constructor(private readonly source: ReviewSource) {
    if (!source.archive.readOnly) throw new ReviewError('a review needs a read-only archive');
    this.kind = source.kind;
    this.path = source.path;
    this.range = source.archive.range();
    this.cursor = this.range?.lastMs ?? 0;
    log.info({ path: this.path, kind: this.kind, range: this.range }, 'review opened');
  }

  /** The archive, for reading only (its database handle is read-only too). */
  get archive(): ReadOnlyArchive {
    this.assertOpen();
    return this.source.archive;
  }

  get cursorMs(): number {
    return this.cursor;
  }

  /** Moves the cursor to a moment inside the range and answers as of then. */
  seek(at: string | number | Date): RebuiltView {
    this.cursor = this.checkedMoment(at, 'at');
    return this.view();
  }

  view(): RebuiltView {
    const view = viewAt(this.archive as Archive, this.cursor);
    this.rebuilt = { atMs: this.cursor, snapshot: view.snapshot };
    return view;
  }

  /**
   * One node of the fleet as of a moment (`review.node`). The moment last rebuilt is kept, so a
   * client asking each node of the moment it sought does not rebuild the fleet once per node.
   */
  nodePart(at: string | number | Date, node: string): SnapshotNodePart {
    const atMs = this.checkedMoment(at, 'at');
    if (this.rebuilt?.atMs !== atMs) {
      this.rebuilt = { atMs, snapshot: snapshotAt(this.archive as Archive, atMs).snapshot };
    }
    const snapshot = this.rebuilt.snapshot;
    if (!snapshot) throw new ReviewError(`the review holds nothing at or before ${iso(atMs)}`);
    const part = splitSnapshot(snapshot).parts.find((candidate) => candidate.node === node);
    if (!part) throw new ReviewError(`the fleet at ${iso(atMs)} has no node '${node}'`);
    return part;
  }

  diff(from: string | number | Date, to: string | number | Date): MomentDiff {
    const fromMs = this.checkedMoment(from, 'from');
    const toMsValue = this.checkedMoment(to, 'to');
    if (toMsValue < fromMs) throw new ReviewError('a comparison needs from <= to');
    return compareMoments(this.archive as Archive, fromMs, toMsValue);
  }

  /** The range as of the cursor: from the first moment held to the cursor. */
  rangeAsOfCursor(): { firstMs: number; lastMs: number } | null {
    if (!this.range) return null;
    return { firstMs: this.range.firstMs, lastMs: Math.min(this.range.lastMs, this.cursor) };
  }

  /** Trends that end at the cursor at the latest (see docs/review.md on bucket edges). */
  trends(query: TrendsQuery): Trend[] {
    return this.archive.trends({ ...query, to: this.clipped(query.from, query.to) });
  }

  topGrowth(query: GrowthQuery): Growth[] {
    return this.archive.topGrowth({ ...query, to: this.clipped(query.from, query.to) });
  }

  listSeries(filter: SeriesFilter = {}): SeriesInfo[] {
    return this.archive.listSeries(filter);
  }

  /**
   * The fleet: the bundle's fleet record, else the one an import stored, else the one the live
   * core noted (a `fleet` event), else the node names alone.
   */
  fleet(): ReviewFleet {
    const archive = this.archive;
    const known = this.source.fleet ?? storedFleet(archive) ?? notedFleet(archive, this.range);
    if (known) return known;
    const nodes = archive.nodeNames().map((id) => ({ id, role: null, host: null }));
    return { deployment: archive.deploymentName(), nodes };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.source.close();
    log.info({ path: this.path }, 'review closed');
  }

  private clipped(from: string | number | Date, to: string | number | Date): number {
    const fromMs = toMs(from);
    if (fromMs > this.cursor) {
      throw new ArchiveQueryError(`the range starts after the review cursor (${iso(this.cursor)})`);
    }
    return Math.min(toMs(to), this.cursor);
  }

  private checkedMoment(at: string | number | Date, name: string): number {
    const atMs = toMs(at);
    const range = this.range;
    if (!range) throw new ReviewError('the archive under review is empty');
    if (atMs < range.firstMs || atMs > range.lastMs) {
      const span = `${iso(range.firstMs)} to ${iso(range.lastMs)}`;
      throw new ReviewError(`${name} ${iso(atMs)} is outside the review (${span})`);
    }
    return atMs;
  }

  private assertOpen(): void {
    if (this.closed) throw new ReviewError('the review session is closed');
  }
}

/** The fleet summary an imported bundle left in the archive's meta table. */
function storedFleet(archive: ReadOnlyArchive): ReviewFleet | null {
  const text = archive.metaValue('fleet');
  if (text === null) return null;
  try {
    return fleetOf((JSON.parse(text) as { summary?: unknown } | null)?.summary, archive);
  } catch {
    return null;
  }
}

/** The fleet the live core noted at its first tick (the latest such note). */
function notedFleet(
  archive: ReadOnlyArchive,
  range: { lastMs: number } | null,
): ReviewFleet | null {
  const noted = archive.events({ from: 0, to: range?.lastMs ?? 0, kind: 'fleet' }).at(-1);
  return noted ? fleetOf(noted.body, archive) : null;
}

/** A stored fleet summary as the contract shows it; null when it does not have that shape. */
function fleetOf(value: unknown, archive: ReadOnlyArchive): ReviewFleet | null {
  const summary = value as { deployment?: unknown; nodes?: unknown } | null | undefined;
  if (!summary || !Array.isArray(summary.nodes)) return null;
  const nodes = (summary.nodes as Record<string, unknown>[]).map((node) => ({
    id: node?.id,
    role: node?.role ?? null,
    host: node?.host ?? null,
  }));
  const deployment = summary.deployment ?? archive.deploymentName();
  const parsed = reviewFleetSchema.safeParse({ deployment, nodes });
  return parsed.success ? parsed.data : null;
}
