// A client stuck reconnecting: the same container logs a connection failure to the same
// address again and again for minutes. Reference report 2026-02-18 22:08 #1: vk03's backend in a
// Redis reconnect loop to 10.244.70.26:4000 since the reboot window (ECONNREFUSED →
// EHOSTUNREACH → ECONNREFUSED).
import type { FindingDraft, History, LogFilter, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  HOUR_MS,
  latestNodes,
  lineEvidence,
  type LogEntry,
  matchLine,
  MINUTE_MS,
  round,
  selectedEntries,
  threshold,
} from './common';
import { periodicity } from '../quantities/periodicity';

const RULE_ID = 'client-reconnect-loop';

/** Node.js error codes and their libc words, followed (later on the line) by host:port. */
const FAILURE_CODES =
  'ECONNREFUSED|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|ENOTFOUND|EAI_AGAIN|ENETUNREACH|' +
  'Connection refused|No route to host';
const ADDRESS = String.raw`(?:\d{1,3}\.){3}\d{1,3}:\d{2,5}|[a-z][\w.-]*:\d{2,5}`;
const FAILURE = new RegExp(String.raw`\b(${FAILURE_CODES})\b.*?\b(${ADDRESS})`, 'i');

interface Loop {
  node: string;
  container: string;
  target: string;
  entries: LogEntry[];
}

/** Failure lines with a time (each read's lines tested once, common.ts `selectedEntries`). */
function failures(history: History, filter: LogFilter): LogEntry[] {
  return selectedEntries(
    history,
    filter,
    RULE_ID,
    (entry) => Number.isFinite(entry.atMs) && matchLine(FAILURE, entry) !== null,
  );
}

function loops(entries: readonly LogEntry[]): Map<string, Loop> {
  const found = new Map<string, Loop>();
  for (const entry of entries) {
    if (!Number.isFinite(entry.atMs)) continue;
    const match = matchLine(FAILURE, entry);
    if (!match) continue;
    const target = match[2]!;
    const key = `${entry.node}|${entry.container}|${target}`;
    const loop = found.get(key) ?? {
      node: entry.node,
      container: entry.container,
      target,
      entries: [],
    };
    loop.entries.push(entry);
    found.set(key, loop);
  }
  return found;
}

/**
 * The unbroken run of failures ending with the newest. A silence longer than `maxGapMs` ends
 * it only if the container's log was read during the silence: while SSH was down nothing was
 * read, and that is not a pause of the loop.
 */
function currentStreak(entries: readonly LogEntry[], readTimes: number[], maxGapMs: number) {
  let start = entries.length - 1;
  while (start > 0) {
    const before = entries[start - 1]!.atMs;
    const after = entries[start]!.atMs;
    const readInGap = firstAfter(readTimes, before + maxGapMs) < after;
    if (after - before > maxGapMs && readInGap) break;
    start--;
  }
  return entries.slice(start);
}

/**
 * The first of ascending times after `atMs`, or Infinity: a day of reads at the 5 s tick is
 * searched, not walked, for each gap of a streak.
 */
function firstAfter(times: readonly number[], atMs: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! <= atMs) low = middle + 1;
    else high = middle;
  }
  return times[low] ?? Number.POSITIVE_INFINITY;
}

/** `ECONNREFUSED → EHOSTUNREACH → ECONNREFUSED`: the codes in order, repeats folded. */
function codeSequence(entries: readonly LogEntry[]): string[] {
  const codes: string[] = [];
  for (const entry of entries) {
    const code = matchLine(FAILURE, entry)?.[1]?.toUpperCase();
    if (code && codes.at(-1) !== code) codes.push(code);
  }
  return codes;
}

