// The History rules read (types.ts), fed one snapshot at a time, with bounded memory:
//
// - series: one ring buffer per series key, holding at most `seriesWindowMs` (24 h) and at most
//   `maxSamplesPerSeries` samples (17,280: 24 h at the 5 s fast tick). A sample costs 17 bytes
//   (time, value, reason), so a full series is about 290 KB; buffers start small and double as
//   they fill, so a short history costs little. Alongside, per-minute means (1,441 buckets,
//   `seriesByMinute`) for rules that read hours. Samples come from the archive's own
//   `nodeSamples`, so the keys and the null reasons are exactly the archive's.
// - snapshots: the newest `maxSnapshots` (360) within `snapshotWindowMs` (2 h). Rules that look
//   further back read series, which are compact.
// - log digests: per node and container, within `logWindowMs` (24 h); at most
//   `maxLogLinesPerContainer` (5,000) kept lines per container; digests without lines are
//   dropped once more than `maxDigestsPerContainer` (2,000) are held.
// - events: within `eventWindowMs` (24 h), at most `maxEvents` (10,000).
import { nullKindFromIndex, nullKindToIndex, type NullKind } from '../archive/codec';
import { nodeSamples, seriesKey, type SeriesMemory } from '../archive/series';
import type { Snapshot } from '../../shared/snapshot';
import type {
  HealthView,
  History,
  HistoryEvent,
  LogDigest,
  LogFilter,
  SeriesKeyFilter,
  SeriesSample,
} from './types';

const HOUR_MS = 3_600_000;

export interface HistoryLimits {
  seriesWindowMs: number;
  maxSamplesPerSeries: number;
  snapshotWindowMs: number;
  maxSnapshots: number;
  logWindowMs: number;
  maxLogLinesPerContainer: number;
  maxDigestsPerContainer: number;
  eventWindowMs: number;
  maxEvents: number;
}

export const defaultHistoryLimits: HistoryLimits = {
  seriesWindowMs: 24 * HOUR_MS,
  maxSamplesPerSeries: 17_280,
  snapshotWindowMs: 2 * HOUR_MS,
  maxSnapshots: 360,
  logWindowMs: 24 * HOUR_MS,
  maxLogLinesPerContainer: 5_000,
  maxDigestsPerContainer: 2_000,
  eventWindowMs: 24 * HOUR_MS,
  maxEvents: 10_000,
};

/** A growable ring of (time, value, reason) with a hard capacity. */
class SampleRing {
  private times: Float64Array;
  private values: Float64Array;
  private reasons: Uint8Array;
  private start = 0;
  length = 0;

  constructor(private readonly maxCapacity: number) {
    const initial = Math.min(64, maxCapacity);
    this.times = new Float64Array(initial);
    this.values = new Float64Array(initial);
    this.reasons = new Uint8Array(initial);
  }

  push(atMs: number, value: number | null, nullKind: NullKind | null): void {
    if (this.length > 0 && atMs <= this.timeAt(this.length - 1)) return; // time never goes back
    if (this.length === this.times.length) {
      if (this.times.length < this.maxCapacity) this.grow();
      else this.dropOldest(1);
    }
    const slot = (this.start + this.length) % this.times.length;
    this.times[slot] = atMs;
    this.values[slot] = value === null ? Number.NaN : value;
    // Reason index + 1, so 0 means "has a value".
    this.reasons[slot] = value === null ? nullKindToIndex(nullKind ?? 'unknown') + 1 : 0;
    this.length++;
  }

  timeAt(index: number): number {
    return this.times[(this.start + index) % this.times.length]!;
  }

  sampleAt(index: number): SeriesSample {
    const slot = (this.start + index) % this.times.length;
    const reason = this.reasons[slot]!;
    if (reason === 0) return { atMs: this.times[slot]!, value: this.values[slot]!, nullKind: null };
    return { atMs: this.times[slot]!, value: null, nullKind: nullKindFromIndex(reason - 1) };
  }

  /** Index of the first sample at or after `atMs` (binary search; times ascend). */
  firstIndexFrom(atMs: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.timeAt(middle) < atMs) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  dropBefore(atMs: number): void {
    this.dropOldest(this.firstIndexFrom(atMs));
  }

  private dropOldest(count: number): void {
    if (count <= 0) return;
    this.start = (this.start + count) % this.times.length;
    this.length -= count;
  }

