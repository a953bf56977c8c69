// `control-room watch`: headless collection into an archive.
import { describe, expect, it } from 'vitest';
import { Archive } from '../electron/archive';
import { EXIT_BAD_INPUT, EXIT_OK, parseDuration, run, type Output } from '../electron/cli';
import { temporaryDirectory } from './helpers/temporary';

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

describe('control-room watch', () => {
  it('records the demo plant into an archive for the given duration', async () => {
    const directory = temporaryDirectory('watch');
    const output = capture();
    const outcome = await run(
      ['watch', '--demo', '--archive', directory, '--duration', '11s'],
      output,
    );

    expect(outcome).toEqual({ exitCode: EXIT_OK });
    expect(output.lines[0]).toBe(`Watching 03002 (demo) into ${directory}`);
    expect(output.lines[1]).toMatch(/^Archived 2026-02-19T.* to 2026-02-19T.*; 0 failed writes\.$/);
    const archive = Archive.open({ directory, readOnly: true });
    try {
      expect(archive.range()).not.toBeNull();
      const series = archive.listSeries({ node: 'vk01' });
      expect(series.length).toBeGreaterThan(10);
    } finally {
      archive.close();
    }
  });

  it.each([
    [['watch', '--demo'], 'watch needs --archive DIR'],
    [['watch', '--archive', '/tmp/x'], 'watch needs --fleet FILE or --demo'],
    [
      ['watch', '--demo', '--archive', '/tmp/x', '--duration', 'forever'],
      '--duration must look like',
    ],
  ])('exits 2 naming the problem for %j', async (argv, message) => {
    const output = capture();
    expect(await run(argv, output)).toEqual({ exitCode: EXIT_BAD_INPUT });
    expect(output.errors.join('\n')).toContain(message);
  });

  it('reads durations in seconds, minutes and hours', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration(undefined)).toBeNull();
  });
});
