// `control-room export` and `control-room import`: a bundle of the demo plant's archive made and
// imported from the command line, a file of snapshots imported, and bad input refused with exit
// 2, a message naming what is wrong, and nothing written.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../electron/archive';
import { EXIT_BAD_INPUT, EXIT_OK, run, type Output } from '../electron/cli';
import { createDemoPlant } from '../electron/demo';
import type { Snapshot } from '../shared/snapshot';
import { fileHash } from './archive/bundle-fixture';
import { temporaryDirectory } from './helpers/temporary';

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

const TICK_MS = 60_000;
let snapshots: Snapshot[];
let directory: string;

/** Eight demo-plant ticks a minute apart (plant time), recorded into an archive. */
beforeAll(async () => {
  const plant = createDemoPlant({ speed: 0 });
  snapshots = [];
  try {
    for (let tick = 0; tick < 8; tick++) {
      if (tick > 0) plant.clock.advance(TICK_MS);
      snapshots.push(await plant.collector.collectOnce());
    }
  } finally {
    await plant.collector.stop();
  }
  directory = temporaryDirectory('cli-archive');
  const archive = Archive.open({ directory });
  for (const snapshot of snapshots) archive.recordSnapshot(snapshot);
  archive.close();
}, 60_000);

const firstAt = () => snapshots[0]!.takenAt;
const afterLast = () => new Date(Date.parse(snapshots.at(-1)!.takenAt) + 1).toISOString();

describe('control-room export and import', () => {
  it('exports a range with the demo fleet and imports it into a new archive', async () => {
    const out = join(temporaryDirectory('cli-bundle'), 'shift.vkbundle');
    const exported = capture();
    const argv = ['--archive', directory, '--from', firstAt(), '--to', afterLast(), '--out', out];
    expect(await run(['export', ...argv, '--demo'], exported)).toEqual({ exitCode: EXIT_OK });
    expect(exported.lines).toHaveLength(1);
    expect(exported.lines[0]).toMatch(
      new RegExp(
        `^Exported \\d+ records \\(raw 24, chunks 0, documents \\d+, .*audit 0\\) ` +
          `from ${firstAt()} to .* into ${out}: \\d+ bytes$`,
      ),
    );

    const target = join(temporaryDirectory('cli-import'), 'review');
    const imported = capture();
    expect(await run(['import', out, '--archive', target], imported)).toEqual({
      exitCode: EXIT_OK,
    });
    expect(imported.lines[0]).toMatch(
      /^Imported \d+ records \(raw 24, chunks 0, .*\) from .* bytes\) into /,
    );
    const copy = Archive.open({ directory: target, readOnly: true });
    const original = Archive.open({ directory, readOnly: true });
    try {
      expect(copy.listSeries()).toEqual(original.listSeries());
      expect(copy.documentsAt(afterLast())).toEqual(original.documentsAt(afterLast()));
    } finally {
      copy.close();
      original.close();
    }
  });

  it('imports a file of snapshots into a new archive', async () => {
    const file = join(temporaryDirectory('cli-snapshots'), 'shift.jsonl');
    writeFileSync(file, snapshots.map((snapshot) => `${JSON.stringify(snapshot)}\n`).join(''));
    const target = join(temporaryDirectory('cli-from-snapshots'), 'archive');
    const output = capture();
    expect(await run(['import', file, '--archive', target], output)).toEqual({ exitCode: EXIT_OK });
    expect(output.lines[0]).toMatch(
      new RegExp(`^Imported 8 snapshots of 03002 from ${firstAt()} to .* bytes\\) into ${target}$`),
    );
    const archive = Archive.open({ directory: target, readOnly: true });
    try {
      expect(archive.range()?.firstMs).toBe(Date.parse(firstAt()));
    } finally {
      archive.close();
    }
  });

  it('refuses a file of snapshots with a bad line, naming it, and writes nothing', async () => {
    const broken = structuredClone(snapshots[2]!);
    (broken.nodes.vk01!.host as unknown as Record<string, unknown>).load1 = 'high';
    const lines = [snapshots[0], snapshots[1], broken, snapshots[3]].map((line) =>
      JSON.stringify(line),
    );
    const file = join(temporaryDirectory('cli-bad-snapshots'), 'bad.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const before = fileHash(join(directory, 'archive.sqlite'));
    const output = capture();
    expect(await run(['import', file, '--archive', directory], output)).toEqual({
      exitCode: EXIT_BAD_INPUT,
    });
    expect(output.errors.join('\n')).toMatch(
      new RegExp(
        `${file}: not a snapshot: nodes\\.vk01\\.host\\.load1: .*number.* \\(at line 3\\)`,
      ),
    );
    expect(fileHash(join(directory, 'archive.sqlite'))).toBe(before);
  });

  it('refuses snapshots out of order, naming the line', async () => {
    const file = join(temporaryDirectory('cli-order'), 'order.jsonl');
    writeFileSync(
      file,
      [snapshots[1], snapshots[0]].map((line) => JSON.stringify(line)).join('\n'),
    );
    const output = capture();
    expect(await run(['import', file, '--archive', temporaryDirectory('x')], output)).toEqual({
      exitCode: EXIT_BAD_INPUT,
    });
    expect(output.errors[0]).toMatch(/is not after the line before .* oldest first \(at line 2\)/);
  });

  it.each([
    [['export', '--from', '0', '--to', '1', '--out', 'x'], 'export needs --archive DIR'],
    [
      ['export', '--archive', 'A', '--from', 'yesterday', '--to', '1', '--out', 'x'],
      '--from must be an ISO-8601 time',
    ],
    [
      ['export', '--archive', 'A', '--from', '5', '--to', '1', '--out', 'x'],
      '--from must be before --to',
    ],
    [
      ['export', '--archive', '/nonexistent/a', '--from', '0', '--to', '1', '--out', '/tmp/none.b'],
      'no archive in /nonexistent/a',
    ],
    [
      ['export', '--archive', 'A', '--from', '0', '--to', '1', '--out', '/nonexistent/dir/b'],
      'the directory of /nonexistent/dir/b does not exist',
    ],
    [['import', '--archive', 'A'], 'import needs one FILE'],
    [['import', 'F'], 'import needs --archive DIR'],
    [['import', '/nonexistent/f', '--archive', 'A'], '/nonexistent/f: no such file'],
  ])('exits 2 naming the problem for %j', async (argv, message) => {
    const output = capture();
    expect(await run(argv, output)).toEqual({ exitCode: EXIT_BAD_INPUT });
    expect(output.errors.join('\n')).toContain(message);
  });

  it('refuses an empty range and an existing --out, writing nothing', async () => {
    const folder = temporaryDirectory('cli-empty-range');
    const out = join(folder, 'empty.vkbundle');
    const output = capture();
    const argv = ['export', '--archive', directory, '--from', '0', '--to', '1000', '--out', out];
    expect(await run(argv, output)).toEqual({ exitCode: EXIT_BAD_INPUT });
    expect(output.errors[0]).toMatch(
      /holds no samples from 1970-01-01T00:00:00.000Z .* \(it holds /,
    );
    expect(readdirSync(folder)).toEqual([]);

    writeFileSync(out, 'mine');
    const again = capture();
    const full = [
      'export',
      '--archive',
      directory,
      '--from',
      firstAt(),
      '--to',
      afterLast(),
      '--out',
      out,
    ];
    expect(await run(full, again)).toEqual({ exitCode: EXIT_BAD_INPUT });
    expect(again.errors[0]).toContain(`${out} already exists`);
    expect(existsSync(out)).toBe(true);
  });
});
