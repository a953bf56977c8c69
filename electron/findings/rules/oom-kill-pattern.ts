// A container killed for memory and recycled: a fall of memory together with a restart, Docker's
// OOMKilled flag or a kill line in its log (gunicorn's "was sent SIGKILL! Perhaps out of
// memory?"), or such a line on its own (a worker killed inside a container that keeps running).
// In a gunicorn container, a fall with none of these is a worker recycled silently.
// Reference report 2026-02-18 22:08 #3 (SIGKILL'd on Feb 4, 10 and 18; 414 MB now), 23:02 #3
// (memory dropped 100 MB between snapshots, 414 → 315 MB) and "02:43" #1 (18 MB in 10 minutes
// at idle, nothing in the error log).
//
// Cheap by construction: memory and restart counts are read as per-minute means (at most 1,440
// points a container a day), the logs and the snapshots are each walked once per evaluation.
import { splitSeriesKey } from '../history';
import { presentPoints, type Point, type ValuePoint } from '../quantities/measured';
import { flagRises, killLevel, restartChanges, type Drop } from '../quantities/recycle';
import type { FindingDraft, History, LogDigest, Rule, ThresholdValues } from '../types';
import type { Snapshot } from '../../../shared/snapshot';
import {
  draft,
  formatMb,
  formatTime,
  HOUR_MS,
  lineEvidence,
  listWords,
  MIB,
  MINUTE_MS,
  round,
  seriesEvidence,
  type LogEntry,
} from './common';
import { KILL_MATCH_MS, memoryActions } from './memory-common';

const RULE_ID = 'oom-kill-pattern';
const LOOKBACK_MS = 24 * HOUR_MS;

const KILL_LINE = /SIGKILL|out of memory|OOMKilled|oom-kill|Killed process|MemoryError/i;
/** gunicorn's own lines: its banner, its workers booting, its SIGKILL note. */
const GUNICORN = /gunicorn|Booting worker with pid|Worker \(pid:\d+\)/i;
const DOCKER_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z /;

/**
 * A fall read from per-minute means may spread over the minute it happened in (part of that
 * minute's readings before it, part after): consecutive falls within this span are one fall.
 */
const FALL_SPAN_MS = 3 * MINUTE_MS;

interface Kill {
  atMs: number;
  drop: Drop | null;
  restarted: boolean;
  oomFlag: boolean;
  line: LogEntry | null;
}

/** What the logs and snapshots say about every container, read once per evaluation. */
interface Facts {
  killLines: Map<string, LogEntry[]>;
  gunicorn: Set<string>;
  oomFlags: Map<string, number[]>;
}

const containerKey = (node: string, container: string) => `${node}|${container}`;

/**
 * What the log reads said so far, per History: reads arrive in time order at their tick, so
 * each is scanned once, when it is new (a day holds ~12,000 reads and ~30,000 lines). Kept
 * per History and dropped when its time goes back (another History, a review moving back).
 */
interface LogState {
  nowMs: number;
  /** Container key -> when a gunicorn line was last read. */
  gunicornAtMs: Map<string, number>;
  /** Container key -> its kill lines, oldest first, each once. */
  killLines: Map<string, LogEntry[]>;
  seenLines: Set<string>;
}

const logStates = new WeakMap<History, LogState>();

function scanNewReads(history: History): LogState {
  let state = logStates.get(history);
  if (!state || state.nowMs > history.nowMs) {
    state = {
      nowMs: -Infinity,
      gunicornAtMs: new Map(),
      killLines: new Map(),
      seenLines: new Set(),
    };
    logStates.set(history, state);
  }
  if (state.nowMs === history.nowMs) return state;
  const sinceMs = Math.max(state.nowMs + 1, history.nowMs - LOOKBACK_MS);
  for (const digest of history.logs({ sinceMs })) {
    const key = containerKey(digest.node, digest.container);
    for (const line of digest.logs.lines) {
      if (GUNICORN.test(line.text)) state.gunicornAtMs.set(key, digest.atMs);
      if (KILL_LINE.test(line.text)) addKillLine(state, digest, line);
    }
  }
  state.nowMs = history.nowMs;
  return state;
}

