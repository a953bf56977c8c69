// A GPU whose temperature swings widely while it does nothing: the fan stops when cool and
// restarts hard when warm. Harmless at once, but cycling fatigues solder joints. A peer that
// holds steady at the same idle says the cause is the cycling node's own (its fan curve, its
// fan, its paste), so it is reported too, as a note about that peer.
// Reference report 2026-02-19 00:03 #1 (24 → 18 °C in 17 min), 00:18 #1 (18 → 27 °C in
// 15 min) and 00:48 #3 (vk02 stable at 21–23 °C: no thermal cycling).
import { presentPoints, type Point } from '../quantities/measured';
import { cycleCount, largestSwing, swingLegs } from '../quantities/swings';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  HOUR_MS,
  listWords,
  MINUTE_MS,
  seriesEvidence,
  seriesPoints,
} from './common';
import { gpuSeries, type GpuSeries } from './gpu-common';

const RULE_ID = 'gpu-thermal-cycling';

interface Cycling {
  gpu: GpuSeries;
  swingC: number;
  lowC: number;
  highC: number;
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const sinceMs = history.nowMs - thresholds.lookbackHours! * HOUR_MS;
  const windowMs = thresholds.windowMinutes! * MINUTE_MS;
  const drafts: FindingDraft[] = [];
  const cycling: Cycling[] = [];
  const gpus = gpuSeries(history);
  const swings = new Map(
    gpus.map((gpu) => {
      const points = seriesPoints(history, gpu.key('temperatureC'), sinceMs);
      return [gpu.key(''), { points, swing: largestSwing(points, windowMs) }];
    }),
  );
  for (const gpu of gpus) {
    const { points, swing } = swings.get(gpu.key(''))!;
    if (!swing || Math.abs(swing.change) < thresholds.minSwingC!) continue;
    const utilization = presentPoints(seriesPoints(history, gpu.key('utilizationPct'), sinceMs));
    if (utilization.length === 0) continue;
    const busiest = Math.max(...utilization.map((point) => point.value));
    if (busiest > thresholds.maxUtilizationPct!) continue;
    const legs = swingLegs(points, thresholds.minSwingC! / 2);
    const temperatures = presentPoints(points).map((point) => point.value);
    const low = Math.min(...temperatures);
    const high = Math.max(...temperatures);
    const peers = gpus
      .filter((other) => other.node !== gpu.node)
      .map((other) => {
        const peer = swings.get(other.key(''))!;
        const values = presentPoints(peer.points).map((point) => point.value);
        return values.length === 0
          ? null
          : `${other.node} moved ${Math.max(...values) - Math.min(...values)} °C`;
      })
      .filter((text): text is string => text !== null);
    const minutes = formatDuration(swing.to.atMs - swing.from.atMs);
    cycling.push({ gpu, swingC: Math.abs(swing.change), lowC: low, highC: high });
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: `${gpu.node}/${gpu.subject}`,
        severity: 'INFO',
        title:
          `${gpu.node} GPU ${gpu.index} thermal cycling — ` +
          `${Math.abs(swing.change)} °C in ${minutes} at idle`,
        detail:
          `GPU ${gpu.index} on ${gpu.node} went ${swing.from.value} → ${swing.to.value} °C in ` +
          `${minutes} at ${busiest} % utilization; ${cycleCount(legs)} full cycle(s) between ` +
          `${low} and ${high} °C in the last ${thresholds.lookbackHours} h` +
          (peers.length > 0 ? ` (${peers.join(', ')} in the same time)` : '') +
          `. A wide fan hysteresis is the usual cause: set a minimum fan speed to hold it steady.`,
        numbers: {
          swingC: Math.abs(swing.change),
          swingMinutes: Math.round((swing.to.atMs - swing.from.atMs) / MINUTE_MS),
          lowC: low,
          highC: high,
          cycles: cycleCount(legs),
          utilizationPct: busiest,
        },
        evidence: { series: [seriesEvidence(history, gpu.key('temperatureC'), sinceMs)] },
        nodes: [gpu.node],
        actions: ['gpu.diagnostics'],
      }),
    );
  }
  const steadyPeers = gpus.flatMap((gpu) => {
    const others = cycling.filter((entry) => entry.gpu.node !== gpu.node);
    if (others.length === 0 || cycling.some((entry) => entry.gpu === gpu)) return [];
    const steady = steadyDraft(history, gpu, swings.get(gpu.key(''))!.points, others, thresholds);
    return steady ? [steady] : [];
  });
  return [...drafts, ...steadyPeers];
}

