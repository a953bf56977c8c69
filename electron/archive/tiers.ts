// Resolutions the archive keeps and for how long. Retention is measured back from the newest
// sample in the archive, not the wall clock, so an archive opened for review months later still
// holds what it held when it was closed.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface Retention {
  /** Raw samples of every tick. Default 48 h. */
  rawMs: number;
  /** One-minute rollups. Default 30 days. */
  minuteMs: number;
  /** Fifteen-minute rollups. Default a year. */
  quarterHourMs: number;
  /** Document versions and events. Default a year. */
  historyMs: number;
}

export const defaultRetention: Retention = {
  rawMs: 48 * HOUR_MS,
  minuteMs: 30 * DAY_MS,
  quarterHourMs: 365 * DAY_MS,
  historyMs: 365 * DAY_MS,
};

export type RollupTierName = '1m' | '15m';

export interface RollupTier {
  name: RollupTierName;
  table: 'rollup_1m' | 'rollup_15m';
  bucketMs: number;
  /** Buckets of one series stored together in one row, aligned to multiples of chunkMs. */
  chunkMs: number;
  retention: keyof Retention;
}

/** Finest first: each tier is rolled up from the one before it (the first from raw samples). */
export const rollupTiers: readonly RollupTier[] = [
  { name: '1m', table: 'rollup_1m', bucketMs: MINUTE_MS, chunkMs: HOUR_MS, retention: 'minuteMs' },
  {
    name: '15m',
    table: 'rollup_15m',
    bucketMs: 15 * MINUTE_MS,
    chunkMs: 6 * HOUR_MS,
    retention: 'quarterHourMs',
  },
];

export function alignDown(timeMs: number, stepMs: number): number {
  return Math.floor(timeMs / stepMs) * stepMs;
}
