// Helpers every rule shares: reading series and log lines out of the History (nulls kept as
// nulls, log reads repeated by fast ticks counted once), evidence, and numbers written the way
// the reference report writes them (MB for MiB as `docker stats` shows memory, °C, h, min).
import type { ActionId } from '../../../shared/api/requests-actions';
import type { LogLevel, NodeSnapshot, Snapshot } from '../../../shared/snapshot';
import type { Point } from '../quantities/measured';
import {
  emptyEvidence,
  type Evidence,
  type FindingDraft,
  type History,
  type LogDigest,
  type LogFilter,
  type LogLineEvidence,
  type SeriesSample,
  type Severity,
  type ThresholdSpec,
} from '../types';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;
/** Most log lines and samples a finding carries as evidence. */
export const MAX_EVIDENCE_LINES = 5;
export const MAX_EVIDENCE_SAMPLES = 12;

/** Actions are the catalog's ids (shared/api/requests-actions.ts), checked at compile time. */
export type Actions = ActionId[];

/** A threshold's default, unit and meaning, as the rule table and docs/findings.md show it. */
export function threshold(value: number, unit: string, doc: string): ThresholdSpec {
  return { value, unit, doc };
}

/** Readings of one series since a time, as points (null stays null). */
export function seriesPoints(history: History, key: string, sinceMs: number): Point[] {
  return history.series(key, sinceMs).map((sample) => ({ atMs: sample.atMs, value: sample.value }));
}

/** Node names of the newest snapshot, sorted. */
export function nodeNames(history: History): string[] {
  return Object.keys(history.latest?.nodes ?? {}).sort();
}

export function latestNodes(history: History): [string, NodeSnapshot][] {
  const latest = history.latest;
  if (!latest) return [];
  return Object.entries(latest.nodes).sort(([left], [right]) => left.localeCompare(right));
}

/** Snapshot times, parsed once per snapshot (rules walk two hours of snapshots every tick). */
const snapshotTimes = new WeakMap<Snapshot, number>();

export function snapshotMs(snapshot: Snapshot): number {
  let atMs = snapshotTimes.get(snapshot);
  if (atMs === undefined) snapshotTimes.set(snapshot, (atMs = Date.parse(snapshot.takenAt)));
  return atMs;
}

export interface LogEntry {
  node: string;
  container: string;
  /** The line's own time in ms; NaN when it carries none. */
  atMs: number;
  at: string | null;
  level: LogLevel;
  text: string;
  /** The text without Docker's leading `--timestamps` stamp. */
  message: string;
}

const DOCKER_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z /;

/** A digest's lines as entries, each with the key that tells a repeated read of it. */
interface ParsedLine {
  entry: LogEntry;
  key: string;
}

/** Lines are parsed once per digest (a digest never changes), not once per rule and tick. */
const parsedDigests = new WeakMap<LogDigest, ParsedLine[]>();

function parsedLines(digest: LogDigest): ParsedLine[] {
  let parsed = parsedDigests.get(digest);
  if (parsed) return parsed;
  parsed = digest.logs.lines.map((line) => ({
    key: `${digest.node}|${digest.container}|${line.at}|${line.text}`,
    entry: {
      node: digest.node,
      container: digest.container,
      atMs: line.at === null ? Number.NaN : Date.parse(line.at),
      at: line.at,
      level: line.level,
      text: line.text,
      message: line.text.replace(DOCKER_STAMP, ''),
    },
  }));
  parsedDigests.set(digest, parsed);
  return parsed;
}

/**
 * What the log reads held so far have in common, kept per History as digests arrive: which
 * digests repeat a line of an earlier read (so a read of them needs the line-by-line check).
 * A digest that is the same read as its container's previous one (a fast tick repeats the last
 * slow read) is not one of them: it is skipped whole.
 */
interface LogIndex {
  doneMs: number;
  prunedMs: number;
  lastSeenMs: Map<string, number>;
  previousLogs: Map<string, LogDigest['logs']>;
  repeating: WeakSet<LogDigest>;
}

const logIndexes = new WeakMap<History, LogIndex>();
/** A line key is forgotten once older than any log window (24 h); its read is gone then. */
const FORGET_LINE_MS = 25 * HOUR_MS;