  private grow(): void {
    const capacity = Math.min(this.maxCapacity, this.times.length * 2);
    const times = new Float64Array(capacity);
    const values = new Float64Array(capacity);
    const reasons = new Uint8Array(capacity);
    for (let index = 0; index < this.length; index++) {
      const slot = (this.start + index) % this.times.length;
      times[index] = this.times[slot]!;
      values[index] = this.values[slot]!;
      reasons[index] = this.reasons[slot]!;
    }
    this.times = times;
    this.values = values;
    this.reasons = reasons;
    this.start = 0;
  }
}

const MINUTE_MS = 60_000;

/**
 * Per-minute aggregates of one series, kept as samples arrive: the mean of the minute's values,
 * or null (with the reason of its last null) when it had none. 1,440 buckets hold 24 h, so a
 * rule reading hours of a series reads at most 1,440 points instead of up to 17,280.
 */
class MinuteRing {
  private readonly starts: Float64Array;
  private readonly sums: Float64Array;
  private readonly counts: Uint32Array;
  private readonly reasons: Uint8Array;
  /** Samples of closed minutes, made at their first read (see samplesFrom). */
  private readonly closedSamples: (SeriesSample | undefined)[];
  private first = 0;
  length = 0;

  constructor(private readonly capacity: number) {
    this.closedSamples = new Array<SeriesSample | undefined>(capacity);
    this.starts = new Float64Array(capacity);
    this.sums = new Float64Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.reasons = new Uint8Array(capacity);
  }

