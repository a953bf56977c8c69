// Redis holds nothing at all: expected while the line is idle, but it means no state survives
// between production sessions, so a cold start must re-populate every setting. Reference report
// 2026-02-18 23:18 #4: all Redis databases empty across both nodes (DB0–DB3).
import type { Snapshot } from '../../../shared/snapshot';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  holdingSince,
  latestNodes,
  listWords,
  MINUTE_MS,
  threshold,
} from './common';

const RULE_ID = 'cold-state';

function empty(snapshot: Snapshot, node: string): boolean {
  const redis = snapshot.nodes[node]?.redis;
  return !!redis && redis.databases.length > 0 && redis.databases.every((db) => db.keys === 0);
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const snapshots = history.snapshots(0);
  const cold = latestNodes(history)
    .map(([node, snapshot]) => ({
      node,
      snapshot,
      since: holdingSince(snapshots, (item) => empty(item, node)),
    }))
    .filter(
      (item) =>
        item.since !== null && history.nowMs - item.since >= thresholds.minMinutes! * MINUTE_MS,
    );
  if (cold.length === 0) return [];
  const databases = [
    ...new Set(cold.flatMap((item) => item.snapshot.redis!.databases.map((db) => db.db))),
  ].sort();
  const since = Math.min(...cold.map((item) => item.since!));
  const range =
    databases.length > 1 ? `DB${databases[0]}–DB${databases.at(-1)}` : `DB${databases[0]}`;
  return [
    draft({
      ruleId: RULE_ID,
      subject: 'redis',
      severity: 'INFO',
      title: `All Redis databases empty on ${listWords(cold.map((item) => item.node))} (${range})`,
      detail:
        `Every Redis database (${range}) on ${listWords(cold.map((item) => item.node))} has ` +
        `held 0 keys for at least ${formatDuration(history.nowMs - since)}. Expected while the ` +
        `line is idle, but ` +
        `no state survives between production sessions: camera configs, PLC state and settings ` +
        `must be re-populated on a cold start. Verify the initialization handles an empty Redis.`,
      numbers: { nodes: cold.length, databases: databases.length, keys: 0 },
      evidence: { values: Object.fromEntries(cold.map((item) => [item.node, range])) },
      nodes: cold.map((item) => item.node),
      actions: ['redis.diagnostics'],
    }),
  ];
}

export const coldStateRule: Rule = {
  id: RULE_ID,
  findingClass: 'cold-state',
  title: 'Cold state (Redis empty)',
  inputs: ['snapshots: nodes.*.redis.databases[].keys'],
  thresholds: {
    minMinutes: threshold(10, 'min', 'Every database must have been empty this long.'),
  },
  sentence:
    'Every Redis database ({databases}) on {nodes} has held 0 keys for {duration}; a cold start ' +
    'must re-populate camera configs, PLC state and settings.',
  actions: ['redis.diagnostics'],
  resolution: 'A database holds a key again.',
  evaluate,
};