function logIndex(history: History): LogIndex {
  let index = logIndexes.get(history);
  if (!index) {
    index = {
      doneMs: Number.NEGATIVE_INFINITY,
      prunedMs: Number.NEGATIVE_INFINITY,
      lastSeenMs: new Map(),
      previousLogs: new Map(),
      repeating: new WeakSet(),
    };
    logIndexes.set(history, index);
  }
  const fresh = history.logs({ sinceMs: index.doneMs }).filter((d) => d.atMs > index.doneMs);
  for (const digest of fresh) {
    index.doneMs = Math.max(index.doneMs, digest.atMs);
    const ring = `${digest.node}|${digest.container}`;
    if (index.previousLogs.get(ring) === digest.logs) continue;
    index.previousLogs.set(ring, digest.logs);
    for (const { key } of parsedLines(digest)) {
      if (index.lastSeenMs.has(key)) index.repeating.add(digest);
      index.lastSeenMs.set(key, digest.atMs);
    }
  }
  // Old keys are let go once an hour, not at every tick.
  if (history.nowMs - index.prunedMs >= HOUR_MS) {
    index.prunedMs = history.nowMs;
    forgetOldLines(index, history.nowMs);
  }
  return index;
}

function forgetOldLines(index: LogIndex, nowMs: number): void {
  for (const [key, seenMs] of index.lastSeenMs) {
    if (seenMs < nowMs - FORGET_LINE_MS) index.lastSeenMs.delete(key);
  }
}

/**
 * Kept log lines since `sinceMs`, oldest first. A slow-tier read is repeated in every fast-tick
 * snapshot until the next read, so the same line is returned once. The entries are shared
 * between calls: read them, do not change them.
 */
export function logEntries(history: History, filter: LogFilter = {}): LogEntry[] {
  return collectEntries(history, filter, parsedLines);
}

/** Per digest and selection: the lines that passed it (a digest never changes). */
const selections = new WeakMap<LogDigest, Map<string, ParsedLine[]>>();

/**
 * `logEntries(history, filter).filter(test)`, with each read's lines tested once: `selection`
 * names the test (and everything it depends on besides the line), so a day of lines is not
 * tested again at every tick.
 */
export function selectedEntries(
  history: History,
  filter: LogFilter,
  selection: string,
  test: (entry: LogEntry) => boolean,
): LogEntry[] {
  return collectEntries(history, filter, (digest) => {
    let byName = selections.get(digest);
    if (!byName) selections.set(digest, (byName = new Map()));
    let selected = byName.get(selection);
    if (!selected)
      byName.set(selection, (selected = parsedLines(digest).filter((line) => test(line.entry))));
    return selected;
  });
}

function collectEntries(
  history: History,
  filter: LogFilter,
  linesOf: (digest: LogDigest) => ParsedLine[],
): LogEntry[] {
  const index = logIndex(history);
  const digests = history.logs(filter);
  // Lines are checked one by one only when a read in the range repeats an earlier one's.
  const seen = digests.some((digest) => index.repeating.has(digest)) ? new Set<string>() : null;
  const previousLogs = new Map<string, LogDigest['logs']>();
  const entries: LogEntry[] = [];
  for (const digest of digests) {
    const ring = `${digest.node}|${digest.container}`;
    if (previousLogs.get(ring) === digest.logs) continue; // the same read again
    previousLogs.set(ring, digest.logs);
    for (const { key, entry } of linesOf(digest)) {
      if (seen) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      if (filter.sinceMs !== undefined && entry.atMs < filter.sinceMs) continue;
      entries.push(entry);
    }
  }
  return entries.sort((left, right) => (left.atMs || 0) - (right.atMs || 0));
}

/**
 * The log lines of every container from the last `windowMinutes` (that pass `test`): what a rule
 * that counts lines in a window scans. Returns the window in ms with them.
 */
export function linesInWindow(
  history: History,
  windowMinutes: number,
  test: (entry: LogEntry) => boolean = () => true,
): { windowMs: number; lines: LogEntry[] } {
  const windowMs = windowMinutes * MINUTE_MS;
  const lines = logEntries(history, { sinceMs: history.nowMs - windowMs }).filter(test);
  return { windowMs, lines };
}

/** Items grouped by a key, in their order, groups in the order their keys first appear. */
export function groupBy<Item, Value = Item>(
  items: Iterable<Item>,
  keyOf: (item: Item) => string,
  valueOf: (item: Item) => Value = (item) => item as unknown as Value,
): Map<string, Value[]> {
  const groups = new Map<string, Value[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(valueOf(item));
    else groups.set(key, [valueOf(item)]);
  }
  return groups;
}

/** Per pattern, what it found in each log entry (entries are shared and never change). */
const lineMatches = new WeakMap<RegExp, WeakMap<LogEntry, RegExpExecArray | null>>();

/**
 * `pattern.exec(entry.message)`, worked out once per line: a day of lines is matched again at
 * every tick otherwise. For patterns without the g or y flag (they keep no state).
 */
