// A Redis key or hash field the pipeline expects is missing while the rest of Redis is filled:
// the consumer falls back to a default. Reference report 2026-02-22 20:16 #2: DB_Speed has no
// Velocidade_Tratada, so inference samples 100 % of the frames.
import type { RedisWatchedKey, Snapshot } from '../../../shared/snapshot';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  holdingSince,
  HOUR_MS,
  latestNodes,
  lineEvidence,
  logEntries,
  MINUTE_MS,
  threshold,
} from './common';

const RULE_ID = 'missing-key';

interface Missing {
  db: number;
  key: string;
  /** null: the whole key is missing. */
  field: string | null;
}

function missingIn(watched: RedisWatchedKey, dbKeys: number): Missing[] {
  if (!watched.exists) {
    // An empty database is a cold start (cold-state); a missing key among others is the news.
    return dbKeys > 0 ? [{ db: watched.db, key: watched.key, field: null }] : [];
  }
  return watched.fields
    .filter((field) => field.value === null && field.missing.value?.kind === 'absent')
    .map((field) => ({ db: watched.db, key: watched.key, field: field.field }));
}

function missingNow(snapshot: Snapshot, node: string): Missing[] {
  const redis = snapshot.nodes[node]?.redis;
  if (!redis) return [];
  return redis.watched.flatMap((watched) =>
    missingIn(watched, redis.databases.find((db) => db.db === watched.db)?.keys ?? 0),
  );
}

const same = (left: Missing, right: Missing) =>
  left.db === right.db && left.key === right.key && left.field === right.field;

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const snapshots = history.snapshots(0);
  const drafts: FindingDraft[] = [];
  for (const [node, latest] of latestNodes(history)) {
    if (!latest.redis) continue;
    for (const item of missingNow(history.latest!, node)) {
      const since = holdingSince(snapshots, (snapshot) =>
        missingNow(snapshot, node).some((other) => same(other, item)),
      );
      if (since === null || history.nowMs - since < thresholds.minMinutes! * MINUTE_MS) continue;
      const name = item.field ?? item.key;
      const mentions = logEntries(history, { sinceMs: history.nowMs - HOUR_MS }).filter((entry) =>
        entry.message.includes(name),
      );
      const consumers = [
        ...new Set(mentions.map((entry) => `${entry.container} on ${entry.node}`)),
      ];
      const what =
        item.field === null
          ? `key ${item.key} does not exist`
          : `hash ${item.key} has no field ${item.field}`;
      const short =
        item.field === null
          ? `key ${item.key} missing`
          : `hash ${item.key} missing field ${item.field}`;
      const said = mentions.at(-1)?.message.slice(0, 120) ?? '';
      drafts.push(
        draft({
          ruleId: RULE_ID,
          subject: `${node}/db${item.db}/${item.key}${item.field === null ? '' : `.${item.field}`}`,
          severity: 'WARNING',
          title: `Redis ${short} on ${node}`,
          detail:
            `On ${node} Redis DB${item.db}: ${what} ` +
            `for ${formatDuration(history.nowMs - since)}, while the pipeline expects it` +
            (consumers.length > 0 ? `; ${consumers.join(', ')} logs about it ("${said}")` : '') +
            `. Check that its producer writes it to the right database and key name.`,
          numbers: { db: item.db, missingMinutes: Math.round((history.nowMs - since) / MINUTE_MS) },
          evidence: {
            logLines: lineEvidence(mentions, 3),
            values: { key: item.key, field: item.field },
          },
          nodes: [node, ...mentions.map((entry) => entry.node)],
          containers: mentions.map((entry) => entry.container),
          actions: ['redis.diagnostics', 'container.logs'],
        }),
      );
    }
  }
  return drafts;
}

export const missingKeyRule: Rule = {
  id: RULE_ID,
  findingClass: 'missing-key',
  title: 'Missing key or field the pipeline expects',
  inputs: [
    'snapshots: nodes.*.redis.watched (fleet file watch list), databases[].keys',
    'logs mentioning it',
  ],
  thresholds: {
    minMinutes: threshold(2, 'min', 'It must be missing at every tick this long.'),
  },
  sentence:
    'On {node} Redis DB{db}: hash {key} has no field {field} for {duration}, while the pipeline ' +
    'expects it; {container} logs about it.',
  actions: ['redis.diagnostics', 'container.logs'],
  resolution: 'The key or field exists again.',
  evaluate,
};
