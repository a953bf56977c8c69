// The byte encodings give back exactly what they were given: every double (not just the
// decimals they store compactly), every null with its reason, every bucket of a chunk.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeChunk, type Aggregate } from '../../electron/archive/aggregate';
import {
  ByteReader,
  ByteWriter,
  nullKinds,
  readValue,
  writeValue,
  type DecodedValue,
  type NullKind,
} from '../../electron/archive/codec';

const nullKind = fc.constantFrom(...nullKinds);
const value = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true }),
  fc.integer({ min: -1e9, max: 1e9 }).map((scaled) => scaled / 100),
  fc.constant(-0),
  fc.constant(null),
);

function roundTrip(values: readonly (number | null)[], kinds: readonly NullKind[]): DecodedValue[] {
  const writer = new ByteWriter();
  values.forEach((item, index) => writeValue(writer, item, kinds[index % kinds.length]));
  const reader = new ByteReader(writer.finish());
  return values.map(() => ({ ...readValue(reader, { value: null, nullKind: null }) }));
}

describe('sample values', () => {
  it('come back exactly, nulls with their reason', () => {
    fc.assert(
      fc.property(fc.array(value), fc.array(nullKind, { minLength: 1 }), (values, kinds) => {
        const decoded = roundTrip(values, kinds);
        values.forEach((item, index) => {
          expect(Object.is(decoded[index]!.value, item)).toBe(true);
          const expectedKind = item === null ? kinds[index % kinds.length] : null;
          expect(decoded[index]!.nullKind).toBe(expectedKind);
        });
      }),
    );
  });

  it('store small integers and short decimals in a few bytes', () => {
    const writer = new ByteWriter();
    for (const item of [0, 38, 35.3, 16_428_249_907]) writeValue(writer, item);
    expect(writer.finish().length).toBeLessThanOrEqual(1 + 2 + 2 + 6);
  });
});

const aggregate: fc.Arbitrary<Aggregate | undefined> = fc.option(
  fc
    .record({ count: fc.nat(100), nulls: fc.nat(100), nullKind: nullKind, low: value })
    .map(({ count, nulls, nullKind: kind, low }) => ({
      count,
      nulls,
      nullKind: nulls > 0 ? kind : null,
      min: count > 0 ? (low ?? 1) : null,
      max: count > 0 ? (low ?? 1) + 1 : null,
      sum: count > 0 ? (low ?? 1) * count : null,
    })),
  { nil: undefined },
);

describe('rollup chunks', () => {
  it('give back every non-empty bucket in its slot', () => {
    fc.assert(
      fc.property(fc.array(aggregate, { maxLength: 96 }), (slots) => {
        const decoded: (Aggregate | undefined)[] = [];
        decodeChunk(encodeChunk(slots), (slot, bucket) => (decoded[slot] = bucket));
        slots.forEach((bucket, slot) => {
          const empty = !bucket || (bucket.count === 0 && bucket.nulls === 0);
          expect(decoded[slot]).toEqual(empty ? undefined : bucket);
        });
      }),
    );
  });
});
