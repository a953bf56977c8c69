// `control-room report` over a file of snapshots and over an archive the live service recorded.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive, exportBundle } from '../../electron/archive';
import { EXIT_OK, run, type Output } from '../../electron/cli';
import { LiveFindings } from '../../electron/findings/live';
import { temporaryDirectory } from '../helpers/temporary';
import { demoSnapshots, MINUTE_MS, plantTime } from './history-helpers';

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

const times = [0, 5, 10].map((minutes) => plantTime('2026-02-22 20:06') + minutes * MINUTE_MS);

describe('control-room report', () => {
  it('runs the engine over a file of snapshots and prints the report', async () => {
    const snapshots = await demoSnapshots(times);
    const file = join(temporaryDirectory('report'), 'snapshots.jsonl');
    writeFileSync(file, snapshots.map((snapshot) => JSON.stringify(snapshot)).join('\n') + '\n');
    const output = capture();
    expect(await run(['report', '--snapshots', file], output)).toEqual({ exitCode: EXIT_OK });
    const text = output.lines.join('\n');
    expect(text).toMatch(
      /^# VisionKing 03002 -- Live Improvements Report\n\n## 2026-02-22 20:06 -- /,
    );
    expect(text).toMatch(/\n\d+\. \*\*\[INFO\] vk02 is fully dark — reachable at network level/);

    const json = capture();
    await run(['report', '--snapshots', file, '--format', 'json', '--tz', 'UTC'], json);
    const report = JSON.parse(json.lines.join('\n')) as { cycles: { heading: string }[] };
    expect(report.cycles[0]!.heading).toBe('2026-02-22 23:06');
  }, 60_000);

  it('reads the findings the live service recorded in an archive', async () => {
    const directory = temporaryDirectory('report-archive');
    const archive = Archive.open({ directory });
    const live = new LiveFindings({ archive, maxBusyFraction: null });
    for (const snapshot of await demoSnapshots(times)) {
      archive.recordSnapshot(snapshot);
      live.tick(snapshot);
    }
    const fromService = live.report({ format: 'md' });
    live.close();
    const bundle = join(temporaryDirectory('report-bundle'), 'range.vkbundle');
    await exportBundle(archive, { fromMs: times[0]!, toMs: times[2]! + 1, outFile: bundle });
    archive.close();
    const fromBundle = capture();
    expect(await run(['report', '--bundle', bundle], fromBundle)).toEqual({ exitCode: EXIT_OK });
    expect(`${fromBundle.lines.join('\n')}\n`).toBe(fromService);
    const output = capture();
    expect(await run(['report', '--archive', directory], output)).toEqual({ exitCode: EXIT_OK });
    expect(output.lines.join('\n')).toContain('**[INFO] vk02 is fully dark');
    expect(`${output.lines.join('\n')}\n`).toBe(fromService);
    // Without recorded findings: the engine run again over the archived ticks says the same.
    const replayed = capture();
    expect(await run(['report', '--archive', directory, '--replay'], replayed)).toEqual({
      exitCode: EXIT_OK,
    });
    expect(`${replayed.lines.join('\n')}\n`).toBe(fromService);
    const before = capture();
    await run(['report', '--archive', directory, '--until', String(times[0]! - 1)], before);
    expect(before.lines.join('\n')).toContain('_No findings in this period._');
  }, 60_000);

  it.each([
    [['report'], /exactly one of --archive DIR/],
    [['report', '--snapshots', '/nonexistent/file'], /no such file/],
    [['report', '--snapshots', '/tmp/x', '--replay'], /--replay applies to --archive/],
    [['report', '--bundle', '/etc/hostname'], /hostname/],
    [['report', '--archive', '/tmp', '--format', 'pdf'], /--format must be md or json/],
    [['report', '--archive', '/tmp', '--since', 'yesterday'], /--since must be an ISO-8601/],
    [['report', '--archive', '/tmp', '--tz', 'Mars/Olympus'], /unknown time zone/],
  ])('refuses bad input: %j', async (argv, message) => {
    const output = capture();
    const outcome = await run(argv, output);
    expect(outcome).toEqual({ exitCode: 2 });
    expect(output.errors.join('\n')).toMatch(message);
  });

  it('names the line of a file that is not snapshots', async () => {
    const file = join(temporaryDirectory('report-bad'), 'bad.jsonl');
    writeFileSync(file, '{"version":1}\nnot json\n');
    const output = capture();
    expect(await run(['report', '--snapshots', file], output)).toEqual({ exitCode: 2 });
    expect(output.errors.join('\n')).toMatch(/bad.jsonl:1: not a snapshot/);
  });
});
