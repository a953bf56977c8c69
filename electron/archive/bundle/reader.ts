// Reading a bundle as a stream of checked records. The file is read in 64 KiB slices, inflated,
// split into lines and parsed one line at a time: memory holds one slice and one record, never
// the bundle. Every way a file can be wrong becomes a BundleError naming the file, the problem
// and where (record number, file byte): not a bundle, a newer version, corrupt or truncated
// compressed data, a line that is not a valid record, sections out of order, a missing or
// disagreeing `end` record.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_MAGIC,
  BundleError,
  describeIssues,
  HEADER_BYTES,
  MAX_RECORD_BYTES,
  recordSchema,
  sectionOrder,
  singleSections,
  type BundleRecord,
  type RecordOf,
} from './format';

const SLICE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

export interface ReadRecord {
  record: BundleRecord;
  /** 1-based position of the record in the bundle. */
  number: number;
}

/** Where a read has got: file bytes consumed so far. */
export interface ReadPosition {
  bytes: number;
}

/** Checks the first 12 bytes: the magic, then the version. */
export async function checkBundleHeader(file: string): Promise<void> {
  // 16 bytes: enough to tell what a foreign file is (`SQLite format 3\0`).
  const first = await readFirstBytes(file, 16);
  if (first.length === 0) throw new BundleError(file, 'the file is empty, not a bundle');
  if (first.length < HEADER_BYTES || !first.subarray(0, 8).equals(BUNDLE_MAGIC)) {
    throw new BundleError(file, `not a bundle: ${describeForeign(first)}`, { byte: 0 });
  }
  const version = first.readUInt16BE(8);
  if (version > BUNDLE_FORMAT_VERSION) {
    throw new BundleError(
      file,
      `bundle format version ${version} is newer than this app reads (up to ` +
        `${BUNDLE_FORMAT_VERSION}); open it with a newer VisionKing Control Room`,
      { byte: 8 },
    );
  }
  if (version === 0 || first.readUInt16BE(10) !== 0) {
    throw new BundleError(file, `not a bundle: bad header bytes ${first.toString('hex')}`, {
      byte: 8,
    });
  }
}

export async function readFirstBytes(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What a file that is not a bundle looks like, from its first bytes. */
export function describeForeign(first: Buffer): string {
  const startsWith = (bytes: number[] | string) =>
    first.subarray(0, bytes.length).equals(Buffer.from(bytes as never));
  if (first.length === 0) return 'the file is empty';
  if (startsWith([0x89, 0x50, 0x4e, 0x47])) return 'it is a PNG image';
  if (startsWith([0x1f, 0x8b])) return 'it is a plain gzip file (a bundle starts with \\x89VKB)';
  if (startsWith('PK')) return 'it is a ZIP archive';
  if (startsWith('SQLite format 3')) return 'it is an SQLite database (open it as an archive)';
  const text = first.toString('utf8').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) return 'it is JSON text';
  if (first.length < HEADER_BYTES && startsWith(BUNDLE_MAGIC.subarray(0, first.length) as never)) {
    return `it ends after ${first.length} bytes, inside the 12-byte header (truncated)`;
  }
  return `it starts with bytes ${first.subarray(0, 8).toString('hex')}, not the bundle magic`;
}

/**
 * Every record of a bundle, checked against its schema and the section order; the `end`
 * record's counts and checksum are verified before the generator finishes.
 */
export async function* readBundle(
  file: string,
  position: ReadPosition = { bytes: 0 },
): AsyncGenerator<ReadRecord> {
  await checkBundleHeader(file);
  position.bytes = HEADER_BYTES;
  const input = createReadStream(file, { start: HEADER_BYTES, highWaterMark: SLICE_BYTES });
  const gunzip = createGunzip({ chunkSize: SLICE_BYTES });
  const feeding = pipeline(input, countBytes(position), gunzip);
  feeding.catch(() => {}); // seen through the loop below, or after it
  const lines = new LineCheck(file, position);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      yield* lines.push(chunk);
    }
    await feeding;
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw zlibError(file, error as NodeJS.ErrnoException, position.bytes);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  lines.finish();
}

