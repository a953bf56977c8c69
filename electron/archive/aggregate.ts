// Rollup buckets: min / max / sum / count of the numbers in a time bucket, and how many samples
// were null with the reason of the latest one, so a gap stays a gap with its reason at every
// resolution. Sums, not means, are kept so coarser buckets are exact merges of finer ones.
import {
  ByteReader,
  ByteWriter,
  nullKindFromIndex,
  nullKindToIndex,
  readValue,
  writeValue,
  type DecodedValue,
  type NullKind,
} from './codec';

export interface Aggregate {
  /** Samples with a number. */
  count: number;
  /** Samples that were null. */
  nulls: number;
  /** The reason of the latest null sample; null when there was none. */
  nullKind: NullKind | null;
  /** Null when `count` is 0: a bucket of nulls has no minimum, not a minimum of 0. */
  min: number | null;
  max: number | null;
  sum: number | null;
}

export function emptyAggregate(): Aggregate {
  return { count: 0, nulls: 0, nullKind: null, min: null, max: null, sum: null };
}

/** Adds one sample; samples are added in time order so the latest null's reason wins. */
export function addSample(target: Aggregate, value: number | null, nullKind: NullKind | null) {
  if (value === null) {
    target.nulls += 1;
    target.nullKind = nullKind ?? 'unknown';
    return;
  }
  target.count += 1;
  target.min = target.min === null ? value : Math.min(target.min, value);
  target.max = target.max === null ? value : Math.max(target.max, value);
  target.sum = target.sum === null ? value : target.sum + value;
}

/** Merges a later bucket into `target`. */
export function mergeAggregate(target: Aggregate, source: Aggregate): void {
  if (source.nulls > 0) {
    target.nulls += source.nulls;
    target.nullKind = source.nullKind;
  }
  if (source.count === 0) return;
  target.count += source.count;
  target.min = target.min === null ? source.min : Math.min(target.min, source.min as number);
  target.max = target.max === null ? source.max : Math.max(target.max, source.max as number);
  target.sum = target.sum === null ? source.sum : target.sum + (source.sum as number);
}

/**
 * One chunk row: consecutive buckets of one series. Per bucket: count and nulls as varints, the
 * null reason when there were nulls, min / max / sum when there were numbers. Trailing empty
 * buckets are left out.
 */
export function encodeChunk(slots: readonly (Aggregate | undefined)[]): Buffer {
  const writer = new ByteWriter();
  let last = slots.length - 1;
  while (last >= 0 && isEmpty(slots[last])) last--;
  for (let slot = 0; slot <= last; slot++) {
    const bucket = slots[slot];
    writer.writeVarint(bucket?.count ?? 0);
    writer.writeVarint(bucket?.nulls ?? 0);
    if (!bucket) continue;
    if (bucket.nulls > 0) writer.writeVarint(nullKindToIndex(bucket.nullKind ?? 'unknown'));
    if (bucket.count === 0) continue;
    writeValue(writer, bucket.min);
    writeValue(writer, bucket.max);
    writeValue(writer, bucket.sum);
  }
  return writer.finish();
}

/** Calls `visit` for each non-empty bucket of a chunk, in slot order. */
export function decodeChunk(
  bytes: Uint8Array,
  visit: (slot: number, bucket: Aggregate) => void,
): void {
  const reader = new ByteReader(bytes);
  const scratch: DecodedValue = { value: null, nullKind: null };
  for (let slot = 0; !reader.done; slot++) {
    const count = reader.readVarint();
    const nulls = reader.readVarint();
    if (count === 0 && nulls === 0) continue;
    const bucket = emptyAggregate();
    bucket.count = count;
    bucket.nulls = nulls;
    if (nulls > 0) bucket.nullKind = nullKindFromIndex(reader.readVarint());
    if (count > 0) {
      bucket.min = readValue(reader, scratch).value;
      bucket.max = readValue(reader, scratch).value;
      bucket.sum = readValue(reader, scratch).value;
    }
    visit(slot, bucket);
  }
}

function isEmpty(bucket: Aggregate | undefined): boolean {
  return !bucket || (bucket.count === 0 && bucket.nulls === 0);
}