/**
 * A GPU at idle whose temperature moved less than minSwingC over at least one window, while a
 * peer on another node cycles: null when it is busy, moved more, or was read too briefly.
 */
function steadyDraft(
  history: History,
  gpu: GpuSeries,
  points: readonly Point[],
  others: readonly Cycling[],
  thresholds: ThresholdValues,
): FindingDraft | null {
  const sinceMs = history.nowMs - thresholds.lookbackHours! * HOUR_MS;
  const readings = presentPoints(points);
  if (readings.length < 2) return null;
  const coveredMs = readings.at(-1)!.atMs - readings[0]!.atMs;
  if (coveredMs < thresholds.windowMinutes! * MINUTE_MS) return null;
  const utilization = presentPoints(seriesPoints(history, gpu.key('utilizationPct'), sinceMs));
  if (utilization.length === 0) return null;
  const busiest = Math.max(...utilization.map((point) => point.value));
  if (busiest > thresholds.maxUtilizationPct!) return null;
  const temperatures = readings.map((point) => point.value);
  const low = Math.min(...temperatures);
  const high = Math.max(...temperatures);
  if (high - low >= thresholds.minSwingC!) return null;
  const widest = [...others].sort((left, right) => right.swingC - left.swingC)[0]!;
  const peers = others.map(
    (entry) =>
      `${entry.gpu.node} GPU ${entry.gpu.index} swings ${entry.swingC} °C ` +
      `(${entry.lowC}–${entry.highC} °C)`,
  );
  return draft({
    ruleId: RULE_ID,
    subject: `${gpu.node}/${gpu.subject}/steady`,
    severity: 'INFO',
    title:
      `${gpu.node} GPU ${gpu.index} holds steady at ${low}–${high} °C — ` +
      `no thermal cycling, unlike ${listWords([...new Set(others.map((e) => e.gpu.node))])}`,
    detail:
      `GPU ${gpu.index} on ${gpu.node} moved only ${high - low} °C (${low}–${high} °C) in ` +
      `${formatDuration(coveredMs)} at ${busiest} % utilization, while ${listWords(peers)} at ` +
      `the same idle. The cycling is specific to ${widest.gpu.node}: compare fan speeds between ` +
      `the nodes, and check ${widest.gpu.node}'s fan curve, fan and thermal paste.`,
    numbers: {
      lowC: low,
      highC: high,
      rangeC: high - low,
      peerSwingC: widest.swingC,
      utilizationPct: busiest,
    },
    evidence: {
      series: [
        seriesEvidence(history, gpu.key('temperatureC'), sinceMs),
        seriesEvidence(history, widest.gpu.key('temperatureC'), sinceMs),
      ],
    },
    nodes: [gpu.node, widest.gpu.node],
    actions: ['gpu.diagnostics'],
  });
}

export const gpuThermalCyclingRule: Rule = {
  id: RULE_ID,
  findingClass: 'gpu-thermal-cycling',
  title: 'GPU thermal cycling',
  inputs: ['gpu:*|temperatureC, utilizationPct'],
  thresholds: {
    minSwingC: { value: 6, unit: '°C', doc: 'Smallest rise or fall within the window.' },
    windowMinutes: { value: 30, unit: 'min', doc: 'The swing must happen within this window.' },
    maxUtilizationPct: {
      value: 10,
      unit: '%',
      doc: 'Only at idle: under load, temperature follows work.',
    },
    lookbackHours: { value: 2, unit: 'h', doc: 'How far back swings and cycles are read.' },
  },
  sentence:
    'GPU {gpu} on {node} went {from} → {to} °C in {swingMinutes} min at {utilizationPct} % ' +
    'utilization; {cycles} full cycle(s) between {lowC} and {highC} °C. A peer at idle that ' +
    'moved less than minSwingC meanwhile: GPU {gpu} on {node} moved only {rangeC} °C ' +
    '({lowC}–{highC} °C) while {peer} swings {peerSwingC} °C.',
  actions: ['gpu.diagnostics'],
  resolution:
    'No swing of minSwingC within the window over the lookback; a steady peer is no longer ' +
    'reported once no GPU on another node cycles.',
  evaluate,
};