function countBytes(position: ReadPosition) {
  return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      position.bytes += chunk.length;
      yield chunk;
    }
  };
}

function zlibError(file: string, error: NodeJS.ErrnoException, fedBytes: number): BundleError {
  const where = { beforeByte: fedBytes };
  if (error.code === 'Z_BUF_ERROR') {
    return new BundleError(file, 'the file ends early: the bundle is truncated', where);
  }
  if (error.code?.startsWith('Z_')) {
    return new BundleError(file, `the compressed data is corrupt (${error.message})`, where);
  }
  return new BundleError(file, `cannot read the bundle: ${error.message}`, where);
}

/** Splits inflated bytes into lines and checks each as a record, in order. */
class LineCheck {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private number = 0;
  private section = -1;
  private end: RecordOf<'end'> | null = null;
  private readonly counts: Record<string, number> = {};
  private readonly hash = createHash('sha256');

  constructor(
    private readonly file: string,
    private readonly position: ReadPosition,
  ) {}

  *push(chunk: Buffer): Generator<ReadRecord> {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline < 0) break;
      const piece = chunk.subarray(start, newline + 1);
      const line = this.pendingBytes === 0 ? piece : Buffer.concat([...this.pending, piece]);
      this.pending = [];
      this.pendingBytes = 0;
      yield this.check(line);
      start = newline + 1;
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > MAX_RECORD_BYTES) {
        this.fail(`a record longer than ${MAX_RECORD_BYTES} bytes`, this.number + 1);
      }
    }
  }

  finish(): void {
    if (this.pendingBytes > 0) this.fail('the bundle ends inside a record', this.number + 1);
    if (this.end === null) {
      this.fail(`the bundle has no end record after record ${this.number}: it is incomplete`);
    }
  }

  private check(line: Buffer): ReadRecord {
    this.number++;
    if (this.end !== null) this.fail('there is data after the end record');
    const record = this.parse(line);
    this.checkOrder(record);
    this.counts[record.type] = (this.counts[record.type] ?? 0) + 1;
    if (record.type === 'end') this.checkEnd(record);
    else this.hash.update(line);
    return { record, number: this.number };
  }

  private parse(line: Buffer): BundleRecord {
    let value: unknown;
    try {
      value = JSON.parse(line.toString('utf8'));
    } catch (error) {
      this.fail(`not a JSON record (${(error as Error).message}): the bundle is corrupt`);
    }
    const type = (value as { type?: unknown } | null)?.type;
    const schema = typeof type === 'string' ? recordSchema(type) : undefined;
    if (!schema) this.fail(`unknown record type ${JSON.stringify(type)}`);
    const result = schema.safeParse(value);
    if (!result.success) this.fail(`bad ${type as string} record: ${describeIssues(result.error)}`);
    return result.data;
  }

  private checkOrder(record: BundleRecord): void {
    const index = sectionOrder.indexOf(record.type);
    if (this.number === 1 && record.type !== 'header')
      this.fail('the first record is not a header');
    if (index < this.section) {
      this.fail(`a ${record.type} record after ${sectionOrder[this.section]} records`);
    }
    if (singleSections.has(record.type) && (this.counts[record.type] ?? 0) > 0) {
      this.fail(`a second ${record.type} record`);
    }
    this.section = index;
  }

  private checkEnd(end: RecordOf<'end'>): void {
    const before = this.number - 1;
    if (end.records !== before) {
      this.fail(`the end record counts ${end.records} records but ${before} came before it`);
    }
    for (const type of Object.keys({ ...end.counts, ...this.counts })) {
      const seen = type === 'end' ? 0 : (this.counts[type] ?? 0);
      if ((end.counts[type] ?? 0) !== seen) {
        this.fail(`the end record counts ${end.counts[type] ?? 0} ${type} records, found ${seen}`);
      }
    }
    const sha256 = this.hash.digest('hex');
    if (sha256 !== end.sha256) {
      this.fail(
        `checksum mismatch: the records hash to ${sha256}, the end record says ${end.sha256}`,
      );
    }
    this.end = end;
  }

  private fail(problem: string, record = this.number): never {
    throw new BundleError(this.file, problem, {
      record,
      beforeByte: this.position.bytes,
    });
  }
}
