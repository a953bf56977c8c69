// The same PostgreSQL error again and again: its rate, its period, whether the nodes see it at
// the same moments (then one central client is probing them all) and, when another container
// logs the same text, its source. Reference report 2026-02-18 22:08 #2, 23:33 #1, 02:43 #2:
// FATAL database "visionking" does not exist, 1/min/node, synchronized → vk03's backends.
import type { Snapshot } from '../../../shared/snapshot';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import { periodicity, synchrony } from '../quantities/periodicity';
import {
  draft,
  lineEvidence,
  listWords,
  logEntries,
  type LogEntry,
  matchLine,
  MINUTE_MS,
  round,
  threshold,
} from './common';

const RULE_ID = 'repeated-database-error';

/** A PostgreSQL server log line: `… UTC [pid] FATAL:  message`. */
const POSTGRES_ERROR = /\[\d+\]\s+(FATAL|ERROR|PANIC):\s+(.+)$/;

interface Occurrences {
  severity: string;
  message: string;
  /** node -> times (ms) */
  byNode: Map<string, number[]>;
  entries: LogEntry[];
}

function collect(history: History, sinceMs: number): Map<string, Occurrences> {
  const found = new Map<string, Occurrences>();
  const add = (node: string, severity: string, message: string, atMs: number) => {
    const group: Occurrences = found.get(message) ?? {
      severity,
      message,
      byNode: new Map<string, number[]>(),
      entries: [],
    };
    const times = group.byNode.get(node) ?? [];
    if (!times.includes(atMs)) times.push(atMs);
    group.byNode.set(node, times);
    found.set(message, group);
    return group;
  };
  for (const entry of logEntries(history, { sinceMs })) {
    const match = matchLine(POSTGRES_ERROR, entry);
    if (!match || !Number.isFinite(entry.atMs)) continue;
    add(entry.node, match[1]!, match[2]!.trim(), entry.atMs).entries.push(entry);
  }
  // The server's own summary covers reads whose lines were not kept.
  for (const snapshot of history.snapshots(sinceMs)) {
    for (const error of serverErrors(snapshot)) {
      if (error.atMs >= sinceMs) add(error.node, error.severity, error.message, error.atMs);
    }
  }
  return found;
}

interface ServerError {
  node: string;
  severity: string;
  message: string;
  atMs: number;
}

/** A snapshot's PostgreSQL error summaries with their times, read once per snapshot. */
const serverErrorsOf = new WeakMap<Snapshot, ServerError[]>();

function serverErrors(snapshot: Snapshot): ServerError[] {
  let errors = serverErrorsOf.get(snapshot);
  if (errors) return errors;
  errors = [];
  for (const [node, nodeSnapshot] of Object.entries(snapshot.nodes)) {
    for (const error of nodeSnapshot.postgresServer?.logErrors ?? []) {
      for (const at of [error.firstAt, error.lastAt]) {
        const atMs = at === null ? Number.NaN : Date.parse(at);
        if (Number.isFinite(atMs)) {
          errors.push({ node, severity: error.severity, message: error.message, atMs });
        }
      }
    }
  }
  serverErrorsOf.set(snapshot, errors);
  return errors;
}

/** Containers that log the same text without being the server: the likely source. */
function sources(history: History, message: string, sinceMs: number): LogEntry[] {
  return logEntries(history, { sinceMs }).filter(
    (entry) => entry.message.includes(message) && matchLine(POSTGRES_ERROR, entry) === null,
  );
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const windowMs = thresholds.windowMinutes! * MINUTE_MS;
  const sinceMs = history.nowMs - windowMs;
  const drafts: FindingDraft[] = [];
  for (const group of collect(history, sinceMs).values()) {
    const nodes = [...group.byNode.entries()]
      .filter(([, times]) => times.length >= thresholds.minOccurrences!)
      .sort(([left], [right]) => left.localeCompare(right));
    if (nodes.length === 0) continue;
    drafts.push(errorDraft(history, group, nodes, sinceMs, thresholds));
  }
  return drafts;
}

