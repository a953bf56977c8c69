// A container that logs too much, or logs normal flow at WARNING: the level loses its meaning
// and the volume costs disk and attention. Reference report 2026-02-18 23:02 #2: the PLC monitors
// emit ~170 WARNING lines/s of normal flow ("Inicio readBar", "Fim readBar").
import { logLevelRates } from '../quantities/log-volume';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  lineEvidence,
  logEntries,
  type LogEntry,
  MINUTE_MS,
  round,
  threshold,
} from './common';

const RULE_ID = 'log-volume';

/** A message with its numbers and ids blanked, so repeats of one statement group together. */
function shape(entry: LogEntry): string {
  return entry.message
    .replace(/^.*?\b(WARNING|WARN|ERROR|INFO|DEBUG)\b\s*[-:]?\s*/i, '')
    .replace(/[0-9a-f]{8,}|\d+/gi, '#')
    .trim();
}

function containersWithLogs(history: History, sinceMs: number): [string, string][] {
  const seen = new Set<string>();
  for (const digest of history.logs({ sinceMs })) seen.add(`${digest.node}|${digest.container}`);
  return [...seen].sort().map((key) => key.split('|') as [string, string]);
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const sinceMs = history.nowMs - thresholds.windowMinutes! * MINUTE_MS;
  const drafts: FindingDraft[] = [];
  for (const [node, container] of containersWithLogs(history, sinceMs)) {
    const reads = history
      .logs({ node, container, sinceMs })
      .map((digest) => ({ atMs: digest.atMs, logs: digest.logs }));
    const rates = logLevelRates(reads);
    if (rates.value === null) continue;
    const warnings = rates.value.perSecond.warning;
    const total = rates.value.totalPerSecond;
    const misuse = warnings >= thresholds.maxWarningPerSecond!;
    if (!misuse && total < thresholds.maxLinesPerSecond!) continue;
    const entries = logEntries(history, { node, container, sinceMs });
    const warningShapes = new Map<string, number>();
    for (const entry of entries.filter((item) => item.level === 'warning')) {
      warningShapes.set(shape(entry), (warningShapes.get(shape(entry)) ?? 0) + 1);
    }
    const top = [...warningShapes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const repetitive = misuse && warningShapes.size <= thresholds.maxDistinctWarnings!;
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: `${node}/${container}`,
        severity: 'SUGGESTION',
        title: repetitive
          ? `${node} ${container} logs normal flow at WARNING (~${Math.round(warnings)} lines/s)`
          : `${node} ${container} logs ~${Math.round(total)} lines/s`,
        detail:
          `${container} on ${node} writes ~${Math.round(total)} lines/s, ` +
          `~${Math.round(warnings)} of them WARNING` +
          (top.length > 0 ? ` (${top.map(([text]) => `"${text}"`).join(', ')}…)` : '') +
          (repetitive
            ? `: only ${warningShapes.size} distinct messages repeat, which is normal ` +
              `operational flow misclassified as WARNING. Reclassify it to DEBUG and keep ` +
              `WARNING for anomalies.`
            : '. Lower its log level or sample the messages.'),
        numbers: {
          linesPerSecond: round(total, 1),
          warningPerSecond: round(warnings, 1),
          errorPerSecond: round(rates.value.perSecond.error, 1),
          distinctWarnings: warningShapes.size,
        },
        evidence: {
          logLines: lineEvidence(entries.filter((item) => item.level === 'warning')),
          values: { method: rates.value.method },
        },
        nodes: [node],
        containers: [container],
        actions: ['container.logs'],
      }),
    );
  }
  return drafts;
}

export const logVolumeRule: Rule = {
  id: RULE_ID,
  findingClass: 'log-volume',
  title: 'Log level misuse / volume',
  inputs: ['logs: countsByLevel and kept lines of every container'],
  thresholds: {
    windowMinutes: threshold(10, 'min', 'The window rates are measured over.'),
    maxWarningPerSecond: threshold(
      10,
      'lines/s',
      'WARNING lines per second above which the level is misused.',
    ),
    maxDistinctWarnings: threshold(
      20,
      'count',
      'At most this many distinct WARNING messages: a fixed flow, not anomalies.',
    ),
    maxLinesPerSecond: threshold(100, 'lines/s', 'Any level, lines per second.'),
  },
  sentence:
    '{container} on {node} writes ~{linesPerSecond} lines/s, ~{warningPerSecond} of them ' +
    'WARNING; only {distinctWarnings} distinct messages repeat: normal flow logged as WARNING.',
  actions: ['container.logs'],
  resolution: 'Rates fall below both thresholds over the window.',
  evaluate,
};