function addKillLine(state: LogState, digest: LogDigest, line: LogDigest['logs']['lines'][0]) {
  const key = containerKey(digest.node, digest.container);
  // A slow-tier read repeats in the fast ticks after it: the same line once.
  const lineKey = `${key}|${line.at}|${line.text}`;
  const atMs = line.at === null ? Number.NaN : Date.parse(line.at);
  if (state.seenLines.has(lineKey) || !Number.isFinite(atMs)) return;
  state.seenLines.add(lineKey);
  const entries = state.killLines.get(key) ?? [];
  entries.push({
    node: digest.node,
    container: digest.container,
    atMs,
    at: line.at,
    level: line.level,
    text: line.text,
    message: line.text.replace(DOCKER_STAMP, ''),
  });
  entries.sort((left, right) => left.atMs - right.atMs);
  state.killLines.set(key, entries);
}

/** The day's kill lines per container and the containers gunicorn runs in. */
function readLogs(history: History, sinceMs: number): Pick<Facts, 'killLines' | 'gunicorn'> {
  const state = scanNewReads(history);
  const gunicorn = new Set<string>();
  for (const [key, atMs] of state.gunicornAtMs) if (atMs >= sinceMs) gunicorn.add(key);
  for (const [key, atMs] of state.gunicornAtMs) if (atMs < sinceMs) state.gunicornAtMs.delete(key);
  // Lines older than the day are let go, so a long session holds one day of them.
  for (const [key, entries] of state.killLines) {
    const recent = entries.filter((entry) => entry.atMs >= sinceMs);
    for (const entry of entries.slice(0, entries.length - recent.length)) {
      state.seenLines.delete(`${key}|${entry.at}|${entry.text}`);
    }
    if (recent.length > 0) state.killLines.set(key, recent);
    else state.killLines.delete(key);
  }
  return { killLines: state.killLines, gunicorn };
}

/** Containers Docker flags OOMKilled in a snapshot (usually none), computed once a snapshot. */
const flaggedIn = new WeakMap<Snapshot, string[]>();

function flagged(snapshot: Snapshot): string[] {
  const cached = flaggedIn.get(snapshot);
  if (cached) return cached;
  const keys = Object.entries(snapshot.nodes).flatMap(([node, nodeSnapshot]) =>
    (nodeSnapshot.containers ?? [])
      .filter((container) => container.oomKilled === true)
      .map((container) => containerKey(node, container.name)),
  );
  flaggedIn.set(snapshot, keys);
  return keys;
}

/** Times at which Docker's OOMKilled turned true, per container, from the recent snapshots. */
function readOomFlags(history: History, sinceMs: number): Map<string, number[]> {
  const snapshots = history.snapshots(sinceMs);
  const rises = new Map<string, number[]>();
  for (const key of new Set(snapshots.flatMap(flagged))) {
    const [node, name] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)];
    const readings = snapshots.map((snapshot) => ({
      atMs: Date.parse(snapshot.takenAt),
      flag:
        snapshot.nodes[node]?.containers?.find((container) => container.name === name)?.oomKilled ??
        null,
    }));
    rises.set(key, flagRises(readings));
  }
  return rises;
}

/**
 * Falls larger than `minFraction` in per-minute means: runs of falling readings, merged while
 * they stay within FALL_SPAN_MS of where they began (a single fall across a gap still counts;
 * a gap is not a fall to 0).
 */
