// The summary rows every benchmark returns, and the one table `control-room bench` prints.
import { formatTable } from './stats';

export interface Target {
  /** Lower is better (`<=`) or higher is better (`>=`). */
  op: '<=' | '>=';
  value: number;
}

export interface SummaryRow {
  /** The benchmark; filled in by the runner when absent. */
  bench?: string;
  figure: string;
  /** Null when it could not be measured; `note` says why. */
  value: number | null;
  unit: string;
  target: Target | null;
  /** The same figure for the baseline measured in the same run, in the same unit. */
  baseline: number | null;
  /** How many times better than the baseline (above 1: better); null without a baseline. */
  ratio: number | null;
  note?: string;
}

/** A ratio readable at any size: 482x, 4.5x, 0.23x. */
export function formatRatio(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '-';
  return `${value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2)}x`;
}

/** A figure with about three significant digits. */
export function formatValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '-';
  const size = Math.abs(value);
  if (size >= 100 || Number.isInteger(value)) return value.toFixed(0);
  if (size >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** Within the target, missing it, or no target / no value. */
export function targetVerdict(row: SummaryRow): string {
  if (row.target === null || row.value === null) return '-';
  const within =
    row.target.op === '<=' ? row.value <= row.target.value : row.value >= row.target.value;
  return within ? 'within' : 'MISSES';
}

/** Baseline over value for lower-is-better figures, value over baseline otherwise. */
export function ratioToBaseline(
  value: number | null,
  baseline: number | null,
  better: 'lower' | 'higher',
): number | null {
  if (value === null || baseline === null || value === 0 || baseline === 0) return null;
  return better === 'lower' ? baseline / value : value / baseline;
}

export function formatSummary(rows: readonly SummaryRow[]): string {
  return formatTable(
    ['bench', 'figure', 'value', 'unit', 'target', 'vs target', 'baseline', 'ratio', 'note'],
    rows.map((row) => [
      row.bench ?? '-',
      row.figure,
      formatValue(row.value),
      row.unit,
      row.target ? `${row.target.op} ${formatValue(row.target.value)}` : '-',
      targetVerdict(row),
      formatValue(row.baseline),
      formatRatio(row.ratio),
      row.note ?? '',
    ]),
  );
}
