// The bundle format (docs/bundle-format.md): a 12-byte header (magic, version) followed by one
// gzip member of newline-delimited JSON records, in a fixed section order, ending with an `end`
// record that carries the record counts and a SHA-256 of every line before it. JSON lines keep
// the format readable with `tail -c +13 FILE | zcat | jq`, independent of the archive's
// internal byte encodings, and streamable both ways one line at a time.
import { z } from 'zod';
import { fleetSummarySchema } from '../../../shared/api/contract';
import { nullKinds } from '../codec';
import { bundleFleetSchema } from './fleet';

/** `\x89VKB\r\n\x1a\n`: a high byte and CR LF catch text-mode transfers, as PNG's does. */
export const BUNDLE_MAGIC = Buffer.from([0x89, 0x56, 0x4b, 0x42, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Magic (8 bytes), format version (uint16 big-endian), reserved (2 zero bytes). */
export const HEADER_BYTES = 12;
export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_FORMAT_NAME = 'visionking-control-room-bundle';
/** The longest record line read back; a longer one is refused rather than buffered. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** The 12 bytes every bundle of this version starts with. */
export function headerBytes(version = BUNDLE_FORMAT_VERSION): Buffer {
  const bytes = Buffer.alloc(HEADER_BYTES);
  BUNDLE_MAGIC.copy(bytes, 0);
  bytes.writeUInt16BE(version, 8);
  return bytes;
}

/**
 * A file that cannot be imported (a bundle, a file of snapshots) or a target that cannot take
 * it: names the file, what is wrong and where.
 */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly where: BundleErrorWhere = {},
  ) {
    super(`${file}: ${problem}${describeWhere(where)}`);
  }
}

/** Where a problem is: a record of a bundle or a line of a file of snapshots, and a byte. */
export interface BundleErrorWhere {
  record?: number;
  line?: number;
  byte?: number;
  beforeByte?: number;
}

function describeWhere(where: BundleErrorWhere): string {
  const parts: string[] = [];
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.record !== undefined) parts.push(`record ${where.record}`);
  if (where.byte !== undefined) parts.push(`byte ${where.byte}`);
  const located = parts.length === 0 ? '' : `at ${parts.join(', ')}`;
  const read = where.beforeByte === undefined ? '' : `file bytes read: ${where.beforeByte}`;
  const both = [located, read].filter((part) => part !== '').join('; ');
  return both === '' ? '' : ` (${both})`;
}

/**
 * Numbers JSON cannot hold (NaN, the infinities, -0) as the 8 bytes of the IEEE 754 double in
 * hex, big-endian, so every stored double comes back bit for bit, NaN sign and payload included.
 */
const specialNumber = z.object({ float64: z.string().regex(/^[0-9a-f]{16}$/) }).strict();
export type SpecialNumber = z.infer<typeof specialNumber>;
const storedNumber = z.union([z.number(), specialNumber]);
export type StoredNumber = z.infer<typeof storedNumber>;

export function encodeNumber(value: number): StoredNumber {
  if (Number.isFinite(value) && !Object.is(value, -0)) return value;
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleBE(value);
  return { float64: bytes.toString('hex') };
}

export function decodeNumber(value: StoredNumber): number {
  return typeof value === 'number' ? value : Buffer.from(value.float64, 'hex').readDoubleBE(0);
}

const nullKind = z.enum(nullKinds);
/** Times are whatever the archive holds: whole milliseconds in practice, any finite number. */
const time = z.number();
const count = z.number().int().nonnegative();

/** A raw sample: a number, or the reason kind of a null sample. */
const rawValue = z.union([z.number(), nullKind, specialNumber]);
/** A rollup bucket: [count, nulls, nullKind, min, max, sum]; null for an empty slot. */
const optionalNumber = storedNumber.nullable();
const bucket = z.tuple([
  count,
  count,
  nullKind.nullable(),
  optionalNumber,
  optionalNumber,
  optionalNumber,
]);