export function fallsByMinute(points: readonly Point[], minFraction: number): Drop[] {
  const present: ValuePoint[] = presentPoints(points);
  const drops: Drop[] = [];
  let index = 1;
  while (index < present.length) {
    if (present[index]!.value >= present[index - 1]!.value) {
      index++;
      continue;
    }
    const from = present[index - 1]!;
    let end = index;
    while (
      end + 1 < present.length &&
      present[end + 1]!.value < present[end]!.value &&
      present[end + 1]!.atMs - from.atMs <= FALL_SPAN_MS
    ) {
      end++;
    }
    const to = present[end]!;
    const fraction = from.value > 0 ? (from.value - to.value) / from.value : 0;
    if (fraction > minFraction) {
      drops.push({
        atMs: to.atMs,
        previousAtMs: from.atMs,
        from: from.value,
        to: to.value,
        fraction,
      });
    }
    index = end + 1;
  }
  return drops;
}

interface ContainerFacts {
  node: string;
  container: string;
  key: string;
  points: readonly Point[];
  lines: LogEntry[];
  flags: number[];
  gunicorn: boolean;
}

/** Kills: falls confirmed by a restart, a flag or a line, and flags or lines on their own. */
function kills(history: History, facts: ContainerFacts, drops: readonly Drop[]): Kill[] {
  const { lines, flags } = facts;
  const near = (atMs: number, time: number) => Math.abs(time - atMs) <= KILL_MATCH_MS;
  const found: Kill[] = [];
  const restartKey = `${facts.node}|container:${facts.container}|restartCount`;
  const restarts =
    drops.length === 0 ? [] : restartChanges(pointsByMinute(history, restartKey, drops[0]!));
  for (const drop of drops) {
    // The fall is dated by the minute it ended in; its kill is up to a minute later.
    const line =
      lines.find(
        (entry) =>
          entry.atMs <= drop.atMs + MINUTE_MS + KILL_MATCH_MS &&
          entry.atMs >= drop.previousAtMs - KILL_MATCH_MS,
      ) ?? null;
    const oomFlag = flags.some((time) => near(drop.atMs, time));
    const restarted = restarts.some(
      (change) =>
        change.atMs >= drop.previousAtMs - KILL_MATCH_MS &&
        change.atMs <= drop.atMs + KILL_MATCH_MS,
    );
    if (line || oomFlag || restarted) {
      found.push({ atMs: drop.atMs, drop, restarted, oomFlag, line });
    }
  }
  // A fall is dated by the minute it ended in: its line or flag may be a minute later.
  const seen = (atMs: number) =>
    found.some((kill) => Math.abs(kill.atMs - atMs) <= KILL_MATCH_MS + MINUTE_MS);
  for (const line of lines) {
    if (!seen(line.atMs))
      found.push({ atMs: line.atMs, drop: null, restarted: false, oomFlag: false, line });
  }
  for (const atMs of flags) {
    if (!seen(atMs)) found.push({ atMs, drop: null, restarted: false, oomFlag: true, line: null });
  }
  return found.sort((left, right) => left.atMs - right.atMs);
}

function pointsByMinute(history: History, key: string, first: Drop): Point[] {
  return history
    .seriesByMinute(key, first.previousAtMs - KILL_MATCH_MS)
    .map((sample) => ({ atMs: sample.atMs, value: sample.value }));
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const sinceMs = history.nowMs - LOOKBACK_MS;
  const { killLines, gunicorn } = readLogs(history, sinceMs);
  const oomFlags = readOomFlags(history, sinceMs);
  const recycleFraction = Math.min(thresholds.recycleDropFraction!, thresholds.dropFraction!);
  const drafts: FindingDraft[] = [];
  for (const key of history.seriesKeys({ subjectPrefix: 'container:', metric: 'memoryBytes' })) {
    const parts = splitSeriesKey(key);
    if (!parts) continue;
    const container = parts.subject.slice('container:'.length);
    const id = containerKey(parts.node, container);
    const lines = killLines.get(id) ?? [];
    const flags = oomFlags.get(id) ?? [];
    const isGunicorn = gunicorn.has(id);
    const points = history.seriesByMinute(key, sinceMs);
    // Only a gunicorn container's small falls matter (silent recycles); others need a kill's.
    const drops = fallsByMinute(points, isGunicorn ? recycleFraction : thresholds.dropFraction!);
    if (drops.length === 0 && lines.length === 0 && flags.length === 0) continue;
    const facts = { node: parts.node, container, key, points, lines, flags, gunicorn: isGunicorn };
    const killDrops = drops.filter((drop) => drop.fraction > thresholds.dropFraction!);
    const found = kills(history, facts, killDrops);
    const confirmed = new Set(found.flatMap((kill) => (kill.drop ? [kill.drop] : [])));
    const silent = isGunicorn
      ? drops.filter((drop) => !confirmed.has(drop) && !found.some((kill) => nearKill(kill, drop)))
      : [];
    if (found.length === 0 && silent.length === 0) continue;
    drafts.push(killDraft(history, facts, found, silent, thresholds));
  }
  return drafts;
}

