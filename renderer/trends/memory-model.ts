// Container memory trends: where a container was killed, restarted or recycled (read from its
// memory and restart-count series), the threshold it heads for, and the forecast line to it.
// The rate and threshold of an open memory-leak finding come first (the core's robust fit);
// without one, a plain fit of the series since its last drop stands in. Pure, so the rules are
// tested without a browser.
import type { FindingView } from '../findings/use-findings';
import type { ChartPoint, TrendView } from './trend-model';

const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const MIB = 1024 * 1024;

/**
 * A fall of memory between consecutive readings larger than this fraction is a drop. The same
 * default as the core's (electron/findings/quantities/recycle.ts): the reference report's
 * recycles lose 24 %, idle wobble a few percent.
 */
export const DROP_FRACTION = 0.2;
/** A drop and a restart this close together are one event: the container died and came back. */
const MATCH_MS = 5 * MINUTE_MS;
/**
 * How late a restart can show in the count: Docker's restart count comes from `docker inspect`
 * on the slow tick, carried over on the fast ticks in between (60 s on a real plant, an hour of
 * plant time on the demo at 60×).
 */
const RESTART_READ_LAG_MS = 60 * MINUTE_MS;
/** The local fit needs this many readings over this long, as the core's leak rule does. */
const FIT_MIN_POINTS = 6;
const FIT_MIN_SPAN_MS = 30 * MINUTE_MS;

/**
 * `killed`: memory fell and the container restarted with it (an OOM kill and Docker's restart),
 * or fell while a kill finding names it. `recycled`: memory fell with no restart (workers
 * replaced inside the container, a compaction). `restarted`: the restart count moved with no
 * fall of memory.
 */
export type MemoryEventKind = 'killed' | 'restarted' | 'recycled';

export interface MemoryEvent {
  atMs: number;
  kind: MemoryEventKind;
  /** Memory before and after the fall; null for a restart without one. */
  fromBytes: number | null;
  toBytes: number | null;
}

interface ValuePoint {
  atMs: number;
  value: number;
}

function present(points: readonly ChartPoint[]): ValuePoint[] {
  return points.filter((point): point is ValuePoint => point.value !== null);
}

/** A counter's readings: the highest of each bucket that held samples with a number. */
export function counterPoints(trend: TrendView | undefined): ValuePoint[] {
  if (!trend) return [];
  return trend.buckets.flatMap((bucket) =>
    bucket.max === null ? [] : [{ atMs: bucket.startMs, value: bucket.max }],
  );
}

/**
 * A change of a restart count: up, Docker restarted it; down, it was re-created or reset. It
 * happened after the reading before (`previousAtMs`) and by this one (`atMs`): Docker's restart
 * count is read on the slow tick, so that can be an hour apart.
 */
export interface RestartChange {
  previousAtMs: number;
  atMs: number;
}

export function restartChanges(restarts: readonly ValuePoint[]): RestartChange[] {
  const changes: RestartChange[] = [];
  for (let index = 1; index < restarts.length; index++) {
    const before = restarts[index - 1]!;
    const after = restarts[index]!;
    if (after.value !== before.value) changes.push({ previousAtMs: before.atMs, atMs: after.atMs });
  }
  return changes;
}

/** Falls of more than `DROP_FRACTION` between consecutive readings; a null gap is skipped. */
export function memoryDrops(memory: readonly ChartPoint[]): MemoryEvent[] {
  const readings = present(memory);
  const drops: MemoryEvent[] = [];
  for (let index = 1; index < readings.length; index++) {
    const before = readings[index - 1]!;
    const after = readings[index]!;
    if (before.value <= 0 || (before.value - after.value) / before.value <= DROP_FRACTION) continue;
    drops.push({
      atMs: after.atMs,
      kind: 'recycled',
      fromBytes: before.value,
      toBytes: after.value,
    });
  }
  return drops;
}

