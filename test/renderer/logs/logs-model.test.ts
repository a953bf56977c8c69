import { describe, expect, it } from 'vitest';
import type { ContainerLogs, LogLine } from '../../../shared/snapshot';
import {
  isContinuation,
  isFutureDated,
  keepLogs,
  linesOfLevels,
  patternOf,
  repeatedPatterns,
  type KeptLine,
} from '../../../renderer/logs/logs-model';
import { summarizeLogs } from '../../../electron/probes/log-levels';
import { nodeSnapshot, snapshot } from '../snapshot-factory';

function logs(lines: LogLine[], counted = lines.length): ContainerLogs {
  const countsByLevel = { fatal: 0, error: 0, warning: 0, info: 0, debug: 0, unknown: 0 };
  countsByLevel.warning = counted;
  return { countsByLevel, lines, droppedLines: counted - lines.length };
}

const line = (text: string, at: string | null = null): LogLine => ({ at, level: 'warning', text });

describe('kept log lines', () => {
  it('add each snapshot’s new lines, keep the newest, and count every line', () => {
    const first = snapshot('2026-02-18T21:30:00-03:00', {
      vk01: nodeSnapshot({ logs: { plc: logs([line('a'), line('b')], 500) } }),
    });
    const second = snapshot('2026-02-18T21:35:00-03:00', {
      vk01: nodeSnapshot({ logs: { plc: logs([line('c')]), quiet: logs([]) } }),
    });
    const kept = keepLogs(keepLogs({}, first, 2), second, 2);
    expect(kept['vk01/plc']?.lines.map((kept) => kept.text)).toEqual(['b', 'c']);
    expect(kept['vk01/plc']?.total).toBe(501);
    expect(kept['vk01/plc']?.lines[1]?.seenAt).toBe('2026-02-18T21:35:00-03:00');
    // A container with nothing to say takes no room.
    expect(kept['vk01/quiet']).toBeUndefined();
  });
});

describe('future-dated lines', () => {
  const seenAt = '2026-02-18T22:00:00-03:00';
  const kept = (at: string | null): KeptLine => ({ ...line('x', at), seenAt });

  it('are dated more than five minutes after the collection that brought them', () => {
    expect(isFutureDated(kept('2026-02-21T18:00:01-03:00'))).toBe(true);
    expect(isFutureDated(kept('2026-02-18T22:04:00-03:00'))).toBe(false);
    expect(isFutureDated(kept('2026-02-18T21:00:00-03:00'))).toBe(false);
    expect(isFutureDated(kept(null))).toBe(false);
  });
});

describe('repeated patterns', () => {
  it('treat lines differing only in numbers, addresses, ids and quoted values as one', () => {
    expect(patternOf('retry 3 of 5 to 10.244.70.26:4000')).toBe(
      patternOf('retry 4 of 5 to 10.244.70.26:4000'),
    );
    expect(patternOf('database "visionking" does not exist')).toBe(
      'database <text> does not exist',
    );
    expect(patternOf('request 8f3a9c0d12 failed')).toBe('request <id> failed');
  });

  it('count each pattern, with a rate per minute over the span of its lines', () => {
    const seenAt = '2026-02-18T22:00:00Z';
    const lines: KeptLine[] = [0, 1, 2, 3].map((minute) => ({
      ...line(`Connection ${minute} refused`, `2026-02-18T21:5${minute * 2}:00Z`),
      seenAt,
    }));
    lines.push({ ...line('LUT value unknown', null), seenAt });
    const [pattern, ...others] = repeatedPatterns(lines);
    expect(others).toEqual([]);
    expect(pattern).toMatchObject({ pattern: 'Connection <n> refused', count: 4 });
    // Four lines over six minutes.
    expect(pattern?.perMinute).toBeCloseTo(4 / 6);
  });
});

// `docker logs -t` of a Python service logging an exception, then a Java-style trace under INFO.
const tracedLog = [
  '2026-02-19T00:53:00.123456789Z 2026-02-18 21:53:00,123 ERROR infer: batch 7 failed',
  '2026-02-19T00:53:00.123456789Z Traceback (most recent call last):',
  '2026-02-19T00:53:00.123456789Z   File "/app/infer.py", line 42, in run',
  '2026-02-19T00:53:00.123456789Z     result = model(batch)',
  '2026-02-19T00:53:00.123456789Z torch.OutOfMemoryError: CUDA out of memory.',
  '2026-02-19T00:53:01.000000000Z 2026-02-18 21:53:01,000 INFO infer: retrying batch 7',
  '2026-02-19T00:53:01.000000000Z \tat com.example.Retry.run(Retry.java:12)',
  '2026-02-19T00:53:02.000000000Z ready for the next batch',
].join('\n');

describe('level filters and stack traces', () => {
  const kept: KeptLine[] = summarizeLogs(tracedLog).value.lines.map((logLine) => ({
    ...logLine,
    seenAt: '2026-02-19T00:53:05.000Z',
  }));
  const textsOf = (lines: KeptLine[]) => lines.map((kept) => kept.text.slice(31));

  it("keep an error's traceback, which has no level of its own, with the error", () => {
    expect(kept.map((kept) => kept.level)).toEqual([
      'error',
      ...Array(4).fill('unknown'),
      'info',
      'unknown',
      'unknown',
    ]);
    expect(textsOf(linesOfLevels(kept, new Set(['error'])))).toEqual([
      '2026-02-18 21:53:00,123 ERROR infer: batch 7 failed',
      'Traceback (most recent call last):',
      '  File "/app/infer.py", line 42, in run',
      '    result = model(batch)',
      'torch.OutOfMemoryError: CUDA out of memory.',
    ]);
  });

  it('keep a trace with the line it follows, and drop both when that line is filtered', () => {
    expect(textsOf(linesOfLevels(kept, new Set(['info'])))).toEqual([
      '2026-02-18 21:53:01,000 INFO infer: retrying batch 7',
      '\tat com.example.Retry.run(Retry.java:12)',
    ]);
    expect(linesOfLevels(kept, new Set(['warning']))).toEqual([]);
    // Unknown lines of their own stay with the unknown level.
    expect(textsOf(linesOfLevels(kept, new Set(['unknown'])))).toContain(
      'ready for the next batch',
    );
  });

  it('take an exception line as the end of a trace only right after one', () => {
    expect(isContinuation({ level: 'unknown', text: 'ValueError: bad' }, true)).toBe(true);
    expect(isContinuation({ level: 'unknown', text: 'ValueError: bad' }, false)).toBe(false);
    expect(isContinuation({ level: 'error', text: '    at x (y.js:1:1)' })).toBe(false);
  });
});
