// Messages rejected or discarded on their way to the database: every rejection is inspection
// data lost. Reference report 2026-02-22 20:16 #1: bar_uuid = 'empty' → every message rejected by
// dw-sis-surface (ERROR) and visionking-result-writer (WARNING), 100 % of inspection data lost.
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  groupBy,
  lineEvidence,
  linesInWindow,
  listWords,
  type LogEntry,
  MINUTE_MS,
  round,
  threshold,
} from './common';

const RULE_ID = 'pipeline-data-loss';

/** Rejection words (English and the plant's Portuguese). */
const REJECTED =
  /\b(rejeitad[ao]s?|descartad[ao]s?|rejected|rejecting|discarded|discarding|dropped|dropping)\b/i;
/** Success words of a writer: saved, inserted, stored, written (gravado, inserido, salvo). */
const WRITTEN =
  /\b(gravad[ao]s?|inserid[ao]s?|salv[ao]s?|saved|inserted|stored|written|persisted)\b/i;
/** `field = 'value'`: the field whose value made the message invalid. */
const FIELD = /(\w+)\s*=\s*'([^']*)'/g;
/** Bar or part ids the lines name (`barra F32331400601`, `bar F…`). */
const ITEM = /\b(?:barra|bar|part|peca|peça)\s+([A-Z]{0,3}\d{6,})/i;

function cause(entry: LogEntry): string {
  const fields = [...entry.message.matchAll(FIELD)].map((match) => `${match[1]} = '${match[2]}'`);
  return fields.length > 0 ? fields.join(', ') : 'no field named';
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const { windowMs, lines: entries } = linesInWindow(history, thresholds.windowMinutes!);
  const rejected = entries.filter(
    (entry) =>
      (entry.level === 'error' || entry.level === 'warning' || entry.level === 'fatal') &&
      REJECTED.test(entry.message),
  );
  const byCause = groupBy(rejected, cause);
  const drafts: FindingDraft[] = [];
  for (const [why, lines] of byCause) {
    if (lines.length < thresholds.minRejections!) continue;
    const sources = [...new Set(lines.map((entry) => `${entry.container}|${entry.node}`))];
    const containers = sources.map((source) => source.split('|')[0]!);
    const written = entries.filter(
      (entry) =>
        containers.includes(entry.container) &&
        !REJECTED.test(entry.message) &&
        WRITTEN.test(entry.message),
    ).length;
    const lossPct = (lines.length / (lines.length + written)) * 100;
    const items = [
      ...new Set(lines.map((entry) => ITEM.exec(entry.message)?.[1]).filter(Boolean)),
    ] as string[];
    const perMinute = lines.length / (windowMs / MINUTE_MS);
    const levels = sources.map((source) => {
      const [container, node] = source.split('|');
      const level = lines.find((entry) => entry.container === container)!.level.toUpperCase();
      return `${container} on ${node} (${level})`;
    });
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: `rejected:${why}`,
        severity: 'WARNING',
        title: `Messages rejected (${why}): ${round(lossPct, 0)} % of inspection data lost`,
        detail:
          `${listWords(levels)} rejected ${lines.length} messages in ${formatDuration(windowMs)} ` +
          `(~${round(perMinute, 1)}/min) because ${why}, against ${written} written: ` +
          `${round(lossPct, 0)} % of the data is lost` +
          (items.length > 0
            ? `, while items ${items[0]}…${items.at(-1)} are being inspected`
            : '') +
          `. Find the step that should fill ${why.split(' =')[0]} before the writer's queue.`,
        numbers: {
          rejected: lines.length,
          written,
          lossPct: round(lossPct, 1),
          perMinute: round(perMinute, 1),
          items: items.length,
        },
        evidence: { logLines: lineEvidence(lines), values: { cause: why } },
        nodes: sources.map((source) => source.split('|')[1]!),
        containers,
        actions: ['container.logs'],
      }),
    );
  }
  return drafts;
}

export const pipelineDataLossRule: Rule = {
  id: RULE_ID,
  findingClass: 'pipeline-data-loss',
  title: 'Data loss in the pipeline',
  inputs: [
    'logs: ERROR/WARNING lines saying rejected/discarded, and success lines of the same containers',
  ],
  thresholds: {
    windowMinutes: threshold(10, 'min', 'The window rejections are counted in.'),
    minRejections: threshold(5, 'count', 'Rejections with the same cause in the window.'),
  },
  sentence:
    "{containers} rejected {rejected} messages in {window} because bar_uuid = 'empty', against " +
    '{written} written: {lossPct} % of the data is lost.',
  actions: ['container.logs'],
  resolution: 'Fewer than minRejections with that cause in the window.',
  evaluate,
};
