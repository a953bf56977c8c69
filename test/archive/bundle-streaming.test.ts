// Bundles stream: a synthetic archive whose bundle inflates to over 200 MB of records is
// exported and imported again by a child process whose V8 heap is capped at 48 MB. The child
// reports its peak heap and resident size; both stay far below the bundle's size.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Archive, ARCHIVE_FILE, HEADER_BYTES } from '../../electron/archive';
import { ByteWriter, writeValue } from '../../electron/archive/codec';
import { canonicalJson, contentHash } from '../../electron/archive/documents';
import { deflateRawSync } from 'node:zlib';
import { temporaryDirectory } from '../helpers/temporary';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(import.meta.dirname, 'bundle-streaming-child.ts');
const HEAP_LIMIT_MB = 48;
const DOCUMENTS = 500;
const LINES_PER_DOCUMENT = 2_000;
const RAW_TICKS = 20_000;
const SERIES = 400;
const START_MS = Date.parse('2026-02-19T00:00:00Z');

const words = ['camera', 'frame', 'queue', 'redis', 'timeout', 'inference', 'plc', 'speed'];

/** A log digest of ~250 KB, different for every `seed`. */
function bigDocument(seed: number): unknown {
  const lines: string[] = [];
  for (let line = 0; line < LINES_PER_DOCUMENT; line++) {
    const picked = Array.from(
      { length: 14 },
      (_, index) => words[(seed * 7 + line * 3 + index * index) % 8],
    );
    lines.push(`${seed}:${line} ${picked.join(' ')} ${(seed * 2654435761 + line) % 1_000_003}`);
  }
  return { counts: { error: seed }, lines };
}

/** Writes documents and raw ticks straight into a fresh archive's tables (fast). */
function buildLargeArchive(directory: string): void {
  Archive.open({ directory }).close();
  const db = new Database(join(directory, ARCHIVE_FILE));
  try {
    db.transaction(() => {
      db.prepare("INSERT INTO meta (key, value) VALUES ('deployment', '03002')").run();
      db.prepare("INSERT INTO node (id, name) VALUES (1, 'vk01')").run();
      const series = db.prepare(
        'INSERT INTO series (id, node_id, subject, metric) VALUES (?, 1, ?, ?)',
      );
      for (let id = 1; id <= SERIES; id++) series.run(id, `container:c${id}`, 'memoryBytes');
      const ids = Array.from({ length: SERIES }, (_, index) => index + 1);
      const layout = new ByteWriter();
      for (const id of ids) layout.writeVarint(id);
      db.prepare("INSERT INTO layout (id, hash, series_ids) VALUES (1, 'synthetic', ?)").run(
        layout.finish(),
      );
      const raw = db.prepare(
        'INSERT INTO raw_tick (node_id, at_ms, layout_id, samples) VALUES (1, ?, 1, ?)',
      );
      for (let tick = 0; tick < RAW_TICKS; tick++) {
        const samples = new ByteWriter();
        for (const id of ids) writeValue(samples, 1_000_000 * id + tick + 0.25);
        raw.run(START_MS + tick * 5_000, samples.finish());
      }
      const document = db.prepare('INSERT INTO document (id, hash, body) VALUES (?, ?, ?)');
      const version = db.prepare(
        'INSERT INTO document_version (node_id, kind, at_ms, document_id) ' +
          "VALUES (1, 'logs:app', ?, ?)",
      );
      for (let index = 1; index <= DOCUMENTS; index++) {
        const text = canonicalJson(bigDocument(index));
        document.run(index, contentHash(text), deflateRawSync(text));
        version.run(START_MS + index * 60_000, index);
      }
    })();
  } finally {
    db.close();
  }
}

async function inflatedBytes(file: string): Promise<number> {
  let bytes = 0;
  const stream = createReadStream(file, { start: HEADER_BYTES }).pipe(createGunzip());
  for await (const chunk of stream as AsyncIterable<Buffer>) bytes += chunk.length;
  return bytes;
}

function runChild(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--import', 'tsx', CHILD, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, CONTROL_ROOM_DATA_DIR: temporaryDirectory('stream-data') },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('bundle streaming', () => {
  it('exports and imports a bundle of 200 MB of records within a 48 MB heap', async () => {
    const directory = temporaryDirectory('large-archive');
    buildLargeArchive(directory);
    const outFile = join(temporaryDirectory('large-bundle'), 'large.vkbundle');
    const importDirectory = join(temporaryDirectory('large-import'), 'archive');

    const result = await runChild([directory, outFile, importDirectory]);
    expect(result.stderr.split('\n').filter((line) => /heap|Error/.test(line))).toEqual([]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    const recordBytes = await inflatedBytes(outFile);
    // Four times the heap limit: a bundle held whole, as text or parsed, could not fit.
    expect(recordBytes).toBeGreaterThan(4 * HEAP_LIMIT_MB * 2 ** 20);
    expect(report.importedRecords).toBe(report.exportedRecords);
    expect(report.peakHeapBytes).toBeLessThan(HEAP_LIMIT_MB * 2 ** 20);
    expect(report.maxRssBytes).toBeLessThan(recordBytes);
    process.stdout.write(
      `bundle streaming: ${(recordBytes / 1e6).toFixed(0)} MB of records, ` +
        `${(report.bundleBytes! / 1e6).toFixed(1)} MB file, peak heap ` +
        `${(report.peakHeapBytes! / 1e6).toFixed(1)} MB, ` +
        `peak RSS ${(report.maxRssBytes! / 1e6).toFixed(0)} MB\n`,
    );
  }, 300_000);
});