function errorDraft(
  history: History,
  group: Occurrences,
  nodes: [string, number[]][],
  sinceMs: number,
  thresholds: ThresholdValues,
): FindingDraft {
  const [firstNode, firstTimes] = nodes[0]!;
  const period = periodicity(firstTimes);
  const periodMs = period.value?.periodMs ?? null;
  const spanMs = history.nowMs - sinceMs;
  const total = nodes.reduce((sum, [, times]) => sum + times.length, 0);
  const perMinutePerNode =
    periodMs !== null ? MINUTE_MS / periodMs : total / nodes.length / (spanMs / MINUTE_MS);
  const phases = nodes
    .slice(1)
    .map(([, times]) =>
      periodMs === null ? null : synchrony(firstTimes, times, periodMs, thresholds.syncFraction!),
    );
  const synchronized =
    phases.length > 0 && phases.every((phase) => phase?.value?.synchronized === true);
  const source = sources(history, group.message, sinceMs);
  const sourceNames = [...new Set(source.map((entry) => `${entry.container} on ${entry.node}`))];
  const nodeNames = nodes.map(([node]) => node);
  const periodText =
    periodMs === null
      ? ''
      : `, every ~${round(periodMs / MINUTE_MS, 1)} min ` +
        `(jitter ±${round(period.value!.jitterMs / 1000, 1)} s)`;
  return draft({
    ruleId: RULE_ID,
    subject: `${group.severity} ${group.message}`,
    severity: 'WARNING',
    title: `"${group.message}" repeats on ${listWords(nodeNames)} PostgreSQL`,
    detail:
      `${group.severity} ${group.message}: ${total} times in ` +
      `${round(spanMs / MINUTE_MS, 0)} min, ` +
      `~${round(perMinutePerNode, 2)}/min per node${periodText}.` +
      (synchronized
        ? ` ${nodeNames.length} nodes see it at the same moments: ` +
          `one central client probes them all.`
        : '') +
      (sourceNames.length > 0
        ? ` The same text is logged by ${listWords(sourceNames)}: the likely source.`
        : ' Identify the client and fix its connection settings.'),
    numbers: {
      occurrences: total,
      nodes: nodeNames.length,
      perMinutePerNode: round(perMinutePerNode, 2),
      periodMinutes: periodMs === null ? null : round(periodMs / MINUTE_MS, 2),
      phaseDifferenceSeconds: phases[0]?.value
        ? round(phases[0].value.phaseDifferenceMs / 1000, 2)
        : null,
    },
    evidence: {
      logLines: lineEvidence([...group.entries.slice(-3), ...source.slice(-2)]),
      values: { firstNode, synchronized, source: sourceNames.join(', ') || null },
    },
    nodes: [...nodeNames, ...source.map((entry) => entry.node)],
    containers: source.map((entry) => entry.container),
    actions: ['postgres.diagnostics', 'container.logs'],
  });
}

export const repeatedDatabaseErrorRule: Rule = {
  id: RULE_ID,
  findingClass: 'repeated-database-error',
  title: 'Repeated database error',
  inputs: [
    'logs: PostgreSQL server lines `[pid] FATAL|ERROR|PANIC: message` in any container',
    'snapshots: nodes.*.postgresServer.logErrors',
    'logs: other containers logging the same text (the source)',
  ],
  thresholds: {
    windowMinutes: threshold(60, 'min', 'How far back occurrences are counted.'),
    minOccurrences: threshold(
      3,
      'count',
      'Occurrences on one node within the window for the error to count as repeated.',
    ),
    syncFraction: threshold(
      0.05,
      'fraction of the period',
      'Phase difference below which two nodes see the error at the same moments.',
    ),
  },
  sentence:
    '{severity} {message}: {occurrences} times in {window} min, ~{perMinutePerNode}/min per ' +
    'node, every ~{periodMinutes} min; synchronized across {nodes} → one central client; ' +
    'source {container} on {node}.',
  actions: ['postgres.diagnostics', 'container.logs'],
  resolution: 'Fewer than minOccurrences on every node within the window.',
  evaluate,
};
