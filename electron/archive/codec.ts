// Compact, lossless byte encodings for samples and rollup buckets. A fleet tick holds about 430
// numbers; one SQLite row per number would cost ~25 bytes each (over 200 MB a day for 03002),
// so a node's tick is one row whose blob holds its numbers at 1 to 9 bytes each.
//
// A value starts with a varint header whose low 3 bits say what follows:
//   0  an integer: zigzag(value) is the rest of the header
//   1  a float64 follows (little-endian)
//   2  null: the rest of the header is the index of the reason kind in `nullKinds`
//   3..6  a decimal with 1..4 digits: zigzag(value * 10^digits) is the rest of the header
import { missingKinds, type MissingKind } from '../../shared/snapshot';

/** Why a sample is null: the snapshot's reason kinds, plus `unknown` for a null without one. */
export const nullKinds = [...missingKinds, 'unknown'] as const;
export type NullKind = MissingKind | 'unknown';

const TYPE_INTEGER = 0;
const TYPE_FLOAT = 1;
const TYPE_NULL = 2;
const TYPE_DECIMAL = 3; // 3 + digits - 1
const MAX_DECIMAL_DIGITS = 4;
// Headers must stay exact doubles (< 2^53) after zigzag and the 3-bit shift.
const MAX_PACKED_MAGNITUDE = 2 ** 49;
const decimalScales = [10, 100, 1000, 10000];

const nullKindIndex = new Map<string, number>(nullKinds.map((kind, index) => [kind, index]));

/** A growable byte buffer written front to back. */
export class ByteWriter {
  private bytes = new Uint8Array(1024);
  private view = new DataView(this.bytes.buffer);
  private length = 0;

  writeVarint(value: number): void {
    this.reserve(8);
    let rest = value;
    while (rest >= 128) {
      this.bytes[this.length++] = (rest % 128) | 128;
      rest = Math.floor(rest / 128);
    }
    this.bytes[this.length++] = rest;
  }

  writeFloat64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  /** The bytes written so far, as a Buffer SQLite stores as a BLOB. */
  finish(): Buffer {
    return Buffer.from(this.bytes.subarray(0, this.length));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** Reads what ByteWriter wrote. */
export class ByteReader {
  private position = 0;
  // Made on the first float: most rows hold none, and a DataView per row costs more than
  // decoding its integers.
  private view: DataView | null = null;

  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.position >= this.bytes.length;
  }

  readVarint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.position >= this.bytes.length) throw new RangeError('truncated varint');
      const byte = this.bytes[this.position++] as number;
      value += (byte & 127) * scale;
      if (byte < 128) return value;
      scale *= 128;
    }
  }

  /** Steps over one value written by `writeValue` without decoding it. */
  skipValue(): void {
    const type = (this.bytes[this.position] as number) & 7;
    while ((this.bytes[this.position++] as number) >= 128);
    if (type === TYPE_FLOAT) this.position += 8;
    if (this.position > this.bytes.length) throw new RangeError('truncated value');
  }

  readFloat64(): number {
    if (this.position + 8 > this.bytes.length) throw new RangeError('truncated float64');
    const { buffer, byteOffset, byteLength } = this.bytes;
    this.view ??= new DataView(buffer, byteOffset, byteLength);
    const value = this.view.getFloat64(this.position, true);
    this.position += 8;
    return value;
  }
}

export function nullKindToIndex(kind: NullKind): number {
  return nullKindIndex.get(kind) ?? nullKinds.length - 1;
}

export function nullKindFromIndex(index: number): NullKind {
  return nullKinds[index] ?? 'unknown';
}

/** One decoded value: a number, or null with the reason kind. */
export interface DecodedValue {
  value: number | null;
  nullKind: NullKind | null;
}

export function writeValue(writer: ByteWriter, value: number | null, nullKind?: NullKind): void {
  if (value === null) {
    writer.writeVarint(nullKindToIndex(nullKind ?? 'unknown') * 8 + TYPE_NULL);
    return;
  }
  if (Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) < MAX_PACKED_MAGNITUDE) {
    writer.writeVarint(zigzag(value) * 8 + TYPE_INTEGER);
    return;
  }
  const digits = decimalDigits(value);
  if (digits > 0) {
    const scaled = Math.round(value * (decimalScales[digits - 1] as number));
    writer.writeVarint(zigzag(scaled) * 8 + TYPE_DECIMAL + digits - 1);
    return;
  }
  writer.writeVarint(TYPE_FLOAT);
  writer.writeFloat64(value);
}

/** Reads one value into `into` (reused by callers in hot loops to avoid allocations). */
export function readValue(reader: ByteReader, into: DecodedValue): DecodedValue {
  const header = reader.readVarint();
  const type = header % 8;
  const rest = Math.floor(header / 8);
  into.nullKind = null;
  if (type === TYPE_INTEGER) into.value = unzigzag(rest);
  else if (type === TYPE_FLOAT) into.value = reader.readFloat64();
  else if (type === TYPE_NULL) {
    into.value = null;
    into.nullKind = nullKindFromIndex(rest);
  } else {
    into.value = unzigzag(rest) / (decimalScales[type - TYPE_DECIMAL] as number);
  }
  return into;
}

/** The fewest decimal digits (1..4) that give back exactly `value`; 0 when none do. */
function decimalDigits(value: number): number {
  if (!Number.isFinite(value) || Object.is(value, -0)) return 0;
  for (let digits = 1; digits <= MAX_DECIMAL_DIGITS; digits++) {
    const scale = decimalScales[digits - 1] as number;
    const scaled = Math.round(value * scale);
    if (Math.abs(scaled) >= MAX_PACKED_MAGNITUDE) return 0;
    if (scaled / scale === value) return digits;
  }
  return 0;
}

function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

/** A list of non-negative integers (series ids of a layout) as varints. */
export function encodeIntegers(values: readonly number[]): Buffer {
  const writer = new ByteWriter();
  for (const value of values) writer.writeVarint(value);
  return writer.finish();
}

export function decodeIntegers(bytes: Uint8Array): number[] {
  const reader = new ByteReader(bytes);
  const values: number[] = [];
  while (!reader.done) values.push(reader.readVarint());
  return values;
}