/** A fall next to a kill is the kill's (the level settling after the restart), not a recycle. */
function nearKill(kill: Kill, drop: Drop): boolean {
  return (
    drop.atMs >= kill.atMs - KILL_MATCH_MS - MINUTE_MS &&
    drop.previousAtMs <= kill.atMs + KILL_MATCH_MS
  );
}

/** The newest memory reading (the raw sample, not the minute's mean); null when none. */
function currentBytes(history: History, key: string, points: readonly Point[]): number | null {
  const recent = history.series(key, history.nowMs - MINUTE_MS).at(-1);
  if (recent && recent.value !== null) return recent.value;
  return points.findLast((point) => point.value !== null)?.value ?? null;
}

function limitBytes(history: History, node: string, container: string): number | null {
  const key = `${node}|container:${container}|memoryLimitBytes`;
  const samples = history.seriesByMinute(key, history.nowMs - 10 * MINUTE_MS);
  return samples.findLast((sample) => sample.value !== null)?.value ?? null;
}

function describeFall(drop: Drop): string {
  return `${formatMb(drop.from - drop.to)} (${formatMb(drop.from)} → ${formatMb(drop.to)})`;
}

function killWords(found: readonly Kill[], lastDrop: Drop | null): string[] {
  const line = found.findLast((kill) => kill.line)?.line ?? null;
  return [
    lastDrop
      ? `memory fell ${formatMb(lastDrop.from - lastDrop.to)} between snapshots ` +
        `(${formatMb(lastDrop.from)} → ${formatMb(lastDrop.to)})`
      : null,
    found.some((kill) => kill.restarted) ? 'its restart count went up' : null,
    found.some((kill) => kill.oomFlag) ? 'Docker flagged it OOMKilled' : null,
    line ? `it logged "${line.message.slice(0, 120)}"` : null,
  ].filter((part): part is string => part !== null);
}

function silentWords(silent: readonly Drop[], also: boolean): string {
  const last = silent.at(-1)!;
  return (
    ` Its memory${also ? ' also' : ''} fell ${describeFall(last)} at ${formatTime(last.atMs)} ` +
    `with no restart, ` +
    `flag or log line: a worker recycled silently` +
    (silent.length > 1 ? ` (${silent.length}× in 24 h)` : '') +
    '. Add --access-logfile - and --error-logfile - to gunicorn to log worker lifecycles.'
  );
}

