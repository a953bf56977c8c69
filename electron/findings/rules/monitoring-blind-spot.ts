// Where our own monitoring does not see: a database whose size reads 0 bytes (no real database
// is empty on disk: the probe queries the wrong one), and a probe whose output we cannot parse
// for a long time. Reference report 2026-02-18 23:36 #3: vk03 db_size_bytes reads 0.
import { splitSeriesKey } from '../history';
import type { FindingDraft, History, Rule } from '../types';
import { draft, formatDuration, latestNodes, MINUTE_MS, seriesEvidence, threshold } from './common';

const RULE_ID = 'monitoring-blind-spot';

function zeroSizedDatabases(history: History): FindingDraft[] {
  return latestNodes(history).flatMap(([node, snapshot]) =>
    (snapshot.postgres ?? [])
      .filter((database) => database.sizeBytes === 0)
      .map((database) =>
        draft({
          ruleId: RULE_ID,
          subject: `${node}/database:${database.name}`,
          severity: 'SUGGESTION',
          title: `${node} database ${database.name} size reads 0 bytes`,
          detail:
            `The size of ${database.name} on ${node} reads 0 bytes` +
            (database.connections === null ? '' : ` with ${database.connections} connections`) +
            `. A real PostgreSQL database is never 0 bytes on disk (even an empty one holds its ` +
            `catalog): the probe is querying the wrong database, or lacks the privilege. Check ` +
            `pg_database_size(current_database()) directly.`,
          numbers: { sizeBytes: 0, connections: database.connections },
          nodes: [node],
          actions: ['postgres.diagnostics'],
        }),
      ),
  );
}

/** Series whose every reading for `minMs` is null because we could not parse the answer. */
function unparsedSeries(history: History, minMs: number): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const key of history.seriesKeys()) {
    const newest = history.series(key, history.nowMs).at(-1);
    if (newest?.nullKind !== 'unparsed') continue;
    const samples = history.series(key, history.nowMs - minMs);
    if (samples[0]!.atMs > history.nowMs - minMs + MINUTE_MS) continue; // not long enough yet
    if (!samples.every((sample) => sample.nullKind === 'unparsed')) continue;
    const parts = splitSeriesKey(key)!;
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: key,
        severity: 'SUGGESTION',
        title: `${parts.node} ${parts.subject} ${parts.metric} cannot be read`,
        detail:
          `For ${formatDuration(minMs)} every reading of ${parts.metric} of ${parts.subject} on ` +
          `${parts.node} came back in a form the probe does not understand: this is a blind ` +
          `spot, not a healthy zero. Check the tool's version and output on that node.`,
        numbers: { unreadMinutes: Math.round(minMs / MINUTE_MS) },
        evidence: { series: [seriesEvidence(history, key, history.nowMs - minMs)] },
        nodes: [parts.node],
        actions: ['versions.compare'],
      }),
    );
  }
  return drafts;
}

export const monitoringBlindSpotRule: Rule = {
  id: RULE_ID,
  findingClass: 'monitoring-blind-spot',
  title: 'Monitoring blind spot',
  inputs: ['latest postgres[].sizeBytes', 'every series: null kind `unparsed`'],
  thresholds: {
    minUnparsedMinutes: threshold(
      30,
      'min',
      'A series unreadable (unparsed) at every tick this long is a blind spot.',
    ),
  },
  sentence:
    'The size of {database} on {node} reads 0 bytes: the probe is querying the wrong database; ' +
    'or: every reading of {metric} of {subject} on {node} came back unparsed for {duration}.',
  actions: ['postgres.diagnostics', 'versions.compare'],
  resolution: 'The database reports a size above 0; the series can be read again.',
  evaluate(history, thresholds) {
    const minMs = thresholds.minUnparsedMinutes! * MINUTE_MS;
    return [...zeroSizedDatabases(history), ...unparsedSeries(history, minMs)];
  },
};
