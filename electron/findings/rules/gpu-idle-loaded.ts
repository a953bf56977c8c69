// A GPU holding models in memory while doing nothing: memory stays allocated, utilization
// stays at 0. Reference report 2026-02-18 22:08 #4 and 23:33 #2: 67.4 % GPU memory, 0 %
// utilization for 24 h.
import { median, presentPoints } from '../quantities/measured';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  HOUR_MS,
  MINUTE_MS,
  round,
  seriesEvidence,
  threshold,
} from './common';
import { latestPresent, minutePoints } from './incremental';
import { gpuSeries, type GpuSeries } from './gpu-common';

const RULE_ID = 'gpu-idle-loaded';

/** Since when every minute of utilization (nulls skipped) has been at most `maxPct`. */
function idleSince(history: History, gpu: GpuSeries, maxPct: number): number | null {
  const readings = presentPoints(minutePoints(history, gpu.key('utilizationPct'), 0));
  let since: number | null = null;
  for (let index = readings.length - 1; index >= 0; index--) {
    if (readings[index]!.value > maxPct) break;
    since = readings[index]!.atMs;
  }
  return since;
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const gpu of gpuSeries(history)) {
    const since = idleSince(history, gpu, thresholds.maxUtilizationPct!);
    if (since === null) continue;
    const idleMs = history.nowMs - since;
    if (idleMs < thresholds.minIdleMinutes! * MINUTE_MS) continue;
    const memory = presentPoints(minutePoints(history, gpu.key('memoryUsedPct'), since));
    if (memory.length === 0) continue;
    const memoryPct = median(memory.map((point) => point.value));
    if (memoryPct < thresholds.minMemoryPct!) continue;
    const usedBytes = latestPresent(history, gpu.key('memoryUsedBytes'), since);
    drafts.push(idleDraft(history, gpu, since, memoryPct, usedBytes?.value ?? null));
  }
  return drafts;
}

function idleDraft(
  history: History,
  gpu: GpuSeries,
  since: number,
  memoryPct: number,
  usedBytes: number | null,
): FindingDraft {
  const idleMs = history.nowMs - since;
  const gb = usedBytes === null ? null : round(usedBytes / 1024 ** 3, 1);
  return draft({
    ruleId: RULE_ID,
    subject: `${gpu.node}/${gpu.subject}`,
    severity: 'INFO',
    title: `${gpu.node} GPU ${gpu.index} idle with models loaded for ${formatDuration(idleMs)}`,
    detail:
      `GPU ${gpu.index} on ${gpu.node} has held ${round(memoryPct, 1)} % of its memory` +
      (gb === null ? '' : ` (${gb} GB)`) +
      ` at 0 % utilization for ${formatDuration(idleMs)}. The models are loaded but unused; ` +
      `if the line stays idle, unload them to free the memory and spare the GPU, and reload ` +
      `before the next shift.`,
    numbers: {
      memoryUsedPct: round(memoryPct, 1),
      memoryUsedGb: gb,
      idleHours: round(idleMs / HOUR_MS, 1),
    },
    evidence: {
      series: [
        seriesEvidence(history, gpu.key('utilizationPct'), since),
        seriesEvidence(history, gpu.key('memoryUsedPct'), since),
      ],
    },
    nodes: [gpu.node],
    actions: ['inference.stop', 'gpu.diagnostics'],
  });
}

export const gpuIdleLoadedRule: Rule = {
  id: RULE_ID,
  findingClass: 'gpu-idle-loaded',
  title: 'GPU idle with models loaded',
  inputs: ['gpu:*|utilizationPct, memoryUsedPct, memoryUsedBytes (24 h)'],
  thresholds: {
    maxUtilizationPct: threshold(1, '%', 'Utilization at or below this is idle.'),
    minMemoryPct: threshold(
      20,
      '%',
      'Median memory use while idle at or above this means models are loaded.',
    ),
    minIdleMinutes: threshold(30, 'min', 'How long it must have been idle.'),
  },
  sentence:
    'GPU {gpu} on {node} has held {memoryUsedPct} % of its memory ({memoryUsedGb} GB) at 0 % ' +
    'utilization for {idleHours} h.',
  actions: ['inference.stop', 'gpu.diagnostics'],
  resolution: 'Utilization rises above maxUtilizationPct, or the memory is released.',
  evaluate,
};
