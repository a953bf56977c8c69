// Turns the archive's trend buckets (or this page's own history) into rows a chart draws: one
// row per moment, one column per series, null where there was no number, and the stretches with
// no telemetry at all as labelled gaps. Pure, so the gap rules are tested without a browser.
import type { ResultOf } from '../../shared/api/contract';
import type { HistorySample } from '../state/history';

export type TrendView = ResultOf<'trend.query'>[number];

export const trendRanges = ['1h', '6h', '24h', '7d', '30d'] as const;
export type TrendRange = (typeof trendRanges)[number];

const HOUR_MS = 3_600_000;
export const rangeMs: Record<TrendRange, number> = {
  '1h': HOUR_MS,
  '6h': 6 * HOUR_MS,
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
};

/** The chart's points per series: the contract's limit of a readable line. */
export const TREND_POINTS = 600;

export interface ChartRow {
  atMs: number;
  [series: string]: number | null;
}

/**
 * A stretch without numbers. `no-telemetry`: samples were collected and came back null (the node
 * dark, the exporter down). `not-recorded`: the archive holds nothing there at all (before it
 * started, or while the core was stopped).
 */
export interface Gap {
  fromMs: number;
  toMs: number;
  kind: 'no-telemetry' | 'not-recorded';
}

/** One row per bucket start, each series' mean in its own column (null: no number there). */
export function chartRows(trends: readonly TrendView[]): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const trend of trends) {
    for (const bucket of trend.buckets) {
      const row = rows.get(bucket.startMs) ?? { atMs: bucket.startMs };
      row[trend.series] = bucket.mean;
      rows.set(bucket.startMs, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.atMs - b.atMs);
}

/**
 * Stretches where no series had a number, adjacent empty buckets merged. A bucket where any
 * series saw null samples is `no-telemetry`; one where none saw anything is `not-recorded`.
 */
export function telemetryGaps(trends: readonly TrendView[]): Gap[] {
  const empty = new Map<number, { endMs: number; nulls: number }>();
  const filled = new Set<number>();
  for (const trend of trends) {
    for (const bucket of trend.buckets) {
      if (bucket.mean !== null) {
        filled.add(bucket.startMs);
        continue;
      }
      const previous = empty.get(bucket.startMs);
      empty.set(bucket.startMs, {
        endMs: Math.max(previous?.endMs ?? 0, bucket.endMs),
        nulls: (previous?.nulls ?? 0) + bucket.nulls,
      });
    }
  }
  const starts = [...empty.keys()].filter((start) => !filled.has(start)).sort((a, b) => a - b);
  const gaps: Gap[] = [];
  for (const start of starts) {
    const { endMs, nulls } = empty.get(start) ?? { endMs: start, nulls: 0 };
    const kind = nulls > 0 ? 'no-telemetry' : 'not-recorded';
    const last = gaps.at(-1);
    if (last && last.toMs >= start && last.kind === kind) last.toMs = Math.max(last.toMs, endMs);
    else gaps.push({ fromMs: start, toMs: endMs, kind });
  }
  return gaps;
}

/** The same rows from this page's recent snapshots, for when the archive cannot answer. */
export function historyRows(history: readonly HistorySample[], keys: readonly string[]) {
  return history.map((sample) => {
    const row: ChartRow = { atMs: Date.parse(sample.takenAt) };
    for (const key of keys) row[key] = sample.values[key] ?? null;
    return row;
  });
}

/** The range ending at `endIso` (the newest snapshot's time: plant time on the demo plant). */
export function rangeBounds(range: TrendRange, endIso: string): { from: string; to: string } {
  const toMs = Date.parse(endIso);
  return { from: new Date(toMs - rangeMs[range]).toISOString(), to: new Date(toMs).toISOString() };
}
