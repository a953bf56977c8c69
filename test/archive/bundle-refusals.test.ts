// Truncated, corrupt, foreign, newer and inconsistent bundles are refused with a message naming
// the file, the problem and where, and the import changes nothing: the target directory is not
// created (or left as it was) and no staging directory is left behind.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Archive,
  ARCHIVE_FILE,
  BundleError,
  HEADER_BYTES,
  importBundle,
  importFile,
} from '../../electron/archive';
import { temporaryDirectory } from '../helpers/temporary';
import { bundleOf, fileHash } from './bundle-fixture';
import { demoFleetSnapshot, retimed } from './helpers';

let archive: Archive;
let bundle: string;
let size: number;

beforeAll(async () => {
  archive = Archive.open({ directory: temporaryDirectory('refusals') });
  const snapshot = await demoFleetSnapshot();
  const startMs = Date.parse(snapshot.takenAt);
  for (let tick = 0; tick < 40; tick++)
    archive.recordSnapshot(retimed(snapshot, startMs + tick * 5_000));
  archive.recordEvent({ atMs: startMs, node: 'vk02', kind: 'note', body: { text: 'hello' } });
  bundle = await bundleOf(archive, startMs, startMs + 3_600_000);
  size = readFileSync(bundle).length;
}, 60_000);

afterAll(() => archive?.close());

/** A variant of the good bundle written to its own file. */
function variant(name: string, bytes: Buffer): string {
  const file = join(temporaryDirectory('variant'), name);
  writeFileSync(file, bytes);
  return file;
}

function records(): string[] {
  return gunzipSync(readFileSync(bundle).subarray(HEADER_BYTES))
    .toString('utf8')
    .trimEnd()
    .split('\n');
}

type EndRecord = 'reseal' | 'original' | 'none' | 'twice';

/**
 * Rewrites the records, then ends them with a fresh `end` record that agrees with them
 * (`reseal`), the original one, none, or the original one followed by a copy of a record.
 */
function rewritten(name: string, edit: (lines: string[]) => string[], end: EndRecord): string {
  const original = records();
  const lines = edit(original.slice(0, -1));
  const ending = {
    reseal: [sealOf(lines)],
    original: [original.at(-1)!],
    none: [],
    twice: [original.at(-1)!, original[1]!],
  }[end];
  const text = [...lines, ...ending].map((line) => `${line}\n`).join('');
  const header = readFileSync(bundle).subarray(0, HEADER_BYTES);
  return variant(name, Buffer.concat([header, gzipSync(text)]));
}

function sealOf(lines: string[]): string {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const line of lines) {
    const type = line.startsWith('{"type":"') ? line.slice(9, line.indexOf('"', 9)) : null;
    if (type) counts[type] = (counts[type] ?? 0) + 1;
    hash.update(`${line}\n`);
  }
  return JSON.stringify({ type: 'end', records: lines.length, counts, sha256: hash.digest('hex') });
}

async function expectRefused(
  file: string,
  problem: RegExp,
  importer: (file: string, target: string) => Promise<unknown> = importBundle,
) {
  const parent = temporaryDirectory('target');
  const target = join(parent, 'archive');
  const error = await importer(file, target).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BundleError);
  expect((error as Error).message.startsWith(`${file}: `)).toBe(true);
  expect((error as Error).message).toMatch(problem);
  expect(readdirSync(parent)).toEqual([]); // no target, no staging directory
  return (error as Error).message;
}