function killDraft(
  history: History,
  facts: ContainerFacts,
  found: Kill[],
  silent: Drop[],
  thresholds: ThresholdValues,
): FindingDraft {
  const { node, container, key } = facts;
  const killDrops = found.flatMap((kill) => (kill.drop ? [kill.drop] : []));
  const lastDrop = [...killDrops, ...silent].sort((left, right) => left.atMs - right.atMs).at(-1);
  const level = killLevel(killDrops);
  const current = currentBytes(history, key, facts.points);
  const limit = limitBytes(history, node, container);
  const now =
    current === null
      ? ''
      : ` It uses ${formatMb(current)} now` +
        (limit === null ? '' : ` of its ${formatMb(limit)} limit`) +
        '.';
  const advice = facts.gunicorn
    ? ' Add --max-requests and --max-requests-jitter to gunicorn to recycle workers before ' +
      'they accumulate memory, or raise the limit.'
    : ' Raise its memory limit or find what accumulates memory.';
  const killed =
    found.length === 0
      ? ''
      : `${container} on ${node} was killed ${found.length} time(s) in 24 h ` +
        `(${listWords(found.map((kill) => formatTime(kill.atMs)))}): ` +
        `${killWords(found, killDrops.at(-1) ?? null).join('; ')}.` +
        (level === null ? '' : ` It falls from ~${formatMb(level)}.`);
  const severity =
    found.length >= thresholds.warningKills! ? 'WARNING' : found.length > 0 ? 'SUGGESTION' : 'INFO';
  return draft({
    ruleId: RULE_ID,
    subject: `${node}/${container}`,
    severity,
    title:
      found.length > 0
        ? `${node} ${container} is killed for memory and recycled (${found.length}× in 24 h)`
        : `${node} ${container} recycles workers silently (${silent.length}× in 24 h)`,
    detail:
      (killed === '' ? `${container} on ${node} recycles workers silently.` : killed) +
      (silent.length > 0 ? silentWords(silent, found.length > 0) : '') +
      now +
      (found.length > 0 ? advice : ''),
    numbers: {
      kills: found.length,
      silentRecycles: silent.length,
      dropMb: lastDrop ? round((lastDrop.from - lastDrop.to) / MIB, 1) : null,
      fromMb: lastDrop ? round(lastDrop.from / MIB, 1) : null,
      toMb: lastDrop ? round(lastDrop.to / MIB, 1) : null,
      killLevelMb: level === null ? null : round(level / MIB, 1),
      currentMb: current === null ? null : round(current / MIB, 1),
      limitMb: limit === null ? null : round(limit / MIB, 1),
    },
    evidence: {
      series: lastDrop ? [seriesEvidence(history, key, lastDrop.previousAtMs - HOUR_MS)] : [],
      logLines: lineEvidence(found.flatMap((kill) => (kill.line ? [kill.line] : []))),
      values: { restarted: found.some((kill) => kill.restarted) },
    },
    nodes: [node],
    containers: [container],
    actions: memoryActions(facts.gunicorn, container),
  });
}

export const oomKillPatternRule: Rule = {
  id: RULE_ID,
  findingClass: 'oom-kill-pattern',
  title: 'OOM / worker kill pattern',
  inputs: [
    'container:*|memoryBytes, restartCount, memoryLimitBytes (24 h, per-minute means)',
    'snapshots: containers[].oomKilled',
    'logs: SIGKILL / out of memory lines, gunicorn lines',
  ],
  thresholds: {
    dropFraction: {
      value: 0.2,
      unit: 'fraction',
      doc:
        'A fall of memory larger than this (within 3 min, or between two readings) is a ' +
        'candidate kill.',
    },
    recycleDropFraction: {
      value: 0.04,
      unit: 'fraction',
      doc:
        'In a gunicorn container, a fall larger than this with no restart, OOMKilled flag or ' +
        'kill line is a worker recycled silently.',
    },
    warningKills: { value: 3, unit: 'count', doc: 'Kills in 24 h that make it a WARNING.' },
  },
  sentence:
    '{container} on {node} was killed {kills} time(s) in 24 h ({times}): memory fell {dropMb} ' +
    'MB between snapshots ({fromMb} → {toMb} MB); it falls from ~{killLevelMb} MB. Its memory ' +
    'also fell {dropMb} MB at {time} with no restart, flag or log line: a worker recycled ' +
    'silently. It uses {currentMb} MB now of its {limitMb} MB limit.',
  actions: ['gunicorn.recycle', 'container.restart', 'container.logs'],
  resolution: 'No kill and no silent recycle in the last 24 h.',
  evaluate,
};