export function matchLine(pattern: RegExp, entry: LogEntry): RegExpExecArray | null {
  let matches = lineMatches.get(pattern);
  if (!matches) lineMatches.set(pattern, (matches = new WeakMap()));
  let match = matches.get(entry);
  if (match === undefined) {
    match = pattern.exec(entry.message);
    matches.set(entry, match);
  }
  return match;
}

export function lineEvidence(
  entries: readonly LogEntry[],
  max = MAX_EVIDENCE_LINES,
): LogLineEvidence[] {
  return entries.slice(-max).map((entry) => ({
    node: entry.node,
    container: entry.container,
    at: entry.at,
    text: entry.message,
  }));
}

/** A series as evidence: its key, range and up to a dozen samples spread over it. */
export function seriesEvidence(
  history: History,
  key: string,
  fromMs: number,
  toMs = history.nowMs,
) {
  // Over more than an hour a dozen samples are as telling from per-minute means, and reading
  // them does not walk every 5 s sample of a day.
  const read =
    toMs - fromMs > HOUR_MS ? history.seriesByMinute(key, fromMs) : history.series(key, fromMs);
  const samples = read.filter((sample) => sample.atMs <= toMs);
  return { key, fromMs, toMs, samples: spread(samples, MAX_EVIDENCE_SAMPLES) };
}

function spread(samples: readonly SeriesSample[], max: number): SeriesSample[] {
  if (samples.length <= max) return [...samples];
  const step = (samples.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, index) => samples[Math.round(index * step)]!);
}

export interface DraftInput {
  ruleId: string;
  subject: string;
  severity: Severity;
  title: string;
  detail: string;
  numbers?: Record<string, number | null>;
  evidence?: Partial<Evidence>;
  nodes: string[];
  containers?: string[];
  actions: Actions;
}

export function draft(input: DraftInput): FindingDraft {
  return {
    ruleId: input.ruleId,
    subject: input.subject,
    severity: input.severity,
    title: input.title,
    detail: input.detail,
    numbers: input.numbers ?? {},
    evidence: { ...emptyEvidence(), ...input.evidence },
    nodes: [...new Set(input.nodes)].sort(),
    containers: [...new Set(input.containers ?? [])].sort(),
    actions: input.actions,
  };
}

/** Rounds to `digits` decimals (for numbers in findings, so they compare stably). */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Bytes as the report writes memory: MiB called MB, whole above 100, one decimal below. */
export function formatMb(bytes: number): string {
  const mb = bytes / MIB;
  return `${mb >= 100 ? Math.round(mb).toLocaleString('en-US') : round(mb, 1)} MB`;
}

/** Bytes in GB (GiB), one decimal, or two below 10. */
export function formatGb(bytes: number): string {
  const gb = bytes / GIB;
  return `${gb >= 10 ? round(gb, 1) : round(gb, 2)} GB`;
}

/** Decimal sizes for disk layers, as `docker ps --size` prints them (120MB, 5.78GB). */
export function formatDiskSize(bytes: number): string {
  if (bytes >= 1e9) return `${round(bytes / 1e9, 2)} GB`;
  return `${round(bytes / 1e6, bytes >= 1e8 ? 0 : 1)} MB`;
}

/** A duration in words: `45 s`, `17 min`, `4.3 h`, `2.5 d`. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE_MS) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * HOUR_MS) return `${Math.round(ms / MINUTE_MS)} min`;
  if (ms < 48 * HOUR_MS) return `${round(ms / HOUR_MS, 1)} h`;
  return `${round(ms / (24 * HOUR_MS), 1)} d`;
}

/** `HH:MM` of a moment in UTC ISO form's time part (the report mixes zones; ISO is exact). */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** `vk01, vk02 and vk03`. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Every snapshot since `sinceMs` satisfies `test`, and they span at least `minSpanMs`. */
export function heldFor(
  snapshots: readonly Snapshot[],
  minSpanMs: number,
  test: (snapshot: Snapshot) => boolean,
): boolean {
  if (snapshots.length === 0) return false;
  const span = snapshotMs(snapshots.at(-1)!) - snapshotMs(snapshots[0]!);
  return span >= minSpanMs && snapshots.every(test);
}

/**
 * Since when `test` has held without a break, looking back from the newest snapshot; null
 * when it does not hold now.
 */
export function holdingSince(
  snapshots: readonly Snapshot[],
  test: (snapshot: Snapshot) => boolean,
): number | null {
  let since: number | null = null;
  for (let index = snapshots.length - 1; index >= 0; index--) {
    if (!test(snapshots[index]!)) break;
    since = snapshotMs(snapshots[index]!);
  }
  return since;
}
