// One host carrying two heavy consumers: little headroom before the kernel's OOM killer picks a
// victim. Reference report 2026-02-22 20:16 #4: PostgreSQL 16.1 GB + inference 15.1 GB on vk01.
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import { type Actions, draft, formatGb, latestNodes, listWords, round, threshold } from './common';

const RULE_ID = 'resource-pressure';

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const [node, snapshot] of latestNodes(history)) {
    const host = snapshot.host;
    if (!host?.memTotalBytes || !snapshot.containers) continue;
    const total = host.memTotalBytes;
    const heaviest = snapshot.containers
      .filter((container) => container.memoryBytes !== null)
      .sort((left, right) => right.memoryBytes! - left.memoryBytes!)
      .slice(0, 2);
    if (heaviest.length < 2) continue;
    const together = heaviest[0]!.memoryBytes! + heaviest[1]!.memoryBytes!;
    const sharePct = (together / total) * 100;
    const available = host.memAvailableBytes;
    const availablePct = available === null ? null : (available / total) * 100;
    const scarce = availablePct !== null && availablePct < thresholds.minAvailablePct!;
    if (sharePct < thresholds.topTwoPct! && !scarce) continue;
    const names = heaviest.map(
      (container) => `${container.name} ${formatGb(container.memoryBytes!)}`,
    );
    const actions: Actions = heaviest.some((container) => /postgres|database/i.test(container.name))
      ? ['postgres.diagnostics', 'container.logs']
      : ['container.logs'];
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: `${node}/memory`,
        severity: scarce ? 'WARNING' : 'INFO',
        title: `${node} memory pressure: ${listWords(names)}`,
        detail:
          `On ${node}, ${listWords(names)} together hold ${formatGb(together)}, ` +
          `${round(sharePct, 0)} % of the host's ${formatGb(total)}` +
          (available === null
            ? ''
            : `; ${formatGb(available)} (${round(availablePct!, 0)} %) available`) +
          `. Watch for OOM pressure through the shift; cap the database's buffers or move a ` +
          `consumer if either grows.`,
        numbers: {
          topTwoGb: round(together / 1024 ** 3, 1),
          sharePct: round(sharePct, 1),
          availablePct: availablePct === null ? null : round(availablePct, 1),
        },
        evidence: {
          values: Object.fromEntries(
            heaviest.map((container) => [container.name, container.memoryBytes]),
          ),
        },
        nodes: [node],
        containers: heaviest.map((container) => container.name),
        actions,
      }),
    );
  }
  return drafts;
}

export const resourcePressureRule: Rule = {
  id: RULE_ID,
  findingClass: 'resource-pressure',
  title: 'Resource pressure',
  inputs: ['latest host.memTotalBytes, memAvailableBytes', 'latest containers[].memoryBytes'],
  thresholds: {
    topTwoPct: threshold(
      45,
      '%',
      "The two heaviest containers together hold at least this share of the host's memory.",
    ),
    minAvailablePct: threshold(10, '%', 'Available memory below this share makes it a WARNING.'),
  },
  sentence:
    'On {node}, {container} {gb} GB and {container} {gb} GB together hold {topTwoGb} GB, ' +
    "{sharePct} % of the host's memory; {availablePct} % available.",
  actions: ['postgres.diagnostics', 'container.logs'],
  resolution:
    'The two together fall below topTwoPct and available memory is above minAvailablePct.',
  evaluate,
};