/**
 * The markers of one container: each drop (killed when a restart or a kill finding goes with
 * it, else recycled) and each restart no drop explains. `spacingMs`, the usual time between
 * readings, widens the match window at coarse resolutions.
 */
export function memoryEvents(
  memory: readonly ChartPoint[],
  restarts: readonly ValuePoint[],
  options: { killFinding: boolean; spacingMs: number | null },
): MemoryEvent[] {
  const slackMs = Math.max(MATCH_MS, 1.5 * (options.spacingMs ?? 0));
  const changes = restartChanges(restarts);
  // The restart happened between its two readings, or up to a slow tick before the new value
  // was read: a drop in that span (give or take) is it.
  const explains = (change: RestartChange, atMs: number) =>
    atMs > Math.min(change.previousAtMs, change.atMs - RESTART_READ_LAG_MS) - slackMs &&
    atMs <= change.atMs + slackMs;
  const drops = memoryDrops(memory).map((drop): MemoryEvent => {
    const restarted = changes.some((change) => explains(change, drop.atMs));
    return { ...drop, kind: restarted || options.killFinding ? 'killed' : 'recycled' };
  });
  const lone = changes
    .filter((change) => !drops.some((drop) => explains(change, drop.atMs)))
    .map((change): MemoryEvent => ({
      atMs: change.atMs,
      kind: 'restarted',
      fromBytes: null,
      toBytes: null,
    }));
  return [...drops, ...lone].sort((left, right) => left.atMs - right.atMs);
}

/** Where the threshold comes from; the view words each in the chosen language. */
export type ThresholdSource = 'kill-level' | 'memory-limit' | 'host-memory' | 'finding';

export interface Threshold {
  bytes: number;
  source: ThresholdSource;
}

/** The level it was killed at before: the median memory just before its kills. */
export function killLevelBytes(events: readonly MemoryEvent[]): number | null {
  const levels = events
    .filter((event) => event.kind === 'killed' && event.fromBytes !== null)
    .map((event) => event.fromBytes!)
    .sort((left, right) => left - right);
  if (levels.length === 0) return null;
  const middle = Math.floor(levels.length / 2);
  return levels.length % 2 ? levels[middle]! : (levels[middle - 1]! + levels[middle]!) / 2;
}

/** The core's words for its threshold (memory-leak.ts), to the view's sources. */
const findingSources: Record<string, ThresholdSource> = {
  'level at which it was killed before': 'kill-level',
  'memory limit': 'memory-limit',
  "host's free memory": 'host-memory',
};

/**
 * The threshold: the leak finding's, else the level at which it was killed before, else its
 * newest memory limit. Null when none is known (no limit set, never killed).
 */
export function chooseThreshold(
  leak: FindingView | null,
  events: readonly MemoryEvent[],
  limits: readonly ValuePoint[],
): Threshold | null {
  const thresholdMb = leak?.numbers.thresholdMb ?? null;
  if (thresholdMb !== null && thresholdMb > 0) {
    const words = leak?.evidence.values.threshold;
    const source = typeof words === 'string' ? (findingSources[words] ?? 'finding') : 'finding';
    return { bytes: thresholdMb * MIB, source };
  }
  const killed = killLevelBytes(events);
  if (killed !== null) return { bytes: killed, source: 'kill-level' };
  const limit = limits.at(-1)?.value ?? null;
  return limit !== null && limit > 0 ? { bytes: limit, source: 'memory-limit' } : null;
}

export interface Rate {
  bytesPerHour: number;
  /** `finding`: the open memory-leak finding's; `fit`: least squares since the last drop. */
  source: 'finding' | 'fit';
}

