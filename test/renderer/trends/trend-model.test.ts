import { describe, expect, it } from 'vitest';
import {
  historyPoints,
  rangeBounds,
  sampleSpacingMs,
  seriesPoints,
  telemetryGaps,
  type TrendView,
} from '../../../renderer/trends/trend-model';
import type { HistorySample } from '../../../renderer/state/history';

const MINUTE = 60_000;

/** A trend with one bucket per minute from 0: a number, null with samples, or nothing at all. */
function trend(series: string, means: (number | 'null' | 'empty')[]): TrendView {
  return {
    series,
    resolution: 'raw',
    bucketMs: MINUTE,
    buckets: means.map((mean, index) => ({
      startMs: index * MINUTE,
      endMs: (index + 1) * MINUTE,
      min: typeof mean === 'number' ? mean : null,
      mean: typeof mean === 'number' ? mean : null,
      max: typeof mean === 'number' ? mean : null,
      count: typeof mean === 'number' ? 1 : 0,
      nulls: mean === 'null' ? 3 : 0,
      nullKind: mean === 'null' ? 'channel-down' : null,
    })),
  };
}

describe('series points', () => {
  it('skip buckets without samples, keep nulls as breaks, and never turn null into 0', () => {
    // Buckets finer than the cadence: a sample every other minute.
    const sparse = trend('a', [1, 'empty', 'null', 'empty', 3, 'empty']);
    const spacing = sampleSpacingMs([sparse]);
    expect(spacing).toBe(2 * MINUTE);
    expect(seriesPoints(sparse, spacing)).toEqual([
      { atMs: 0, value: 1 },
      { atMs: 2 * MINUTE, value: null },
      { atMs: 4 * MINUTE, value: 3 },
    ]);
  });

  it('break the line across a silence much longer than the usual spacing', () => {
    const silent = trend('a', [1, 2, 3, 'empty', 'empty', 'empty', 'empty', 4]);
    expect(seriesPoints(silent, sampleSpacingMs([silent]))).toEqual([
      { atMs: 0, value: 1 },
      { atMs: MINUTE, value: 2 },
      { atMs: 2 * MINUTE, value: 3 },
      { atMs: 3 * MINUTE, value: null },
      { atMs: 7 * MINUTE, value: 4 },
    ]);
  });
});

describe('telemetry gaps', () => {
  it('are stretches where no series had a number, merged; silence only when long', () => {
    const gaps = telemetryGaps([
      trend('a', ['empty', 'empty', 'empty', 'empty', 5, 'null', 'null', 6, 'null', 'empty', 7]),
      trend('b', ['empty', 'empty', 'empty', 'empty', 'null', 'null', 'null', 'null', 'null']),
    ]);
    expect(gaps).toEqual([
      { fromMs: 0, toMs: 4 * MINUTE, kind: 'not-recorded' },
      { fromMs: 5 * MINUTE, toMs: 7 * MINUTE, kind: 'no-telemetry' },
      { fromMs: 8 * MINUTE, toMs: 9 * MINUTE, kind: 'no-telemetry' },
    ]);
  });

  it('are none when any series has a number in every bucket', () => {
    expect(telemetryGaps([trend('a', [1, 'null']), trend('b', ['null', 2])])).toEqual([]);
  });
});

describe('ranges and the session history', () => {
  it('end at the newest snapshot time', () => {
    expect(rangeBounds('6h', '2026-02-19T00:30:00.000Z')).toEqual({
      from: '2026-02-18T18:30:00.000Z',
      to: '2026-02-19T00:30:00.000Z',
    });
  });

  it('read the history with null where a sample lacked the series', () => {
    const history: HistorySample[] = [
      { takenAt: '2026-02-19T00:00:00.000Z', values: { k: 5 } },
      { takenAt: '2026-02-19T00:05:00.000Z', values: {} },
    ];
    expect(historyPoints(history, 'k')).toEqual([
      { atMs: Date.parse('2026-02-19T00:00:00.000Z'), value: 5 },
      { atMs: Date.parse('2026-02-19T00:05:00.000Z'), value: null },
    ]);
  });
});