describe('refused bundles', () => {
  it('imports the good bundle (the variants below differ from it only as described)', async () => {
    const target = join(temporaryDirectory('good'), 'archive');
    const summary = await importBundle(bundle, target);
    expect(summary.counts.raw).toBe(120);
    expect(existsSync(join(target, ARCHIVE_FILE))).toBe(true);
  });

  it.each([0, 6, 12, 13, 100, 0.5, -1, -4, -8])('refuses the bundle cut at byte %d', async (at) => {
    const cut = at < 0 ? size + at : at < 1 ? Math.floor(size * at) : at;
    const file = variant(`cut-${cut}.vkbundle`, readFileSync(bundle).subarray(0, cut));
    const message = await expectRefused(file, /empty|truncated|incomplete|inside/);
    if (cut > HEADER_BYTES) expect(message).toMatch(/file bytes read: \d+/);
  });

  it('refuses a bundle with one flipped byte in its compressed data', async () => {
    for (const fraction of [0.3, 0.6, 0.9]) {
      const bytes = Buffer.from(readFileSync(bundle));
      const at = Math.floor(size * fraction);
      bytes[at] = (bytes[at] as number) ^ 0x20;
      const file = variant(`flipped-${at}.vkbundle`, bytes);
      await expectRefused(file, /corrupt|checksum|record/);
    }
  });

  it.each([
    ['a PNG image', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), /PNG image/],
    ['an empty file', Buffer.alloc(0), /empty/],
    ['a JSON file', Buffer.from('{"type":"header","version":1}\n'), /JSON text/],
    ['a gzip file', gzipSync('hello\n'), /plain gzip/],
  ])('refuses %s as not a bundle', async (_name, bytes, problem) => {
    await expectRefused(variant('foreign.vkbundle', bytes), problem);
  });

  it('refuses an SQLite archive given as a bundle, and tells what it is', async () => {
    await expectRefused(archive.file, /not a bundle: it is an SQLite database/);
  });

  it('refuses a bundle of a newer format version, naming both versions', async () => {
    const bytes = Buffer.from(readFileSync(bundle));
    bytes.writeUInt16BE(2, 8);
    const message = await expectRefused(variant('v2.vkbundle', bytes), /version 2 is newer/);
    expect(message).toContain('up to 1');
  });

  it('refuses records that do not hash to the end record checksum', async () => {
    const file = rewritten(
      'tampered.vkbundle',
      (lines) => lines.map((line) => line.replace('"kind":"note"', '"kind":"nope"')),
      'original',
    );
    await expectRefused(file, /checksum mismatch/);
  });

  it.each([
    ['no end record', (lines: string[]) => lines, 'none', /no end record .*incomplete/],
    ['data after the end', (lines: string[]) => lines, 'twice', /data after the end record/],
    [
      'an unknown record type',
      (lines: string[]) => [...lines, '{"type":"mystery"}'],
      'reseal',
      /unknown record type "mystery"/,
    ],
    [
      'sections out of order',
      (lines: string[]) => [...lines, lines[1]!],
      'reseal',
      /a node record after event records/,
    ],
    [
      'a bad field',
      (lines: string[]) =>
        lines.map((line) =>
          line.replace(
            /"type":"raw","node":"vk01","atMs":\d+/,
            '"type":"raw","node":"vk01","atMs":"soon"',
          ),
        ),
      'reseal',
      /bad raw record: atMs/,
    ],
    [
      'a missing reference',
      (lines: string[]) => lines.map((line) => line.replace(/"layout":\d+,/, '"layout":999,')),
      'reseal',
      /bad raw record: no layout 999/,
    ],
    [
      'a line that is not JSON',
      (lines: string[]) => [...lines.slice(0, 3), '{"type":', ...lines.slice(3)],
      'reseal',
      /not a JSON record/,
    ],
  ] as const)('refuses a bundle with %s, naming the record', async (_name, edit, end, problem) => {
    const file = rewritten('edited.vkbundle', edit, end);
    const message = await expectRefused(file, problem);
    expect(message).toMatch(/\(at record \d+/);
  });

  it('refuses bytes after the compressed records', async () => {
    const file = variant(
      'trailing.vkbundle',
      Buffer.concat([readFileSync(bundle), Buffer.from('junk')]),
    );
    await expectRefused(file, /corrupt/);
  });

  it('leaves an existing archive untouched and says a bundle needs a new directory', async () => {
    const before = fileHash(archive.file);
    const error = await importBundle(bundle, archive.directory).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as Error).message).toMatch(/not empty; a bundle is imported into a new archive/);
    expect(fileHash(archive.file)).toBe(before);
  });

  it('removes the parent directories it made for a refused import', async () => {
    const parent = temporaryDirectory('parents');
    const cut = variant('cut.vkbundle', readFileSync(bundle).subarray(0, size - 20));
    await expect(importBundle(cut, join(parent, 'a', 'b', 'archive'))).rejects.toThrow(/truncated/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('importFile refuses a file that is neither a bundle nor snapshots', async () => {
    const png = variant('picture.png', Buffer.from('89504e470d0a1a0a', 'hex'));
    await expectRefused(png, /neither a bundle nor a file of snapshots.*PNG image/, importFile);
  });

  it('still imports a copy of the good bundle (the refusals were about the changes)', async () => {
    const copy = join(temporaryDirectory('copy'), 'copy.vkbundle');
    copyFileSync(bundle, copy);
    const target = join(temporaryDirectory('copy-target'), 'archive');
    await expect(importFile(copy, target)).resolves.toMatchObject({ kind: 'bundle' });
  });
});
