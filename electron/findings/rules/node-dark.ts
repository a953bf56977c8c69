// A node that answers on the network but runs no containers is "dark" (reference report
// 2026-02-22 20:16, item 6: vk02 reachable, zero containers, null host metrics). B1 wrote the
// example; B2 added the hysteresis (a node listing nothing for a moment while it boots is not
// dark) and what it ran before.
import { channelNames, type NodeSnapshot, type Snapshot } from '../../../shared/snapshot';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  holdingSince,
  HOUR_MS,
  listWords,
  MINUTE_MS,
  threshold,
} from './common';

const RULE_ID = 'node-dark';

/** In the snapshot format's channel order, whatever order the object's keys came in. */
function channelsUp(node: NodeSnapshot): string[] {
  return channelNames.filter((name) => node.reachability[name].state === 'up');
}

/** Read as running nothing (an unread list, null, says nothing) while some channel answers. */
function isDark(node: NodeSnapshot | undefined): boolean {
  if (!node || node.containers === null) return false;
  if (node.containers.some((container) => container.state === 'running')) return false;
  return channelsUp(node).length > 0;
}

/** How many containers it ran at its last tick with a running one, within the window. */
function ranBefore(snapshots: readonly Snapshot[], name: string): number | null {
  for (let index = snapshots.length - 1; index >= 0; index--) {
    const containers = snapshots[index]!.nodes[name]?.containers ?? [];
    const running = containers.filter((container) => container.state === 'running').length;
    if (running > 0) return running;
  }
  return null;
}

function darkDraft(
  name: string,
  node: NodeSnapshot,
  sinceMs: number,
  nowMs: number,
  before: number | null,
) {
  const upChannels = channelsUp(node);
  return draft({
    ruleId: RULE_ID,
    subject: name,
    severity: 'INFO',
    title: `${name} is fully dark — reachable at network level but running zero containers`,
    detail:
      `${name} answers on ${listWords(upChannels)} but has listed 0 running containers for ` +
      `${formatDuration(nowMs - sinceMs)}` +
      (before === null ? '' : ` (it ran ${before} before)`) +
      (node.host === null ? ' and reports no host metrics' : '') +
      `; the deployment is down to the other nodes, with no redundancy for what ${name} ran.`,
    numbers: {
      containersRunning: 0,
      channelsUp: upChannels.length,
      containersBefore: before,
      darkMinutes: Math.round((nowMs - sinceMs) / MINUTE_MS),
    },
    evidence: { values: { channelsUp: upChannels.join(', ') } },
    nodes: [name],
    actions: ['node.openPortainer'],
  });
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const latest = history.latest;
  if (!latest) return [];
  const snapshots = history.snapshots(history.nowMs - 2 * HOUR_MS);
  const drafts: FindingDraft[] = [];
  for (const [name, node] of Object.entries(latest.nodes).sort(([a], [b]) => a.localeCompare(b))) {
    const sinceMs = holdingSince(snapshots, (snapshot) => isDark(snapshot.nodes[name]));
    if (sinceMs === null || history.nowMs - sinceMs < thresholds.minDarkMinutes! * MINUTE_MS) {
      continue;
    }
    drafts.push(darkDraft(name, node, sinceMs, history.nowMs, ranBefore(snapshots, name)));
  }
  return drafts;
}

export const nodeDarkRule: Rule = {
  id: RULE_ID,
  findingClass: 'node-dark',
  title: 'Node dark',
  inputs: ['snapshots: reachability, containers, host'],
  thresholds: {
    minDarkMinutes: threshold(
      5,
      'min',
      'Dark at every tick this long (containers start some seconds after a boot).',
    ),
  },
  sentence:
    '{node} answers on {channels} but has listed 0 running containers for {duration} (it ran ' +
    '{containersBefore} before); the deployment is down to the other nodes.',
  actions: ['node.openPortainer'],
  resolution:
    'The node lists a running container again, or no channel answers (then it is ' +
    'unreachable, another finding).',
  evaluate,
};
