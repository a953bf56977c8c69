// A container that keeps dying and being restarted, and one that vanished between snapshots.
// Reference report 2026-02-18 23:02 #1: intel-gpu-exporter crash-looping (no i915 GPU on an
// NVIDIA host) and then removed from vk01 between snapshots.
import { splitSeriesKey } from '../history';
import { restartsCounted } from '../quantities/recycle';
import type { Container, Snapshot } from '../../../shared/snapshot';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  formatTime,
  latestNodes,
  lineEvidence,
  logEntries,
  MINUTE_MS,
  seriesEvidence,
  snapshotMs,
  threshold,
} from './common';
import { restartChangesSince } from './incremental';

const RULE_ID = 'container-crash-loop';

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  return [...crashLoops(history, thresholds), ...vanished(history, thresholds)];
}

function crashLoops(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const windowMs = thresholds.windowMinutes! * MINUTE_MS;
  const sinceMs = history.nowMs - windowMs;
  const drafts: FindingDraft[] = [];
  for (const key of history.seriesKeys({ subjectPrefix: 'container:', metric: 'restartCount' })) {
    const parts = splitSeriesKey(key)!;
    const container = parts.subject.slice('container:'.length);
    const current = history.latest?.nodes[parts.node]?.containers?.find(
      (item) => item.name === container,
    );
    if (!current) continue; // gone: the vanished half speaks
    const changes = restartChangesSince(history, key, sinceMs);
    const restarts = restartsCounted(changes.filter((change) => change.kind === 'increase'));
    if (restarts < thresholds.minRestarts!) continue;
    drafts.push(loopDraft(history, parts.node, current, restarts, key, sinceMs, windowMs));
  }
  return drafts;
}

function loopDraft(
  history: History,
  node: string,
  container: Container,
  restarts: number,
  key: string,
  sinceMs: number,
  windowMs: number,
): FindingDraft {
  const errors = logEntries(history, { node, container: container.name, sinceMs }).filter(
    (entry) => entry.level === 'error' || entry.level === 'fatal' || entry.level === 'unknown',
  );
  const last = errors.at(-1);
  const code = container.exitCode === null ? '' : `, last exit code ${container.exitCode}`;
  return draft({
    ruleId: RULE_ID,
    subject: `${node}/${container.name}`,
    severity: 'WARNING',
    title:
      `${node} ${container.name} is crash-looping ` +
      `(${restarts} restarts in ${formatDuration(windowMs)})`,
    detail:
      `${container.name} on ${node} restarted ${restarts} times in ${formatDuration(windowMs)} ` +
      `(now ${container.state}${code}, ${container.restartCount ?? '?'} restarts in all)` +
      (last ? `; it says: "${last.message.slice(0, 140)}"` : '') +
      `. If it is not needed on this node, remove it and take it out of the Compose file.`,
    numbers: { restarts, restartCount: container.restartCount, exitCode: container.exitCode },
    evidence: {
      series: [seriesEvidence(history, key, sinceMs)],
      logLines: lineEvidence(errors, 3),
    },
    nodes: [node],
    containers: [container.name],
    actions: ['container.logs', 'container.remove'],
  });
}

function names(snapshot: Snapshot, node: string): Container[] | null {
  return snapshot.nodes[node]?.containers ?? null;
}

function vanished(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const lookbackMs = thresholds.vanishedLookbackMinutes! * MINUTE_MS;
  const minAbsentMs = thresholds.minAbsentMinutes! * MINUTE_MS;
  const snapshots = history.snapshots(history.nowMs - lookbackMs);
  const drafts: FindingDraft[] = [];
  for (const [node, latest] of latestNodes(history)) {
    // An empty list is a dark node (node-dark), an unread one says nothing.
    if (!latest.containers || latest.containers.length === 0) continue;
    const present = new Set(latest.containers.map((item) => item.name));
    const lastSeen = new Map<string, { atMs: number; container: Container }>();
    for (const snapshot of snapshots) {
      for (const container of names(snapshot, node) ?? []) {
        lastSeen.set(container.name, { atMs: snapshotMs(snapshot), container });
      }
    }
    for (const [name, seen] of lastSeen) {
      if (present.has(name)) continue;
      // Gone at every read since it was last seen, for long enough to not be a re-create.
      const after = snapshots.filter((snapshot) => snapshotMs(snapshot) > seen.atMs);
      const readAfter = after.filter((snapshot) => names(snapshot, node) !== null);
      if (readAfter.length === 0 || history.nowMs - seen.atMs < minAbsentMs) continue;
      drafts.push(vanishedDraft(node, name, seen, snapshotMs(readAfter[0]!)));
    }
  }
  return drafts;
}

function vanishedDraft(
  node: string,
  name: string,
  seen: { atMs: number; container: Container },
  goneAtMs: number,
): FindingDraft {
  const wasLooping = seen.container.state === 'restarting';
  return draft({
    ruleId: RULE_ID,
    subject: `${node}/${name}/vanished`,
    severity: 'INFO',
    title: `${name} was removed from ${node} between snapshots`,
    detail:
      `${name} was listed on ${node} at ${formatTime(seen.atMs)}` +
      (wasLooping ? ' (crash-looping)' : ` (${seen.container.state})`) +
      ` and is gone since ${formatTime(goneAtMs)}. If it was removed on purpose, check it is ` +
      `also out of the Compose file so it does not return at the next boot; otherwise find ` +
      `out who removed it.`,
    numbers: { restartCount: seen.container.restartCount },
    evidence: { values: { lastState: seen.container.state, image: seen.container.image } },
    nodes: [node],
    containers: [name],
    actions: ['node.openPortainer'],
  });
}

export const containerCrashLoopRule: Rule = {
  id: RULE_ID,
  findingClass: 'container-crash-loop',
  title: 'Crash-looping or vanished container',
  inputs: [
    'container:*|restartCount',
    'latest containers (state, exit code)',
    'snapshots: container lists',
    'logs',
  ],
  thresholds: {
    minRestarts: threshold(3, 'count', 'Restarts within the window that make a loop.'),
    windowMinutes: threshold(30, 'min', 'The window restarts are counted in.'),
    vanishedLookbackMinutes: threshold(
      60,
      'min',
      'A container listed within this time and gone now has vanished.',
    ),
    minAbsentMinutes: threshold(2, 'min', 'It must be absent this long (a re-create is quicker).'),
  },
  sentence:
    '{container} on {node} restarted {restarts} times in {window} (last exit code {exitCode}); ' +
    'or: {container} was listed on {node} at {time} and is gone since {time}.',
  actions: ['container.logs', 'container.remove', 'node.openPortainer'],
  resolution:
    'Loop: fewer than minRestarts within the window. Vanished: vanishedLookbackMinutes after ' +
    'it was last seen, or it is back.',
  evaluate,
};
