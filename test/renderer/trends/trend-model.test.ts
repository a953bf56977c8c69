import { describe, expect, it } from 'vitest';
import {
  chartRows,
  historyRows,
  rangeBounds,
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

describe('chart rows', () => {
  it('put each series in its own column, one row per bucket, nulls kept as gaps', () => {
    const rows = chartRows([trend('a', [1, 'null', 3]), trend('b', [10, 20, 'empty'])]);
    expect(rows).toEqual([
      { atMs: 0, a: 1, b: 10 },
      { atMs: MINUTE, a: null, b: 20 },
      { atMs: 2 * MINUTE, a: 3, b: null },
    ]);
  });
});

describe('telemetry gaps', () => {
  it('are stretches where no series had a number, merged, and never zero', () => {
    const gaps = telemetryGaps([
      trend('a', ['empty', 'empty', 5, 'null', 'null', 6, 'null']),
      trend('b', ['empty', 'empty', 'null', 'null', 'null', 'null', 'null']),
    ]);
    expect(gaps).toEqual([
      { fromMs: 0, toMs: 2 * MINUTE, kind: 'not-recorded' },
      { fromMs: 3 * MINUTE, toMs: 5 * MINUTE, kind: 'no-telemetry' },
      { fromMs: 6 * MINUTE, toMs: 7 * MINUTE, kind: 'no-telemetry' },
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
    expect(historyRows(history, ['k'])).toEqual([
      { atMs: Date.parse('2026-02-19T00:00:00.000Z'), k: 5 },
      { atMs: Date.parse('2026-02-19T00:05:00.000Z'), k: null },
    ]);
  });
});