  add(atMs: number, value: number | null, nullKind: NullKind | null): void {
    const startMs = atMs - (((atMs % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
    let slot = this.length > 0 ? this.slotOf(this.length - 1) : -1;
    if (slot < 0 || this.starts[slot]! !== startMs) {
      if (slot >= 0 && this.starts[slot]! > startMs) return; // time never goes back
      if (this.length === this.capacity) {
        this.first = (this.first + 1) % this.capacity;
        this.length--;
      }
      slot = this.slotOf(this.length);
      this.length++;
      this.closedSamples[slot] = undefined;
      this.starts[slot] = startMs;
      this.sums[slot] = 0;
      this.counts[slot] = 0;
      this.reasons[slot] = 0;
    }
    if (value === null) this.reasons[slot] = nullKindToIndex(nullKind ?? 'unknown') + 1;
    else {
      this.sums[slot]! += value;
      this.counts[slot]!++;
    }
  }

  /**
   * A closed minute never changes (time never goes back), so its sample is made once and handed
   * out again at every later read; only the newest minute's is made afresh.
   */
  samplesFrom(sinceMs: number): SeriesSample[] {
    const samples: SeriesSample[] = [];
    // A minute that began before `sinceMs` but reaches past it still counts.
    for (let index = this.firstIndexReaching(sinceMs); index < this.length; index++) {
      const slot = this.slotOf(index);
      const closed = index < this.length - 1;
      let sample = closed ? this.closedSamples[slot] : undefined;
      if (!sample) {
        sample = Object.freeze(this.sampleOf(slot));
        if (closed) this.closedSamples[slot] = sample;
      }
      samples.push(sample);
    }
    return samples;
  }

  private sampleOf(slot: number): SeriesSample {
    const count = this.counts[slot]!;
    const atMs = this.starts[slot]!;
    if (count > 0) return { atMs, value: this.sums[slot]! / count, nullKind: null };
    const reason = nullKindFromIndex(Math.max(0, this.reasons[slot]! - 1));
    return { atMs, value: null, nullKind: reason };
  }

  /** Index of the first minute that ends after `atMs` (minutes ascend). */
  private firstIndexReaching(atMs: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.starts[this.slotOf(middle)]! + MINUTE_MS <= atMs) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  dropBefore(atMs: number): void {
    while (this.length > 0 && this.starts[this.first]! + MINUTE_MS <= atMs) {
      this.first = (this.first + 1) % this.capacity;
      this.length--;
    }
  }

  private slotOf(index: number): number {
    return (this.first + index) % this.capacity;
  }
}

interface ContainerLogRing {
  node: string;
  container: string;
  digests: LogDigest[];
  keptLines: number;
}

/** The History, fed tick by tick: `push(snapshot)`, `addEvents(...)`, `setHealth(...)`. */
export class RollingHistory implements History {
  private readonly limits: HistoryLimits;
  private readonly rings = new Map<string, SampleRing>();
  private readonly minutes = new Map<string, MinuteRing>();
  private sortedKeys: string[] | null = [];
  private readonly seriesMemory = new Map<string, SeriesMemory>();
  private readonly recentSnapshots: Snapshot[] = [];
  private readonly snapshotTimes: number[] = [];
  private readonly logRings = new Map<string, ContainerLogRing>();
  private readonly eventList: HistoryEvent[] = [];
  private healthView: HealthView | null = null;
  private newestMs = 0;

  constructor(limits: Partial<HistoryLimits> = {}) {
    this.limits = { ...defaultHistoryLimits, ...limits };
  }

  get nowMs(): number {
    return this.newestMs;
  }

  get latest(): Snapshot | null {
    return this.recentSnapshots.at(-1) ?? null;
  }

  get health(): HealthView | null {
    return this.healthView;
  }

  /** Adds one tick. A snapshot not newer than the newest is ignored (returns false). */
  push(snapshot: Snapshot): boolean {
    const atMs = Date.parse(snapshot.takenAt);
    if (!Number.isFinite(atMs) || (this.recentSnapshots.length > 0 && atMs <= this.newestMs)) {
      return false;
    }
    this.newestMs = atMs;
    for (const [node, nodeSnapshot] of Object.entries(snapshot.nodes)) {
      let memory = this.seriesMemory.get(node);
      if (!memory) this.seriesMemory.set(node, (memory = new Map()));
      for (const sample of nodeSamples(nodeSnapshot, memory)) {
        this.pushSample(seriesKey(node, sample.subject, sample.metric), atMs, sample);
      }
      for (const [container, logs] of Object.entries(nodeSnapshot.logs ?? {})) {
        this.pushLogs({ atMs, node, container, logs });
      }
    }
    this.recentSnapshots.push(snapshot);
    this.snapshotTimes.push(atMs);
    this.trim(atMs);
    return true;
  }

  /** Adds samples directly (the archive replays its stored samples this way). */
  pushSample(
    key: string,
    atMs: number,
    sample: { value: number | null; nullKind: NullKind | null },
  ): void {
    let ring = this.rings.get(key);
    let minutes = this.minutes.get(key);
    if (!ring || !minutes) {
      ring = new SampleRing(this.limits.maxSamplesPerSeries);
      minutes = new MinuteRing(Math.ceil(this.limits.seriesWindowMs / MINUTE_MS) + 1);
      this.rings.set(key, ring);
      this.minutes.set(key, minutes);
      this.sortedKeys = null;
    }
    ring.push(atMs, sample.value, sample.nullKind);
    minutes.add(atMs, sample.value, sample.nullKind);
  }

  addEvents(events: readonly HistoryEvent[]): void {
    for (const event of events) this.eventList.push(event);
    this.eventList.sort((left, right) => left.atMs - right.atMs);
    const limit = this.newestMs - this.limits.eventWindowMs;
    while (this.eventList.length > 0 && this.eventList[0]!.atMs < limit) this.eventList.shift();
    if (this.eventList.length > this.limits.maxEvents) {
      this.eventList.splice(0, this.eventList.length - this.limits.maxEvents);
    }
  }

  setHealth(health: HealthView | null): void {
    this.healthView = health;
  }

  snapshots(sinceMs: number): readonly Snapshot[] {
    return this.recentSnapshots.slice(lowerBound(this.snapshotTimes, sinceMs));
  }

  series(key: string, sinceMs: number): readonly SeriesSample[] {
    const ring = this.rings.get(key);
    if (!ring) return [];
    const samples: SeriesSample[] = [];
    for (let index = ring.firstIndexFrom(sinceMs); index < ring.length; index++) {
      samples.push(ring.sampleAt(index));
    }
    return samples;
  }

  seriesByMinute(key: string, sinceMs: number): readonly SeriesSample[] {
    return this.minutes.get(key)?.samplesFrom(sinceMs) ?? [];
  }

  seriesKeys(filter: SeriesKeyFilter = {}): readonly string[] {
    this.sortedKeys ??= [...this.rings.keys()].sort();
    return this.sortedKeys.filter((key) => keyMatches(key, filter));
  }

  logs(filter: LogFilter = {}): readonly LogDigest[] {
    const sinceMs = filter.sinceMs ?? Number.NEGATIVE_INFINITY;
    const digests: LogDigest[] = [];
    let rings = 0;
    for (const ring of this.logRings.values()) {
      if (filter.node !== undefined && ring.node !== filter.node) continue;
      if (filter.container !== undefined && ring.container !== filter.container) continue;
      // A ring's digests ascend in time: the window's start is found by binary search.
      for (
        let index = firstDigestFrom(ring.digests, sinceMs);
        index < ring.digests.length;
        index++
      ) {
        digests.push(ring.digests[index]!);
      }
      rings++;
    }
    return rings > 1 ? digests.sort((left, right) => left.atMs - right.atMs) : digests;
  }

  events(sinceMs: number): readonly HistoryEvent[] {
    return this.eventList.filter((event) => event.atMs >= sinceMs);
  }

  /** How many samples are held in all, for the bench and the memory budget. */
  sampleCount(): number {
    let count = 0;
    for (const ring of this.rings.values()) count += ring.length;
    return count;
  }

  private pushLogs(digest: LogDigest): void {
    const ringKey = `${digest.node}|${digest.container}`;
    let ring = this.logRings.get(ringKey);
    if (!ring) {
      ring = { node: digest.node, container: digest.container, digests: [], keptLines: 0 };
      this.logRings.set(ringKey, ring);
    }
    ring.digests.push(digest);
    ring.keptLines += digest.logs.lines.length;
  }

  private trim(nowMs: number): void {
    const seriesLimit = nowMs - this.limits.seriesWindowMs;
    for (const ring of this.rings.values()) ring.dropBefore(seriesLimit);
    for (const minutes of this.minutes.values()) minutes.dropBefore(seriesLimit);
    const first = Math.max(
      lowerBound(this.snapshotTimes, nowMs - this.limits.snapshotWindowMs),
      this.snapshotTimes.length - this.limits.maxSnapshots,
    );
    if (first > 0) {
      this.recentSnapshots.splice(0, first);
      this.snapshotTimes.splice(0, first);
    }
    for (const ring of this.logRings.values()) this.trimLogs(ring, nowMs);
  }

  private trimLogs(ring: ContainerLogRing, nowMs: number): void {
    const limit = nowMs - this.limits.logWindowMs;
    let drop = 0;
    while (drop < ring.digests.length && ring.digests[drop]!.atMs < limit) drop++;
    while (
      drop < ring.digests.length - 1 &&
      ring.keptLines - linesIn(ring.digests, 0, drop) > this.limits.maxLogLinesPerContainer
    ) {
      drop++;
    }
    if (drop > 0) {
      ring.keptLines -= linesIn(ring.digests, 0, drop);
      ring.digests.splice(0, drop);
    }
    if (ring.digests.length > this.limits.maxDigestsPerContainer) {
      // Keep every digest that has lines; drop the oldest line-less ones.
      let excess = ring.digests.length - this.limits.maxDigestsPerContainer;
      ring.digests = ring.digests.filter((digest) => {
        if (excess > 0 && digest.logs.lines.length === 0) {
          excess--;
          return false;
        }
        return true;
      });
    }
  }
}

/** Index of the first digest at or after `atMs` (digests ascend in time). */
function firstDigestFrom(digests: readonly LogDigest[], atMs: number): number {
  let low = 0;
  let high = digests.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (digests[middle]!.atMs < atMs) low = middle + 1;
    else high = middle;
  }
  return low;
}

function linesIn(digests: readonly LogDigest[], from: number, to: number): number {
  let lines = 0;
  for (let index = from; index < to; index++) lines += digests[index]!.logs.lines.length;
  return lines;
}

/** Index of the first element >= value in an ascending array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `vk01|container:keydb|memoryBytes` against a filter. */
export function keyMatches(key: string, filter: SeriesKeyFilter): boolean {
  const parts = splitSeriesKey(key);
  if (!parts) return false;
  if (filter.node !== undefined && parts.node !== filter.node) return false;
  if (filter.subject !== undefined && parts.subject !== filter.subject) return false;
  if (filter.subjectPrefix !== undefined && !parts.subject.startsWith(filter.subjectPrefix)) {
    return false;
  }
  return filter.metric === undefined || parts.metric === filter.metric;
}

/** Splits a series key; the subject may itself contain `|`-free colons (`disk:/data`). */
export function splitSeriesKey(
  key: string,
): { node: string; subject: string; metric: string } | null {
  const first = key.indexOf('|');
  const last = key.lastIndexOf('|');
  if (first <= 0 || last === first) return null;
  return {
    node: key.slice(0, first),
    subject: key.slice(first + 1, last),
    metric: key.slice(last + 1),
  };
}
