// What keeps the rules cheap from tick to tick (electron/findings/rules/incremental.ts, the log
// index of rules/common.ts, the selection median) gives exactly what reading everything again
// gives: each is checked against the plain computation, tick after tick, on generated histories.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingHistory } from '../../electron/findings/history';
import { median } from '../../electron/findings/quantities/measured';
import { restartChanges } from '../../electron/findings/quantities/recycle';
import { logEntries, selectedEntries, seriesPoints } from '../../electron/findings/rules/common';
import { latestPresent, restartChangesSince } from '../../electron/findings/rules/incremental';
import type { ContainerLogs, LogLevel } from '../../shared/snapshot';
import { MINUTE_MS, nodeSnapshot, snapshotsEvery } from './history-helpers';
import { logsOf, START, START_MS } from './rules/builders';

const KEY = 'vk01|container:visualizer|restartCount';
const WINDOW_MS = 30 * MINUTE_MS;

/** Readings 20 s apart; null stands for a missing reading. */
const readings = fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), {
  maxLength: 200,
});

describe('median by selection', () => {
  it('equals the middle of the sorted list (the mean of the middle two for an even count)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1 }), (values) => {
        const sorted = [...values].sort((left, right) => left - right);
        const middle = sorted.length >> 1;
        const expected =
          sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
        expect(median(values)).toBe(expected);
      }),
    );
  });
});

describe('series carried forward', () => {
  it('restart changes and the newest value match a full read at every tick', () => {
    fc.assert(
      fc.property(readings, (values) => {
        const history = new RollingHistory();
        values.forEach((value, index) => {
          const atMs = START_MS + index * 20_000;
          history.pushSample(KEY, atMs, { value, nullKind: value === null ? 'error' : null });
          const sinceMs = atMs - WINDOW_MS;
          const full = seriesPoints(history, KEY, sinceMs);
          expect(restartChangesSince(history, KEY, sinceMs)).toEqual(restartChanges(full));
          const newest = full.findLast((point) => point.value !== null) ?? null;
          expect(latestPresent(history, KEY, sinceMs)).toEqual(newest);
        });
      }),
    );
  });
});

/** The plain reading of log lines: every digest, every line, the first of each kept. */
function plainEntries(history: RollingHistory, sinceMs: number) {
  const seen = new Set<string>();
  const found: { node: string; container: string; at: string | null; text: string }[] = [];
  for (const digest of history.logs({ sinceMs })) {
    for (const line of digest.logs.lines) {
      const key = `${digest.node}|${digest.container}|${line.at}|${line.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (line.at !== null && Date.parse(line.at) < sinceMs) continue;
      found.push({ node: digest.node, container: digest.container, at: line.at, text: line.text });
    }
  }
  return found.sort((left, right) => Date.parse(left.at ?? '') - Date.parse(right.at ?? ''));
}

describe('log lines read through the log index', () => {
  it('match the plain reading when fast ticks repeat a read and reads overlap', () => {
    let logs: ContainerLogs = logsOf([]);
    const snapshots = snapshotsEvery(START, 5_000, 40, (tick, atMs) => {
      // A new read every fourth tick, overlapping the one before (its last line again); the
      // fast ticks in between carry the same read object, as the collector's do.
      if (tick % 4 === 0) {
        const lines: [number, LogLevel, string][] = [
          [atMs - 9_000, 'info', `line ${tick - 4}`],
          [atMs - 1_000, tick % 8 === 0 ? 'error' : 'info', `line ${tick}`],
        ];
        logs = logsOf(tick === 0 ? lines.slice(1) : lines);
      }
      return { vk01: nodeSnapshot({ logs: { visualizer: logs } }) };
    });
    const history = new RollingHistory();
    for (const snapshot of snapshots) {
      expect(history.push(snapshot)).toBe(true);
      for (const windowMs of [20_000, 60_000, 10 * MINUTE_MS]) {
        const sinceMs = history.nowMs - windowMs;
        const read = logEntries(history, { sinceMs }).map(({ node, container, at, text }) => ({
          node,
          container,
          at,
          text,
        }));
        expect(read).toEqual(plainEntries(history, sinceMs));
        expect(read.length).toBeGreaterThan(0);
        const errors = selectedEntries(history, { sinceMs }, 'errors', (entry) =>
          entry.text.endsWith('0'),
        );
        expect(errors).toEqual(
          logEntries(history, { sinceMs }).filter((entry) => entry.text.endsWith('0')),
        );
      }
    }
  });
});
