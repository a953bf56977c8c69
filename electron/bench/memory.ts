// Memory samples for the endurance and scale benchmarks: resident set and V8 heap after a full
// collection (so garbage waiting to be collected is not counted as growth), and the growth rate
// fitted to them.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemorySample {
  /** Plant time since the start, in hours. */
  atHours: number;
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
}

let gcFunction: (() => void) | null | undefined;

/** A full garbage collection when V8 allows it (it does once --expose-gc is set at run time). */
export function collectGarbage(): boolean {
  if (gcFunction === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gcFunction = runInNewContext('gc') as () => void;
    } catch {
      gcFunction = null;
    }
  }
  gcFunction?.();
  return gcFunction !== null;
}

export function sampleMemory(atHours: number): MemorySample {
  collectGarbage();
  const usage = process.memoryUsage();
  return {
    atHours,
    rssBytes: usage.rss,
    heapUsedBytes: usage.heapUsed,
    externalBytes: usage.external,
  };
}

/**
 * Theil–Sen slope (the median of pairwise slopes) of a figure over time, per hour: robust to
 * the single high sample a garbage collection that came late leaves. Null with fewer than 2.
 */
export function growthPerHour(
  samples: readonly MemorySample[],
  pick: (sample: MemorySample) => number,
): number | null {
  if (samples.length < 2) return null;
  const slopes: number[] = [];
  // At most ~400 points keep the pairwise slopes (n²/2) cheap.
  const step = Math.max(1, Math.floor(samples.length / 400));
  const thinned = samples.filter((_, index) => index % step === 0);
  for (let left = 0; left < thinned.length; left++) {
    for (let right = left + 1; right < thinned.length; right++) {
      const a = thinned[left]!;
      const b = thinned[right]!;
      if (b.atHours > a.atHours) slopes.push((pick(b) - pick(a)) / (b.atHours - a.atHours));
    }
  }
  if (slopes.length === 0) return null;
  slopes.sort((x, y) => x - y);
  return slopes[Math.floor(slopes.length / 2)]!;
}
