// A consumer that finds the producer's file empty or absent and retries: the producer announces
// files before they are fully written. Reference report 2026-02-22 20:16 #5: "File is empty"
// retries on all 4 cameras every 3–4 s.
import { periodicity } from '../quantities/periodicity';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  groupBy,
  lineEvidence,
  linesInWindow,
  listWords,
  type LogEntry,
  round,
  threshold,
} from './common';

const RULE_ID = 'producer-consumer-race';

const NOT_READY = new RegExp(
  String.raw`\b(file is empty|empty file|arquivo vazio|file not found|no such file|` +
    String.raw`incomplete file|truncated file|not fully written)\b`,
  'i',
);
/** The file the line names; its parent directory is the producer (a camera, a stream). */
const PATH = /(\/[\w.-]+)+\/([\w.-]+)/;
const RETRY = /\b(?:tentativa|attempt|retry)\s*(\d+)\s*\/\s*(\d+)/i;

function producerOf(entry: LogEntry): string {
  const path = PATH.exec(entry.message)?.[0];
  if (!path) return 'unknown';
  const parts = path.split('/').filter(Boolean);
  return parts.length >= 2 ? parts[parts.length - 2]! : parts[0]!;
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const { windowMs, lines } = linesInWindow(
    history,
    thresholds.windowMinutes!,
    (entry) =>
      entry.level !== 'debug' && NOT_READY.test(entry.message) && Number.isFinite(entry.atMs),
  );
  const byContainer = groupBy(lines, (entry) => `${entry.node}|${entry.container}`);
  const drafts: FindingDraft[] = [];
  for (const [key, entries] of byContainer) {
    if (entries.length < thresholds.minOccurrences!) continue;
    const [node, container] = key.split('|') as [string, string];
    const producers = groupBy(entries, producerOf, (entry) => entry.atMs);
    const periods = [...producers.values()]
      .map((times) => periodicity(times).value?.periodMs)
      .filter((period): period is number => period !== undefined);
    const everyS =
      periods.length === 0
        ? null
        : round(periods.reduce((a, b) => a + b, 0) / periods.length / 1000, 1);
    const retry = RETRY.exec(entries.at(-1)!.message);
    const names = [...producers.keys()].sort();
    const phrase = NOT_READY.exec(entries[0]!.message)![1]!;
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: `${node}/${container}`,
        severity: 'SUGGESTION',
        title:
          `"${phrase}" retries in ${container} on ${names.length} producer(s) — ` +
          `a write/notify race`,
        detail:
          `${container} on ${node} logged "${phrase}" ${entries.length} times in ` +
          `${formatDuration(windowMs)} for ${listWords(names)}` +
          (everyS === null ? '' : `, each every ~${everyS} s`) +
          (retry ? ` (up to ${retry[2]} retries each)` : '') +
          `. The retries cope, but the pattern is systematic: the producer announces a file ` +
          `before it is flushed to disk. Flush (fsync) before publishing, or signal completion.`,
        numbers: { occurrences: entries.length, producers: names.length, periodSeconds: everyS },
        evidence: { logLines: lineEvidence(entries), values: { producers: names.join(', ') } },
        nodes: [node],
        containers: [container],
        actions: ['container.logs'],
      }),
    );
  }
  return drafts;
}

export const producerConsumerRaceRule: Rule = {
  id: RULE_ID,
  findingClass: 'producer-consumer-race',
  title: 'Producer/consumer race',
  inputs: ['logs: "File is empty" / "No such file" lines with a path'],
  thresholds: {
    windowMinutes: threshold(10, 'min', 'The window occurrences are counted in.'),
    minOccurrences: threshold(10, 'count', 'Occurrences in one container in the window.'),
  },
  sentence:
    '{container} on {node} logged "File is empty" {occurrences} times for {producers}, ' +
    'each every ~{periodSeconds} s: the producer announces files before they are flushed.',
  actions: ['container.logs'],
  resolution: 'Fewer than minOccurrences in the window.',
  evaluate,
};
