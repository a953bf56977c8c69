// Bundles fuzzed. Byte level: a real bundle cut, flipped and spliced. Record level: its records
// dropped, doubled, swapped, given random fields or joined by random records, with the end
// record's counts and SHA-256 made to match again, so the importer's own checks of every record
// are reached and not only the checksum. Each import succeeds or is refused with a BundleError
// naming the file; a refused import leaves neither the target nor a staging directory.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive, BundleError, HEADER_BYTES, importBundle } from '../../electron/archive';
import { bundleOf } from '../archive/bundle-fixture';
import { demoFleetSnapshot, retimed } from '../archive/helpers';
import { temporaryDirectory } from '../helpers/temporary';

let archive: Archive;
let header: Buffer;
let bundleBytes: Buffer;
/** The records of the good bundle, without the end record. */
let recordLines: string[];

beforeAll(async () => {
  archive = Archive.open({ directory: temporaryDirectory('fuzz-bundle') });
  const snapshot = await demoFleetSnapshot();
  const startMs = Date.parse(snapshot.takenAt);
  for (let tick = 0; tick < 6; tick++) {
    archive.recordSnapshot(retimed(snapshot, startMs + tick * 5_000));
  }
  archive.recordEvent({ atMs: startMs, node: 'vk01', kind: 'note', body: { text: 'fuzz' } });
  const file = await bundleOf(archive, startMs, startMs + 3_600_000);
  bundleBytes = readFileSync(file);
  header = bundleBytes.subarray(0, HEADER_BYTES);
  const lines = gunzipSync(bundleBytes.subarray(HEADER_BYTES)).toString('utf8').split('\n');
  recordLines = lines.filter((line) => line !== '').slice(0, -1);
}, 60_000);

afterAll(() => archive?.close());

/** A bundle of these record lines, with an end record that matches them. */
function bundleOfLines(lines: string[]): Buffer {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const line of lines) {
    hash.update(`${line}\n`);
    const type = typeOf(line);
    counts[type] = (counts[type] ?? 0) + 1;
  }
  const end = { type: 'end', records: lines.length, counts, sha256: hash.digest('hex') };
  const body = [...lines, JSON.stringify(end)].map((line) => `${line}\n`).join('');
  return Buffer.concat([header, gzipSync(body)]);
}

function typeOf(line: string): string {
  try {
    const type = (JSON.parse(line) as { type?: unknown } | null)?.type;
    return typeof type === 'string' ? type : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Imports bytes as a bundle; checks the outcome is a summary or a clear, clean refusal. */
async function expectCleanImport(bytes: Buffer): Promise<'imported' | 'refused'> {
  const folder = temporaryDirectory('fuzz-import');
  const file = join(folder, 'mutated.vkbundle');
  writeFileSync(file, bytes);
  const target = join(folder, 'archive');
  try {
    const summary = await importBundle(file, target);
    expect(existsSync(summary.directory)).toBe(true);
    return 'imported';
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    const message = (error as Error).message;
    expect(message.startsWith(`${file}: `)).toBe(true);
    expect(message.length).toBeGreaterThan(file.length + 8);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(folder).filter((name) => name.includes('.import-'))).toEqual([]);
    return 'refused';
  }
}

type LineEdit = ['drop' | 'double' | 'swap' | 'field' | 'insert', number, number, unknown];

function editLines(lines: string[], edits: LineEdit[]): string[] {
  const result = [...lines];
  for (const [kind, first, second, value] of edits) {
    const a = first % result.length;
    const b = second % result.length;
    if (kind === 'drop') result.splice(a, 1);
    if (kind === 'double') result.splice(a, 0, result[a] ?? '');
    if (kind === 'swap') [result[a], result[b]] = [result[b] ?? '', result[a] ?? ''];
    if (kind === 'insert') result.splice(a, 0, JSON.stringify(value));
    if (kind === 'field') result[a] = withField(result[a] ?? '{}', second, value);
  }
  return result;
}

/** The record with one of its fields (chosen by `pick`) set to `value`. */
function withField(line: string, pick: number, value: unknown): string {
  const record = JSON.parse(line) as Record<string, unknown>;
  const keys = Object.keys(record);
  const key = keys[pick % keys.length] ?? 'type';
  return JSON.stringify({ ...record, [key]: value });
}

const lineEdit: fc.Arbitrary<LineEdit> = fc.tuple(
  fc.constantFrom('drop', 'double', 'swap', 'field', 'insert'),
  fc.nat(),
  fc.nat(),
  fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(-1, 1e308, '', null, 'raw')),
);

describe('bundle import under bad input', () => {
  it('imports the good bundle, and the same records re-packed', async () => {
    expect(await expectCleanImport(bundleBytes)).toBe('imported');
    expect(await expectCleanImport(bundleOfLines(recordLines))).toBe('imported');
  });

  it('refuses or imports record-level mutations, never anything else', async () => {
    const outcomes = { imported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(lineEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
        outcomes[await expectCleanImport(bundleOfLines(editLines(recordLines, edits)))] += 1;
      }),
      { numRuns: 60 },
    );
    // The mutations reach the record checks: most are refused there, not all.
    expect(outcomes.refused).toBeGreaterThan(10);
  }, 120_000);

  it('refuses byte-level damage: cut, flipped and spliced files', async () => {
    const damage = fc.tuple(
      fc.constantFrom('cut', 'flip', 'splice'),
      fc.nat(),
      fc.uint8Array({ minLength: 1, maxLength: 16 }),
    );
    await fc.assert(
      fc.asyncProperty(damage, async ([kind, at, bytes]) => {
        const position = at % bundleBytes.length;
        const damaged = Buffer.from(bundleBytes);
        if (kind === 'flip') damaged[position] = (damaged[position] ?? 0) ^ 0xff;
        const result =
          kind === 'cut'
            ? damaged.subarray(0, position)
            : kind === 'splice'
              ? Buffer.concat([damaged.subarray(0, position), bytes, damaged.subarray(position)])
              : damaged;
        await expectCleanImport(result);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
