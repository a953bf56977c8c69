// Nodes that booted recently, and how their uptimes are staggered: services on the newest one
// have had the least time to settle. Reference report 2026-02-18 22:08 #4 and 23:33 #4: vk01 up
// 1.9 h, vk02 4.3 h, vk03 4.8 h.
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  formatTime,
  HOUR_MS,
  latestNodes,
  round,
  threshold,
} from './common';

const RULE_ID = 'recent-reboot';

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const uptimes = latestNodes(history)
    .map(([node, snapshot]) => ({ node, seconds: snapshot.host?.uptimeSeconds ?? null }))
    .filter((item): item is { node: string; seconds: number } => item.seconds !== null)
    .sort((left, right) => left.seconds - right.seconds);
  const recent = uptimes.filter((item) => item.seconds * 1000 < thresholds.recentHours! * HOUR_MS);
  if (recent.length === 0) return [];
  const newest = recent[0]!;
  const bootMs = history.nowMs - newest.seconds * 1000;
  const list = uptimes.map(
    (item) => `${item.node} ${round(item.seconds / 3600, 1)} h (${Math.round(item.seconds)} s)`,
  );
  return [
    draft({
      ruleId: RULE_ID,
      subject: `newest-boot:${newest.node}`,
      severity: 'INFO',
      title: `${newest.node} rebooted recently (up ${formatDuration(newest.seconds * 1000)})`,
      detail:
        `${newest.node} booted at ~${formatTime(bootMs)}. Uptimes: ${list.join(', ')}.` +
        (recent.length > 1
          ? ' The reboots are staggered, which is good for availability, but '
          : ' ') +
        `${newest.node}'s services have had the least time to settle: watch them through the ` +
        `first production shift.`,
      numbers: {
        uptimeHours: round(newest.seconds / 3600, 1),
        ...Object.fromEntries(
          uptimes.map((item) => [`${item.node}UptimeHours`, round(item.seconds / 3600, 1)]),
        ),
      },
      evidence: { values: Object.fromEntries(uptimes.map((item) => [item.node, item.seconds])) },
      nodes: recent.map((item) => item.node),
      actions: ['container.logs'],
    }),
  ];
}

export const recentRebootRule: Rule = {
  id: RULE_ID,
  findingClass: 'recent-reboot',
  title: 'Recent reboot / staggered uptime',
  inputs: ['latest host.uptimeSeconds of every node'],
  thresholds: {
    recentHours: threshold(6, 'h', 'A node up for less than this rebooted recently.'),
  },
  sentence: '{node} booted at ~{time}. Uptimes: {node} {hours} h ({seconds} s), …',
  actions: ['container.logs'],
  resolution: 'Every node has been up for recentHours.',
  evaluate,
};
