// What the memory rules share: each container's memory series and the facts around it (its
// limit, its restarts, whether it runs gunicorn), read once per evaluation.
import { splitSeriesKey } from '../history';
import type { Point } from '../quantities/measured';
import { median } from '../quantities/measured';
import type { RestartChange } from '../quantities/recycle';
import { swingLegs, type Swing } from '../quantities/swings';
import type { History } from '../types';
import { type Actions, HOUR_MS, logEntries, matchLine, MINUTE_MS } from './common';
import { latestPresent, minutePoints, restartChangesSince } from './incremental';

export interface ContainerMemory {
  node: string;
  container: string;
  key: string;
  /** Per-minute means of its memory (incremental.ts `minutePoints`). */
  points: readonly Point[];
  restarts: RestartChange[];
  /** The newest memory limit in bytes; null when none is set or known. */
  limitBytes: number | null;
}

/**
 * The three memory rules read the same day of every container's memory at one evaluation; it
 * is read once per History and tick (the cache is dropped when the History moves on).
 */
interface Cached {
  nowMs: number;
  latest: unknown;
  sinceMs: number;
  memories: ContainerMemory[];
}
const cache = new WeakMap<History, Cached>();

/** Every container memory series with at least one reading since `sinceMs`. */
export function containerMemories(history: History, sinceMs: number): ContainerMemory[] {
  const cached = cache.get(history);
  const fresh =
    cached?.nowMs === history.nowMs &&
    cached.latest === history.latest &&
    cached.sinceMs === sinceMs;
  if (fresh) return cached.memories;
  const memories = readMemories(history, sinceMs);
  cache.set(history, { nowMs: history.nowMs, latest: history.latest, sinceMs, memories });
  return memories;
}

function readMemories(history: History, sinceMs: number): ContainerMemory[] {
  const memories: ContainerMemory[] = [];
  for (const key of history.seriesKeys({ subjectPrefix: 'container:', metric: 'memoryBytes' })) {
    const parts = splitSeriesKey(key);
    if (!parts) continue;
    const points = minutePoints(history, key, sinceMs);
    if (!points.some((point) => point.value !== null)) continue;
    const base = `${parts.node}|${parts.subject}`;
    memories.push({
      node: parts.node,
      container: parts.subject.slice('container:'.length),
      key,
      points,
      restarts: restartChangesSince(history, `${base}|restartCount`, sinceMs),
      limitBytes: latestPresent(history, `${base}|memoryLimitBytes`, sinceMs)?.value ?? null,
    });
  }
  return memories;
}

/** Whether a restart was counted within `withinMs` of a moment. */
export function restartedNear(restarts: readonly RestartChange[], atMs: number, withinMs: number) {
  return restarts.some((change) => Math.abs(change.atMs - atMs) <= withinMs);
}

/** gunicorn's own lines: its banner, its workers booting, its SIGKILL note. */
const GUNICORN = /gunicorn|Booting worker with pid|Worker \(pid:\d+\)/i;

export function runsGunicorn(history: History, node: string, container: string): boolean {
  return logEntries(history, { node, container, sinceMs: history.nowMs - 24 * HOUR_MS }).some(
    (entry) => matchLine(GUNICORN, entry) !== null,
  );
}

/** Actions for a container whose memory misbehaves. */
export function memoryActions(gunicorn: boolean, container: string): Actions {
  const actions: Actions = gunicorn ? ['gunicorn.recycle'] : [];
  if (/postgres|database/i.test(container)) actions.push('postgres.diagnostics');
  return [...actions, 'container.restart', 'container.logs'];
}

export const KILL_MATCH_MS = 5 * MINUTE_MS;

/**
 * Falls of memory with no restart near them: compactions, GC, caches let go. A fall may take
 * several ticks (cAdvisor's 1 h sawtooth falls 11 % over 3 min), so falls are legs between
 * turning points, at least `minFraction` of the level they fall from.
 */
export function releases(memory: ContainerMemory, minFraction: number): Swing[] {
  const values = memory.points.flatMap((point) => (point.value === null ? [] : [point.value]));
  if (values.length < 2) return [];
  const legs = swingLegs(memory.points, minFraction * median(values));
  return legs.filter(
    (leg) =>
      leg.change < 0 &&
      -leg.change >= minFraction * leg.from.value &&
      !memory.restarts.some(
        (change) =>
          change.atMs >= leg.from.atMs - KILL_MATCH_MS &&
          change.atMs <= leg.to.atMs + KILL_MATCH_MS,
      ),
  );
}

/** Smallest fall that counts as a release in a cycle (cAdvisor's 1 h sawtooth falls 11 %). */
export const OSCILLATION_DROP = 0.08;

/** The same container's readings since a later time (a rule with a shorter lookback). */
export function memorySince(memory: ContainerMemory, sinceMs: number): ContainerMemory {
  return {
    ...memory,
    // A minute that began before `sinceMs` but reaches past it counts (as seriesByMinute's).
    points: memory.points.filter((point) => point.atMs + MINUTE_MS > sinceMs),
    restarts: memory.restarts.filter((change) => change.atMs >= sinceMs),
  };
}
