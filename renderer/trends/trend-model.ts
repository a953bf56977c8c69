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

/** One point of one series: a bucket's mean, or null where samples came back without one. */
export interface ChartPoint {
  atMs: number;
  value: number | null;
}

/** A silence this many times the usual spacing of samples breaks the line. */
const SILENCE_FACTOR = 3;

/** The usual time between buckets that hold samples, over all series; null with too few. */
export function sampleSpacingMs(trends: readonly TrendView[]): number | null {
  const starts = [
    ...new Set(
      trends.flatMap((trend) =>
        trend.buckets.filter((bucket) => bucket.count + bucket.nulls > 0).map((b) => b.startMs),
      ),
    ),
  ].sort((a, b) => a - b);
  const steps = starts.slice(1).map((start, index) => start - (starts[index] ?? start));
  if (steps.length === 0) return null;
  return steps.sort((a, b) => a - b)[Math.floor(steps.length / 2)] ?? null;
}

/**
 * A series' points: buckets that held samples only (buckets finer than the collection cadence
 * are mostly empty and must not break the line), null where samples had no number, and a null
 * inserted across a silence much longer than usual, so the line never bridges it.
 */
export function seriesPoints(trend: TrendView, spacingMs: number | null): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (const bucket of trend.buckets) {
    if (bucket.count + bucket.nulls === 0) continue;
    const previous = points.at(-1);
    if (previous && spacingMs && bucket.startMs - previous.atMs > SILENCE_FACTOR * spacingMs) {
      points.push({ atMs: previous.atMs + spacingMs, value: null });
    }
    points.push({ atMs: bucket.startMs, value: bucket.mean });
  }
  return points;
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

/**
 * Stretches where no series had a number, adjacent empty buckets merged. A bucket where any
 * series saw null samples is `no-telemetry`; a long run where none saw anything is
 * `not-recorded`.
 */
export function telemetryGaps(trends: readonly TrendView[]): Gap[] {
  const spacingMs = sampleSpacingMs(trends);
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
  // Buckets finer than the cadence are empty between samples: only a long silence counts.
  const minimumMs = SILENCE_FACTOR * (spacingMs ?? 0);
  return gaps.filter((gap) => gap.kind === 'no-telemetry' || gap.toMs - gap.fromMs > minimumMs);
}

/** One series from this page's recent snapshots, for when the archive cannot answer. */
export function historyPoints(history: readonly HistorySample[], key: string): ChartPoint[] {
  return history.map((sample) => ({
    atMs: Date.parse(sample.takenAt),
    value: sample.values[key] ?? null,
  }));
}

/** The range ending at `endIso` (the newest snapshot's time: plant time on the demo plant). */
export function rangeBounds(range: TrendRange, endIso: string): { from: string; to: string } {
  const toMs = Date.parse(endIso);
  return { from: new Date(toMs - rangeMs[range]).toISOString(), to: new Date(toMs).toISOString() };
}
