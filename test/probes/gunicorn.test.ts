import { describe, expect, it } from 'vitest';
import { parseGunicornLog, summarizeGunicorn } from '../../electron/probes/gunicorn';
import { expectAllCovered, readFixture } from './fixtures';

const FOLDER = '11-gunicorn';
const files = {
  bootLoop: 'gunicorn-19.9-compose-prefix-silent-boot-loop-excerpt.txt',
  signals: 'gunicorn-20.1.0-timeouts-terminated-signal-6-and-9-debug.txt',
  oldFormat: 'gunicorn-2015-old-format-worker-count-lines.txt',
  oomKill: 'worker-timeout-then-sigkill-perhaps-oom-2024.txt',
};
const parse = (file: string) => parseGunicornLog(readFixture(FOLDER, file));

it('covers every gunicorn fixture', () => {
  expectAllCovered(FOLDER, Object.values(files));
});

describe('gunicorn logs', () => {
  it('reads a silent boot loop behind the Compose v1 prefix', () => {
    const { value } = parse(files.bootLoop);
    expect(value.otherLines).toBe(0);
    expect(value.events[0]).toMatchObject({
      kind: 'starting',
      message: 'Starting gunicorn 19.9.0',
      timeText: '2019-02-23 09:08:17 +0000',
      pid: 1,
    });
    expect(value.events[1]?.kind).toBe('listening');
    expect(value.events[2]?.kind).toBe('other');
    expect(summarizeGunicorn(value.events)).toEqual({
      workerBoots: 13,
      workerTimeouts: 0,
      workerKills: 0,
      suspectedOomKills: 0,
    });
    expect(value.events.at(-1)).toMatchObject({ kind: 'worker-boot', workerPid: 56 });
  });

  it('reads timeouts and workers terminated by signals 6 and 9', () => {
    const { value } = parse(files.signals);
    expect(summarizeGunicorn(value.events)).toEqual({
      workerBoots: 2,
      workerTimeouts: 4,
      workerKills: 4,
      suspectedOomKills: 0,
    });
    const signals = value.events.filter((event) => event.kind === 'worker-signal');
    expect(signals.map((event) => [event.workerPid, event.signal])).toEqual([
      [7214, 6],
      [7289, 6],
      [7296, 6],
      [7284, 9],
    ]);
    expect(value.events.at(-1)).toMatchObject({
      kind: 'worker-count',
      workerCount: 2,
      level: 'DEBUG',
    });
  });

  it('reads the 2015 date format and its worker count lines', () => {
    const { value } = parse(files.oldFormat);
    expect(value.events).toHaveLength(15);
    expect(value.events[0]).toMatchObject({
      timeText: '2015-11-12 17:19:09',
      pid: 17027,
      kind: 'worker-count',
      workerCount: 6,
    });
    expect(
      value.events
        .filter((event) => event.kind === 'worker-timeout')
        .map((event) => event.workerPid),
    ).toEqual([17033, 17035, 17030]);
    expect(value.events[6]?.workerCount).toBe(5);
  });

  it('recognises "sent SIGKILL! Perhaps out of memory?" among application lines', () => {
    const { value } = parse(files.oomKill);
    expect(value.otherLines).toBe(3);
    expect(value.events.map((event) => [event.kind, event.workerPid, event.signal])).toEqual([
      ['worker-timeout', 17, null],
      ['worker-oom-kill', 17, 9],
    ]);
    expect(summarizeGunicorn(value.events).suspectedOomKills).toBe(1);
  });

  it('counts truncated and foreign lines without failing', () => {
    const { value, problems } = parseGunicornLog(
      '[2024-11-05 09:25:59 +0000] [16] [CRIT\n\ngarbage\n',
    );
    expect(problems).toEqual([]);
    expect(value).toEqual({ events: [], otherLines: 2 });
  });
});