/** The node a target address belongs to, from the hosts in the fleet's endpoint URLs. */
function nodeOfTarget(history: History, target: string): string | null {
  const host = target.slice(0, target.lastIndexOf(':'));
  for (const [node, snapshot] of latestNodes(history)) {
    if (snapshot.endpoints.some((endpoint) => endpoint.url.includes(`//${host}`))) return node;
  }
  return null;
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const recentMs = thresholds.recentMinutes! * MINUTE_MS;
  const maxGapMs = thresholds.maxGapMinutes! * MINUTE_MS;
  // Only containers failing now are read back a whole day (the cost of a tick stays small).
  const recent = loops(failures(history, { sinceMs: history.nowMs - recentMs }));
  const drafts: FindingDraft[] = [];
  for (const current of recent.values()) {
    const since = history.nowMs - 24 * HOUR_MS;
    const day = failures(history, {
      node: current.node,
      container: current.container,
      sinceMs: since,
    });
    const entries = day.filter(
      (entry) => Number.isFinite(entry.atMs) && matchLine(FAILURE, entry)?.[2] === current.target,
    );
    const loop = entries.length > 0 ? { ...current, entries } : current;
    const readTimes = history
      .logs({ node: loop.node, container: loop.container })
      .map((digest) => digest.atMs);
    const streak = currentStreak(loop.entries, readTimes, maxGapMs);
    const last = streak.at(-1)!;
    const durationMs = last.atMs - streak[0]!.atMs;
    if (history.nowMs - last.atMs > recentMs) continue;
    if (
      streak.length < thresholds.minFailures! ||
      durationMs < thresholds.minMinutes! * MINUTE_MS
    ) {
      continue;
    }
    drafts.push(loopDraft(history, loop, streak, durationMs));
  }
  return drafts;
}

function loopDraft(history: History, loop: Loop, streak: LogEntry[], durationMs: number) {
  const period = periodicity(streak.map((entry) => entry.atMs));
  const everySeconds = period.value ? round(period.value.periodMs / 1000, 1) : null;
  const codes = codeSequence(streak);
  const targetNode = nodeOfTarget(history, loop.target);
  const where = targetNode ? ` (${targetNode})` : '';
  const targetUp =
    targetNode !== null &&
    Object.values(history.latest?.nodes[targetNode]?.reachability ?? {}).some(
      (channel) => channel.state === 'up',
    );
  return draft({
    ruleId: RULE_ID,
    subject: `${loop.node}/${loop.container}->${loop.target}`,
    severity: 'WARNING',
    title: `${loop.node} ${loop.container} is stuck reconnecting to ${loop.target}`,
    detail:
      `${loop.container} on ${loop.node} has failed to connect to ${loop.target}${where} ` +
      `${streak.length} times in ${formatDuration(durationMs)}` +
      (everySeconds === null ? '' : `, every ~${everySeconds} s`) +
      ` (${codes.join(' → ')}).` +
      (targetUp ? ` ${targetNode} answers our probes again, so the client did not recover.` : '') +
      ` Restart ${loop.container} and add resilient reconnection logic.`,
    numbers: {
      failures: streak.length,
      durationMinutes: Math.round(durationMs / MINUTE_MS),
      periodSeconds: everySeconds,
    },
    evidence: {
      logLines: lineEvidence([streak[0]!, ...streak.slice(-4)]),
      values: { target: loop.target, codes: codes.join(' → '), since: streak[0]!.at },
    },
    nodes: targetNode ? [loop.node, targetNode] : [loop.node],
    containers: [loop.container],
    actions: ['container.restart', 'container.logs'],
  });
}

export const clientReconnectLoopRule: Rule = {
  id: RULE_ID,
  findingClass: 'client-reconnect-loop',
  title: 'Client stuck reconnecting',
  inputs: ['logs: every container, lines with ECONNREFUSED/EHOSTUNREACH/... and host:port'],
  thresholds: {
    minFailures: threshold(10, 'count', 'Failures in the unbroken run.'),
    minMinutes: threshold(5, 'min', 'How long the run must last.'),
    maxGapMinutes: threshold(5, 'min', 'A longer silence between failures ends a run.'),
    recentMinutes: threshold(
      10,
      'min',
      'The newest failure must be this recent for the loop to be ongoing.',
    ),
  },
  sentence:
    '{container} on {node} has failed to connect to {target} ({targetNode}) {failures} times ' +
    'in {duration}, every ~{periodSeconds} s ({codes}).',
  actions: ['container.restart', 'container.logs'],
  resolution: 'No failure to that address for recentMinutes (a restart usually ends it).',
  evaluate,
};
