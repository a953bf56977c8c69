// Deltas between consecutive snapshots: how much a reading moved, and how fast.
import { MS_PER_HOUR, presentPoints, type Point } from './measured';

export interface Delta {
  fromMs: number;
  toMs: number;
  from: number;
  to: number;
  change: number;
  /** change per hour over the interval. */
  perHour: number;
}

/** Changes between consecutive readings with a value (a null in between is skipped). */
export function consecutiveDeltas(points: readonly Point[]): Delta[] {
  const present = presentPoints(points);
  const deltas: Delta[] = [];
  for (let index = 1; index < present.length; index++) {
    const previous = present[index - 1]!;
    const current = present[index]!;
    const intervalMs = current.atMs - previous.atMs;
    if (intervalMs <= 0) continue;
    const change = current.value - previous.value;
    deltas.push({
      fromMs: previous.atMs,
      toMs: current.atMs,
      from: previous.value,
      to: current.value,
      change,
      perHour: (change / intervalMs) * MS_PER_HOUR,
    });
  }
  return deltas;
}

export interface SetDelta {
  added: string[];
  removed: string[];
}

/** What appeared and what went away between two lists (containers between snapshots). */
export function setDelta(before: readonly string[], after: readonly string[]): SetDelta {
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  return {
    added: [...afterSet].filter((item) => !beforeSet.has(item)).sort(),
    removed: [...beforeSet].filter((item) => !afterSet.has(item)).sort(),
  };
}
