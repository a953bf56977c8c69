// Shared pieces of the archive tests: temporary archives that are closed after each test, and
// buckets computed straight from raw samples, the reference every rollup must equal.
import { afterEach } from 'vitest';
import { Archive, type ArchiveOptions, type NullKind, type Sample } from '../../electron/archive';
import { createDemoPlant } from '../../electron/demo';
import type { Snapshot } from '../../shared/snapshot';
import { temporaryDirectory } from '../helpers/temporary';

const opened: Archive[] = [];

afterEach(() => {
  for (const archive of opened.splice(0)) archive.close();
});

/** An archive in a fresh temporary directory, closed after the test. */
export function temporaryArchive(options: ArchiveOptions = {}): Archive {
  const archive = Archive.open({ directory: temporaryDirectory('archive'), ...options });
  opened.push(archive);
  return archive;
}

/** Opens an existing archive directory for the test; closed after it. */
export function reopen(directory: string, options: ArchiveOptions = {}): Archive {
  const archive = Archive.open({ ...options, directory });
  opened.push(archive);
  return archive;
}

export interface RawPoint {
  atMs: number;
  value: number | null;
  nullKind: NullKind | null;
}

export interface ReferenceBucket {
  startMs: number;
  count: number;
  nulls: number;
  nullKind: NullKind | null;
  min: number | null;
  max: number | null;
  sum: number | null;
}

/** Buckets of `widthMs` from `startMs`, computed directly from raw points in time order. */
export function referenceBuckets(
  points: readonly RawPoint[],
  startMs: number,
  widthMs: number,
  limitMs: number,
): Map<number, ReferenceBucket> {
  const buckets = new Map<number, ReferenceBucket>();
  for (const point of points) {
    if (point.atMs < startMs || point.atMs >= limitMs) continue;
    const bucketStartMs = startMs + Math.floor((point.atMs - startMs) / widthMs) * widthMs;
    const bucket = buckets.get(bucketStartMs) ?? emptyReference(bucketStartMs);
    buckets.set(bucketStartMs, bucket);
    if (point.value === null) {
      bucket.nulls += 1;
      bucket.nullKind = point.nullKind;
      continue;
    }
    bucket.count += 1;
    bucket.min = bucket.min === null ? point.value : Math.min(bucket.min, point.value);
    bucket.max = bucket.max === null ? point.value : Math.max(bucket.max, point.value);
    bucket.sum = (bucket.sum ?? 0) + point.value;
  }
  return buckets;
}

function emptyReference(startMs: number): ReferenceBucket {
  return { startMs, count: 0, nulls: 0, nullKind: null, min: null, max: null, sum: null };
}

/** Relative closeness for sums, which are merged in a different order at each resolution. */
export function closeTo(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

/** One series' samples of a tick, as `recordSamples` takes them. */
export function sample(subject: string, metric: string, point: RawPoint): Sample {
  return { subject, metric, value: point.value, nullKind: point.nullKind };
}

let demoSnapshot: Snapshot | undefined;

/** One realistic snapshot of the 03002 fleet from the demo plant, taken once per test file. */
export async function demoFleetSnapshot(): Promise<Snapshot> {
  if (demoSnapshot) return demoSnapshot;
  const plant = createDemoPlant({ speed: 0 });
  try {
    demoSnapshot = await plant.collector.collectOnce();
    return demoSnapshot;
  } finally {
    await plant.collector.stop();
  }
}

/** A copy of a snapshot at another time, so documents compare equal. */
export function retimed(snapshot: Snapshot, atMs: number): Snapshot {
  return { ...structuredClone(snapshot), takenAt: new Date(atMs).toISOString() };
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
