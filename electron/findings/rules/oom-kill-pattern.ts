// A container killed for memory and recycled: a fall of memory between snapshots together with
// a restart, Docker's OOMKilled flag or a kill line in its log (gunicorn's "was sent SIGKILL!
// Perhaps out of memory?"). Reference report 2026-02-18 22:08 #3 (SIGKILL on Feb 4, 10, 18) and
// 23:02 #3 (memory dropped 100 MB between snapshots, 414 → 315 MB).
import { findDrops, flagRises, killLevel, type Drop } from '../quantities/recycle';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatMb,
  formatTime,
  HOUR_MS,
  lineEvidence,
  listWords,
  logEntries,
  MIB,
  round,
  seriesEvidence,
  type LogEntry,
} from './common';
import {
  containerMemories,
  KILL_MATCH_MS,
  memoryActions,
  restartedNear,
  runsGunicorn,
  type ContainerMemory,
} from './memory-common';

const RULE_ID = 'oom-kill-pattern';

const KILL_LINE = /SIGKILL|out of memory|OOMKilled|oom-kill|Killed process|MemoryError/i;

interface Kill {
  atMs: number;
  drop: Drop | null;
  restarted: boolean;
  oomFlag: boolean;
  line: LogEntry | null;
}

function oomFlagTimes(history: History, node: string, container: string): number[] {
  const readings = history.snapshots(history.nowMs - 24 * HOUR_MS).map((snapshot) => ({
    atMs: Date.parse(snapshot.takenAt),
    flag:
      snapshot.nodes[node]?.containers?.find((item) => item.name === container)?.oomKilled ?? null,
  }));
  return flagRises(readings);
}

/** Kills: drops confirmed by a restart, a flag or a line, and flags or lines on their own. */
function kills(history: History, memory: ContainerMemory, dropFraction: number): Kill[] {
  const { node, container } = memory;
  const lines = logEntries(history, {
    node,
    container,
    sinceMs: history.nowMs - 24 * HOUR_MS,
  }).filter((entry) => KILL_LINE.test(entry.message) && Number.isFinite(entry.atMs));
  const flags = oomFlagTimes(history, node, container);
  const near = (atMs: number, time: number) => Math.abs(time - atMs) <= KILL_MATCH_MS;
  const found: Kill[] = [];
  for (const drop of findDrops(memory.points, dropFraction)) {
    const line =
      lines.find(
        (entry) =>
          entry.atMs <= drop.atMs + KILL_MATCH_MS &&
          entry.atMs >= drop.previousAtMs - KILL_MATCH_MS,
      ) ?? null;
    const oomFlag = flags.some((time) => near(drop.atMs, time));
    const restarted = restartedNear(memory.restarts, drop.atMs, KILL_MATCH_MS);
    if (line || oomFlag || restarted)
      found.push({ atMs: drop.atMs, drop, restarted, oomFlag, line });
  }
  const seen = (atMs: number) => found.some((kill) => near(kill.atMs, atMs));
  for (const line of lines) {
    if (!seen(line.atMs))
      found.push({ atMs: line.atMs, drop: null, restarted: false, oomFlag: false, line });
  }
  for (const atMs of flags) {
    if (!seen(atMs)) found.push({ atMs, drop: null, restarted: false, oomFlag: true, line: null });
  }
  return found.sort((left, right) => left.atMs - right.atMs);
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const memory of containerMemories(history, history.nowMs - 24 * HOUR_MS)) {
    const found = kills(history, memory, thresholds.dropFraction!);
    if (found.length === 0) continue;
    drafts.push(killDraft(history, memory, found, thresholds));
  }
  return drafts;
}

function killDraft(
  history: History,
  memory: ContainerMemory,
  found: Kill[],
  thresholds: ThresholdValues,
): FindingDraft {
  const { node, container } = memory;
  const drops = found.flatMap((kill) => (kill.drop ? [kill.drop] : []));
  const lastDrop = drops.at(-1) ?? null;
  const level = killLevel(drops);
  const line = found.findLast((kill) => kill.line)?.line ?? null;
  const gunicorn = runsGunicorn(history, node, container);
  const how = [
    lastDrop
      ? `memory fell ${formatMb(lastDrop.from - lastDrop.to)} between snapshots ` +
        `(${formatMb(lastDrop.from)} → ${formatMb(lastDrop.to)})`
      : null,
    found.some((kill) => kill.restarted) ? 'its restart count went up' : null,
    found.some((kill) => kill.oomFlag) ? 'Docker flagged it OOMKilled' : null,
    line ? `it logged "${line.message.slice(0, 120)}"` : null,
  ].filter((part): part is string => part !== null);
  const limit = memory.limitBytes === null ? '' : ` Its limit is ${formatMb(memory.limitBytes)}.`;
  return draft({
    ruleId: RULE_ID,
    subject: `${node}/${container}`,
    severity: found.length >= thresholds.warningKills! ? 'WARNING' : 'SUGGESTION',
    title: `${node} ${container} is killed for memory and recycled (${found.length}× in 24 h)`,
    detail:
      `${container} on ${node} was killed ${found.length} time(s) in 24 h ` +
      `(${listWords(found.map((kill) => formatTime(kill.atMs)))}): ${how.join('; ')}.` +
      (level === null ? '' : ` It falls from ~${formatMb(level)}.`) +
      limit +
      (gunicorn
        ? ' Add --max-requests and --max-requests-jitter to gunicorn to recycle workers before ' +
          'they accumulate memory, or raise the limit.'
        : ' Raise its memory limit or find what accumulates memory.'),
    numbers: {
      kills: found.length,
      dropMb: lastDrop ? round((lastDrop.from - lastDrop.to) / MIB, 1) : null,
      fromMb: lastDrop ? round(lastDrop.from / MIB, 1) : null,
      toMb: lastDrop ? round(lastDrop.to / MIB, 1) : null,
      killLevelMb: level === null ? null : round(level / MIB, 1),
    },
    evidence: {
      series: lastDrop
        ? [seriesEvidence(history, memory.key, lastDrop.previousAtMs - HOUR_MS)]
        : [],
      logLines: lineEvidence(found.flatMap((kill) => (kill.line ? [kill.line] : []))),
      values: { restarted: found.some((kill) => kill.restarted) },
    },
    nodes: [node],
    containers: [container],
    actions: memoryActions(gunicorn, container),
  });
}

export const oomKillPatternRule: Rule = {
  id: RULE_ID,
  findingClass: 'oom-kill-pattern',
  title: 'OOM / worker kill pattern',
  inputs: [
    'container:*|memoryBytes, restartCount (24 h)',
    'snapshots: containers[].oomKilled',
    'logs: SIGKILL / out of memory lines',
  ],
  thresholds: {
    dropFraction: {
      value: 0.2,
      unit: 'fraction',
      doc: 'A fall of memory between consecutive readings larger than this is a candidate kill.',
    },
    warningKills: { value: 3, unit: 'count', doc: 'Kills in 24 h that make it a WARNING.' },
  },
  sentence:
    '{container} on {node} was killed {kills} time(s) in 24 h ({times}): memory fell {dropMb} ' +
    'MB between snapshots ({fromMb} → {toMb} MB); it falls from ~{killLevelMb} MB.',
  actions: ['gunicorn.recycle', 'container.restart', 'container.logs'],
  resolution: 'No kill in the last 24 h.',
  evaluate,
};
