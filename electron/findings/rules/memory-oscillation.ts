// A container whose memory rises and lets go on its own, again and again (a TSDB compaction, a
// GC, a cache): not a problem, but a baseline worth stating, so that a peak above it stands out.
// Reference report 2026-02-18 23:36 #1: vk01 Prometheus oscillates 630–830 MB on its
// compaction cycle; 23:18 #1, 00:33 #3 (cAdvisor), 00:48 #2 (vk03 Prometheus).
import { median } from '../quantities/measured';
import { periodicity } from '../quantities/periodicity';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  formatMb,
  HOUR_MS,
  MIB,
  MINUTE_MS,
  round,
  seriesEvidence,
  threshold,
} from './common';
import { containerMemories, memorySince, releases, type ContainerMemory } from './memory-common';
import type { Swing } from '../quantities/swings';

const RULE_ID = 'memory-oscillation';

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const sinceMs = history.nowMs - thresholds.lookbackHours! * HOUR_MS;
  const drafts: FindingDraft[] = [];
  for (const day of containerMemories(history, history.nowMs - 24 * HOUR_MS)) {
    const memory = memorySince(day, sinceMs);
    const falls = releases(memory, thresholds.minDropPct! / 100);
    if (falls.length < thresholds.minCycles!) continue;
    drafts.push(cycleDraft(history, memory, falls, thresholds));
  }
  return drafts;
}

function cycleDraft(
  history: History,
  memory: ContainerMemory,
  falls: Swing[],
  thresholds: ThresholdValues,
): FindingDraft {
  const { node, container } = memory;
  const low = median(falls.map((fall) => fall.to.value));
  const high = median(falls.map((fall) => fall.from.value));
  const period = periodicity(
    falls.map((fall) => fall.to.atMs),
    2,
  );
  const periodMs = period.value?.periodMs ?? null;
  const lastFall = falls.at(-1)!;
  // The climb of the last whole cycle: from the previous fall's bottom to the last fall's top.
  const previousFall = falls.at(-2)!;
  const climbMs = lastFall.from.atMs - previousFall.to.atMs;
  const risePerMinute =
    climbMs > 0 ? ((lastFall.from.value - previousFall.to.value) / climbMs) * MINUTE_MS : null;
  const watchAbove = high * (1 + thresholds.marginPct! / 100);
  return draft({
    ruleId: RULE_ID,
    subject: `${node}/${container}`,
    severity: 'INFO',
    title: `${node} ${container} memory oscillates ${formatMb(low)}–${formatMb(high)}`,
    detail:
      `${container} on ${node} rose and let go of memory ${falls.length} times ` +
      (periodMs === null ? '' : `(every ~${formatDuration(periodMs)}) `) +
      `between ~${formatMb(low)} and ~${formatMb(high)}` +
      (risePerMinute === null ? '' : `, climbing ${round(risePerMinute / MIB, 1)} MB/min`) +
      `; last fall ${formatMb(lastFall.from.value)} → ${formatMb(lastFall.to.value)}. ` +
      `This is its baseline (compaction, GC or cache), not a leak; if it exceeds ` +
      `${formatMb(watchAbove)} without falling, investigate.`,
    numbers: {
      lowMb: round(low / MIB, 1),
      highMb: round(high / MIB, 1),
      cycles: falls.length,
      periodMinutes: periodMs === null ? null : round(periodMs / MINUTE_MS, 1),
      riseMbPerMinute: risePerMinute === null ? null : round(risePerMinute / MIB, 1),
      dropMb: round((lastFall.from.value - lastFall.to.value) / MIB, 1),
    },
    evidence: { series: [seriesEvidence(history, memory.key, falls[0]!.from.atMs)] },
    nodes: [node],
    containers: [container],
    actions: ['container.logs'],
  });
}

export const memoryOscillationRule: Rule = {
  id: RULE_ID,
  findingClass: 'memory-oscillation',
  title: 'Periodic memory oscillation (baseline)',
  inputs: ['container:*|memoryBytes, restartCount'],
  thresholds: {
    lookbackHours: threshold(3, 'h', 'How far back falls are counted.'),
    minDropPct: threshold(
      8,
      '%',
      'A fall (over one or several ticks, no restart near it) of at least this share.',
    ),
    minCycles: threshold(2, 'count', 'Falls needed to call it a cycle.'),
    marginPct: threshold(
      10,
      '%',
      'How far above the usual peak the sentence says to start worrying.',
    ),
  },
  sentence:
    '{container} on {node} rose and let go of memory {cycles} times (every ~{periodMinutes} ' +
    'min) between ~{lowMb} and ~{highMb} MB, climbing {riseMbPerMinute} MB/min.',
  actions: ['container.logs'],
  resolution: 'Fewer than minCycles falls within the lookback.',
  evaluate,
};