/** Least-squares slope of the readings after the last drop, when enough of them span enough. */
export function fittedRate(
  memory: readonly ChartPoint[],
  events: readonly MemoryEvent[],
): number | null {
  const since = events.filter((event) => event.fromBytes !== null).at(-1)?.atMs ?? -Infinity;
  const readings = present(memory).filter((point) => point.atMs >= since);
  if (readings.length < FIT_MIN_POINTS) return null;
  const first = readings[0]!.atMs;
  if (readings.at(-1)!.atMs - first < FIT_MIN_SPAN_MS) return null;
  const meanX = readings.reduce((sum, point) => sum + (point.atMs - first), 0) / readings.length;
  const meanY = readings.reduce((sum, point) => sum + point.value, 0) / readings.length;
  let covariance = 0;
  let variance = 0;
  for (const point of readings) {
    covariance += (point.atMs - first - meanX) * (point.value - meanY);
    variance += (point.atMs - first - meanX) ** 2;
  }
  return variance === 0 ? null : (covariance / variance) * HOUR_MS;
}

export function chooseRate(
  leak: FindingView | null,
  memory: readonly ChartPoint[],
  events: readonly MemoryEvent[],
): Rate | null {
  const findingRate = leak?.numbers.rateMbPerHour ?? null;
  if (findingRate !== null && findingRate > 0) {
    return { bytesPerHour: findingRate * MIB, source: 'finding' };
  }
  const fitted = fittedRate(memory, events);
  return fitted !== null && fitted > 0 ? { bytesPerHour: fitted, source: 'fit' } : null;
}

export interface Forecast {
  /** From the newest reading to the threshold, or to the horizon when that comes first. */
  points: [ChartPoint, ChartPoint];
  rate: Rate;
  threshold: Threshold;
  /** Hours from the newest reading to the threshold at this rate. */
  hoursToThreshold: number;
  /** Whether the line ends at the threshold (else it stops at the horizon, still below). */
  reachesThreshold: boolean;
}

/**
 * The forecast line: from the newest reading, at the rate, up to the threshold, drawn at most
 * `horizonMs` ahead so the chart keeps its history readable. Null when it is not growing, no
 * threshold is known, or it is already at or above it.
 */
export function forecastLine(
  memory: readonly ChartPoint[],
  rate: Rate | null,
  threshold: Threshold | null,
  horizonMs: number,
): Forecast | null {
  const last = present(memory).at(-1);
  if (!last || !rate || !threshold || rate.bytesPerHour <= 0) return null;
  if (last.value >= threshold.bytes) return null;
  const hoursToThreshold = (threshold.bytes - last.value) / rate.bytesPerHour;
  const aheadMs = Math.min(hoursToThreshold * HOUR_MS, horizonMs);
  const end = {
    atMs: last.atMs + aheadMs,
    value: last.value + (rate.bytesPerHour * aheadMs) / HOUR_MS,
  };
  return {
    points: [{ atMs: last.atMs, value: last.value }, end],
    rate,
    threshold,
    hoursToThreshold,
    reachesThreshold: aheadMs === hoursToThreshold * HOUR_MS,
  };
}

/** The open finding of a class about one container of one node, if any. */
export function containerFinding(
  findings: readonly FindingView[],
  findingClass: string,
  node: string,
  container: string,
): FindingView | null {
  return (
    findings.find(
      (finding) =>
        finding.findingClass === findingClass &&
        finding.nodes.includes(node) &&
        finding.containers.includes(container),
    ) ?? null
  );
}

/**
 * The containers worth a chart, at most `limit`: those a leak or kill finding names first, then
 * the top growers that grew.
 */
export function containersToChart(
  findings: readonly FindingView[],
  growers: readonly { container: string; growthBytes: number }[],
  node: string,
  limit: number,
): string[] {
  const named = findings
    .filter(
      (finding) =>
        (finding.findingClass === 'memory-leak' || finding.findingClass === 'oom-kill-pattern') &&
        finding.nodes.includes(node),
    )
    .flatMap((finding) => finding.containers);
  const growing = growers.filter((grower) => grower.growthBytes > 0).map((item) => item.container);
  return [...new Set([...named, ...growing])].slice(0, limit);
}