export const headerRecord = z
  .object({
    type: z.literal('header'),
    format: z.literal(BUNDLE_FORMAT_NAME),
    version: z.literal(BUNDLE_FORMAT_VERSION),
    createdAt: z.string(),
    app: z.string(),
    archiveSchema: count,
    deployment: z.string().nullable(),
    fromMs: time,
    toMs: time,
  })
  .strict();

const records = {
  header: headerRecord,
  fleet: z
    .object({ type: z.literal('fleet'), summary: fleetSummarySchema, fleet: bundleFleetSchema })
    .strict(),
  node: z.object({ type: z.literal('node'), id: count, name: z.string().min(1) }).strict(),
  series: z
    .object({
      type: z.literal('series'),
      id: count,
      node: z.string(),
      subject: z.string(),
      metric: z.string(),
    })
    .strict(),
  layout: z.object({ type: z.literal('layout'), id: count, series: z.array(count) }).strict(),
  document: z
    .object({ type: z.literal('document'), hash: z.string().min(1), body: z.unknown() })
    .strict(),
  version: z
    .object({
      type: z.literal('version'),
      node: z.string(),
      kind: z.string(),
      atMs: time,
      hash: z.string().nullable(),
    })
    .strict(),
  raw: z
    .object({
      type: z.literal('raw'),
      node: z.string(),
      atMs: time,
      layout: count,
      values: z.array(rawValue),
    })
    .strict(),
  chunk: z
    .object({
      type: z.literal('chunk'),
      tier: z.enum(['1m', '15m']),
      series: count,
      startMs: time,
      buckets: z.array(bucket.nullable()),
    })
    .strict(),
  progress: z
    .object({
      type: z.literal('progress'),
      tier: z.enum(['1m', '15m']),
      node: z.string(),
      doneUntilMs: time,
    })
    .strict(),
  event: z
    .object({
      type: z.literal('event'),
      id: count,
      atMs: time,
      node: z.string().nullable(),
      kind: z.string(),
      body: z.unknown(),
    })
    .strict(),
  finding: z
    .object({
      type: z.literal('finding'),
      id: count,
      rule: z.string(),
      node: z.string().nullable(),
      subject: z.string().nullable(),
      openedMs: time,
      closedMs: time.nullable(),
      body: z.unknown(),
    })
    .strict(),
  audit: z
    .object({
      type: z.literal('audit'),
      id: count,
      atMs: time,
      actor: z.string(),
      action: z.string(),
      node: z.string().nullable(),
      body: z.unknown(),
    })
    .strict(),
  end: z
    .object({
      type: z.literal('end'),
      records: count,
      counts: z.record(z.string(), count),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .strict(),
};

export type RecordType = keyof typeof records;
export type BundleRecord = { [Type in RecordType]: z.infer<(typeof records)[Type]> }[RecordType];
export type RecordOf<Type extends RecordType> = z.infer<(typeof records)[Type]>;
export type BundleHeader = RecordOf<'header'>;
export type BucketTuple = z.infer<typeof bucket>;
export type RawValue = z.infer<typeof rawValue>;

/** Sections in the order they must appear; references always point back. */
export const sectionOrder: readonly RecordType[] = [
  'header',
  'fleet',
  'node',
  'series',
  'layout',
  'document',
  'version',
  'raw',
  'chunk',
  'progress',
  'event',
  'finding',
  'audit',
  'end',
];

/** Sections that appear at most once. */
export const singleSections: ReadonlySet<RecordType> = new Set(['header', 'fleet', 'end']);

export function recordSchema(type: string): z.ZodType<BundleRecord> | undefined {
  return Object.hasOwn(records, type)
    ? (records[type as RecordType] as unknown as z.ZodType<BundleRecord>)
    : undefined;
}

/** `nodes.vk01.host: Invalid input` for the first few issues. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(record)'}: ${issue.message}`)
    .join('; ');
}
