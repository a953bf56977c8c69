// The same container, doing the same (idle) job on two nodes, using several times the CPU on one
// of them: a busy loop, a stuck worker, a client polling it. Reference report 2026-02-19 00:03 #3
// and 00:18 #3: vk02's visualizer at 0.48 CPU against 0.08 on vk01.
import { splitSeriesKey } from '../history';
import { peerRatio } from '../quantities/peers';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  groupBy,
  MINUTE_MS,
  round,
  seriesEvidence,
  seriesPoints,
  threshold,
} from './common';

const RULE_ID = 'cpu-disparity';

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const windowMs = thresholds.windowMinutes! * MINUTE_MS;
  const sinceMs = history.nowMs - windowMs;
  const byContainer = groupBy(
    history.seriesKeys({ subjectPrefix: 'container:', metric: 'cpuPct' }),
    (key) => splitSeriesKey(key)!.subject,
  );
  const drafts: FindingDraft[] = [];
  for (const [subject, keys] of byContainer) {
    if (keys.length < 2) continue;
    const [first, second] = keys;
    const ratio = peerRatio(
      seriesPoints(history, first!, sinceMs),
      seriesPoints(history, second!, sinceMs),
      thresholds.minReadings!,
    );
    if (ratio.value === null) continue;
    const { high, low, leftIsHigh } = ratio.value;
    if (ratio.value.ratio < thresholds.minRatio! || high < thresholds.minHighPct!) continue;
    const [highKey, lowKey] = leftIsHigh ? [first!, second!] : [second!, first!];
    const highNode = splitSeriesKey(highKey)!.node;
    const lowNode = splitSeriesKey(lowKey)!.node;
    const container = subject.slice('container:'.length);
    const times = round(ratio.value.ratio, 1);
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: container,
        severity: 'SUGGESTION',
        title: `${highNode} ${container} uses ${times}× the CPU of ${lowNode}'s`,
        detail:
          `${container} has used ${round(high / 100, 2)} CPU on ${highNode} against ` +
          `${round(low / 100, 2)} on ${lowNode} (median of ${formatDuration(windowMs)}, ` +
          `${times}×) for the same job. Look for a busy loop, a stuck worker or a client ` +
          `polling it without backoff (top inside the container, its connections).`,
        numbers: { highCpu: round(high / 100, 2), lowCpu: round(low / 100, 2), ratio: times },
        evidence: {
          series: [
            seriesEvidence(history, highKey, sinceMs),
            seriesEvidence(history, lowKey, sinceMs),
          ],
        },
        nodes: [highNode, lowNode],
        containers: [container],
        actions: ['container.logs', 'container.restart'],
      }),
    );
  }
  return drafts;
}

export const cpuDisparityRule: Rule = {
  id: RULE_ID,
  findingClass: 'cpu-disparity',
  title: 'CPU disparity between identical containers',
  inputs: ['container:*|cpuPct of containers with the same name on two nodes'],
  thresholds: {
    windowMinutes: threshold(30, 'min', 'Medians are taken over this window.'),
    minReadings: threshold(5, 'count', 'Readings with a value needed on each side.'),
    minRatio: threshold(3, 'ratio', 'How many times the lower one the higher must be.'),
    minHighPct: threshold(
      20,
      '% of a core',
      'The higher one must use at least this much (tiny numbers make big ratios).',
    ),
  },
  sentence:
    '{container} has used {highCpu} CPU on {node} against {lowCpu} on {node} ({ratio}×) for the ' +
    'same job.',
  actions: ['container.logs', 'container.restart'],
  resolution: 'The ratio falls below minRatio or the higher one below minHighPct.',
  evaluate,
};
