// What keeps the rules cheap tick after tick (issue #6, `control-room bench findings`): hours of a
// series are read as per-minute means, an expensive result (a robust regression) is reused while
// its input has not changed, and a quantity that only needs the samples that are new since the
// last tick (restart changes) is carried forward sample by sample. Everything is kept per
// History object, so a test's History, the live engine's and a replay's never share it.
import type { Point, ValuePoint } from '../quantities/measured';
import type { RestartChange } from '../quantities/recycle';
import type { History, SeriesSample } from '../types';
import { MINUTE_MS } from './common';

const stores = new WeakMap<History, Map<string, unknown>>();

function storeOf(history: History): Map<string, unknown> {
  let store = stores.get(history);
  if (!store) stores.set(history, (store = new Map()));
  return store;
}

interface Reused<Value> {
  signature: string;
  value: Value;
}

/**
 * The value `compute()` returned for the same slot and signature before, or a fresh one. The
 * signature must name the whole input: equal signatures mean equal inputs.
 */
export function reuse<Value>(
  history: History,
  slot: string,
  signature: string,
  compute: () => Value,
): Value {
  const store = storeOf(history);
  const kept = store.get(slot) as Reused<Value> | undefined;
  if (kept?.signature === signature) return kept.value;
  const value = compute();
  store.set(slot, { signature, value } satisfies Reused<Value>);
  return value;
}

/**
 * Per-minute means of a series since `sinceMs` (History.seriesByMinute), as points. At one-minute
 * ticks or slower they are the readings themselves; at the 5 s fast tick a day is 1,440 points
 * instead of 17,280. A fall inside one minute is seen as the change between two minute means.
 */
export function minutePoints(history: History, key: string, sinceMs: number): readonly Point[] {
  // A SeriesSample is a Point (with its null's reason): handed on as it is, not copied.
  return history.seriesByMinute(key, sinceMs);
}

/**
 * The identity of per-minute points read from one History. A closed minute never changes (time
 * never goes back), so the same first and last minute and count mean the same minutes; only the
 * newest minute's mean can still move, so its value is part of the signature.
 */
export function minuteSignature(points: readonly Point[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return 'empty';
  return `${points.length}:${first.atMs}:${last.atMs}:${String(last.value)}`;
}

/** What is carried forward is let go once older than any window a rule reads (24 h). */
export const KEEP_MS = 25 * 60 * MINUTE_MS;

interface Followed<State> {
  doneMs: number;
  state: State;
}

/**
 * State carried along one series: `step` sees each sample once, oldest first, as ticks bring
 * them, so a quantity over a day costs only the new samples at each tick.
 */
export function followSeries<State>(
  history: History,
  slot: string,
  key: string,
  initial: () => State,
  step: (state: State, sample: SeriesSample) => void,
): State {
  const store = storeOf(history);
  const name = `${slot}:${key}`;
  let followed = store.get(name) as Followed<State> | undefined;
  if (!followed) {
    followed = { doneMs: Number.NEGATIVE_INFINITY, state: initial() };
    store.set(name, followed);
  }
  for (const sample of history.series(key, followed.doneMs)) {
    if (sample.atMs <= followed.doneMs) continue;
    followed.doneMs = sample.atMs;
    step(followed.state, sample);
  }
  return followed.state;
}

/**
 * The newest reading with a value since `sinceMs`, carried from tick to tick: a series that is
 * null all day (a container without a memory limit) is not read back a day at every tick.
 */
export function latestPresent(history: History, key: string, sinceMs: number): ValuePoint | null {
  const state = followSeries<{ latest: ValuePoint | null }>(
    history,
    'latest',
    key,
    () => ({ latest: null }),
    (carried, sample) => {
      if (sample.value !== null && Number.isFinite(sample.value)) {
        carried.latest = { atMs: sample.atMs, value: sample.value };
      }
    },
  );
  return state.latest !== null && state.latest.atMs >= sinceMs ? state.latest : null;
}

interface RestartState {
  previous: ValuePoint | null;
  changes: (RestartChange & { previousAtMs: number })[];
}

/**
 * Changes of a restart count between consecutive readings with a value, both since `sinceMs`:
 * quantities/recycle.ts `restartChanges` of the readings since then, carried from tick to tick.
 */
export function restartChangesSince(
  history: History,
  key: string,
  sinceMs: number,
): RestartChange[] {
  const state = followSeries<RestartState>(
    history,
    'restarts',
    key,
    () => ({ previous: null, changes: [] }),
    (carried, sample) => {
      if (sample.value === null || !Number.isFinite(sample.value)) return;
      const previous = carried.previous;
      carried.previous = { atMs: sample.atMs, value: sample.value };
      if (!previous || previous.value === sample.value) return;
      carried.changes.push({
        atMs: sample.atMs,
        from: previous.value,
        to: sample.value,
        kind: sample.value > previous.value ? 'increase' : 'reset',
        previousAtMs: previous.atMs,
      });
    },
  );
  state.changes = keepRecent(history, state.changes, (change) => change.previousAtMs);
  return state.changes
    .filter((change) => change.previousAtMs >= sinceMs)
    .map(({ atMs, from, to, kind }) => ({ atMs, from, to, kind }));
}

/** Items whose time is within KEEP_MS of now (the list itself when nothing is old). */
export function keepRecent<Item>(
  history: History,
  items: Item[],
  timeOf: (item: Item) => number,
): Item[] {
  const keepFromMs = history.nowMs - KEEP_MS;
  if (items.length === 0 || timeOf(items[0]!) >= keepFromMs) return items;
  return items.filter((item) => timeOf(item) >= keepFromMs);
}
