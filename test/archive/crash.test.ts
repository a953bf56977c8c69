// Crash safety: a real child process archiving ticks is killed with SIGKILL mid-write, three
// times over. Each time the archive opens cleanly, passes SQLite's integrity check, and holds
// every tick the child reported committed, plus at most the one in flight.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../helpers/temporary';
import { reopen } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..');
const WRITER = join(import.meta.dirname, 'crash-writer.ts');

/** Runs the writer until it has committed `ticks` ticks and a few more, then kills it. */
async function writeAndKill(directory: string, ticks: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, directory], {
    cwd: ROOT,
    env: { ...process.env, CONTROL_ROOM_DATA_DIR: temporaryDirectory('crash-data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const committed: number[] = [];
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const killAt = ticks + Math.floor(Math.random() * 100);
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) committed.push(Number(line.split(' ')[1]));
    if (committed.length >= killAt) child.kill('SIGKILL');
  });
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
  );
  if (signal !== 'SIGKILL') throw new Error(`writer exited on its own (${code}): ${errors}`);
  return committed;
}

function storedTicks(file: string): Map<number, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT at_ms, COUNT(*) AS nodes FROM raw_tick GROUP BY at_ms');
    return new Map(
      (rows.all() as { at_ms: number; nodes: number }[]).map((row) => [row.at_ms, row.nodes]),
    );
  } finally {
    db.close();
  }
}

describe('an archive whose writer is killed with SIGKILL', () => {
  it('opens cleanly with every committed tick and at most the one in flight more', async () => {
    const directory = temporaryDirectory('crash');
    const everyCommitted: number[] = [];
    for (let round = 0; round < 3; round++) {
      const committed = await writeAndKill(directory, 300);
      everyCommitted.push(...committed);
      const archive = reopen(directory);
      expect(archive.integrityCheck()).toEqual(['ok']);
      const stored = storedTicks(archive.file);
      for (const atMs of everyCommitted) expect(stored.get(atMs)).toBe(3);
      const lastMs = Math.max(...everyCommitted);
      const later = [...stored.keys()].filter((atMs) => atMs > lastMs);
      expect(later.length).toBeLessThanOrEqual(1);
      everyCommitted.push(...later);
      // Rollups resume where they stopped and agree with what is stored.
      while (!archive.maintain({ budgetMs: 1_000 }).idle);
      expect(archive.integrityCheck()).toEqual(['ok']);
      archive.close();
    }
  }, 120_000);
});
