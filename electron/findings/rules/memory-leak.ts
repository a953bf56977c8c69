// A container whose memory keeps growing: its rate by robust regression (Theil–Sen) over the
// segment since its last drop, and when it reaches its threshold — the level at which it was
// killed before, else its memory limit, else the host's memory. Reference report 2026-02-18
// 23:36 #2 (visualizer +2.7 MB/h, back at the ~400 MB crash level in ~24 h), 00:18 #2 and
// 2026-02-22 20:16 #4 (database-server growing).
import { medianAbsoluteDeviation } from '../quantities/measured';
import { findDrops, killLevel } from '../quantities/recycle';
import { fitAt, growthRate, timeToThreshold, type Growth } from '../quantities/regression';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  formatMb,
  formatTime,
  HOUR_MS,
  MIB,
  MINUTE_MS,
  round,
  seriesEvidence,
  threshold,
} from './common';
import {
  containerMemories,
  memoryActions,
  OSCILLATION_DROP,
  releases,
  runsGunicorn,
  type ContainerMemory,
} from './memory-common';
import { minuteSignature, reuse } from './incremental';

const RULE_ID = 'memory-leak';

interface Threshold {
  name: string;
  bytes: number;
}

function thresholdFor(history: History, memory: ContainerMemory): Threshold | null {
  const killedAt = killLevel(findDrops(memory.points));
  if (killedAt !== null) return { name: 'level at which it was killed before', bytes: killedAt };
  if (memory.limitBytes !== null) return { name: 'memory limit', bytes: memory.limitBytes };
  const host = history.latest?.nodes[memory.node]?.host;
  const current = memory.points.findLast((point) => point.value !== null)?.value ?? null;
  if (host?.memAvailableBytes == null || current === null) return null;
  return { name: "host's free memory", bytes: current + host.memAvailableBytes };
}

/** The trend must stand out from the scatter around it, or it is wobble, not growth. */
function isTrend(growth: Growth, memory: ContainerMemory, trendOverNoise: number): boolean {
  const segment = memory.points.filter(
    (point): point is { atMs: number; value: number } =>
      point.value !== null && point.atMs >= growth.segmentStartMs,
  );
  const residuals = segment.map((point) => point.value - fitAt(growth.fit, point.atMs));
  const grown = growth.fit.slopePerMs * (growth.fit.toMs - growth.fit.fromMs);
  // A sawtooth (compaction, GC) has drops inside the segment: memory-oscillation's case.
  if (findDrops(segment, OSCILLATION_DROP).length > 0) return false;
  return grown > trendOverNoise * medianAbsoluteDeviation(residuals);
}

/** The growth when it is a leak: fast enough, a trend above the scatter, and no releases. */
function leakGrowth(memory: ContainerMemory, thresholds: ThresholdValues): Growth | null {
  const growth = growthRate(memory.points, {
    minPoints: thresholds.minReadings!,
    minSpanMs: thresholds.minSpanMinutes! * MINUTE_MS,
  });
  if (growth.value === null) return null;
  if (growth.value.perHour / MIB < thresholds.minRateMbPerHour!) return null;
  const pctPerDay = (growth.value.perHour * 24 * 100) / Math.max(growth.value.current, 1);
  if (pctPerDay < thresholds.minGrowthPctPerDay!) return null;
  if (!isTrend(growth.value, memory, thresholds.trendOverNoise!)) return null;
  // Memory that lets go on its own now and then is a cycle (memory-oscillation), not a leak.
  if (releases(memory, OSCILLATION_DROP).length > 0) return null;
  return growth.value;
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const settings = JSON.stringify(thresholds);
  for (const memory of containerMemories(history, history.nowMs - 24 * HOUR_MS)) {
    // The regression is the expensive part: it is redone only when the minutes it reads (or
    // the restarts and thresholds it weighs) changed since the last tick.
    const restarts = memory.restarts.map((change) => change.atMs).join(',');
    const signature = `${minuteSignature(memory.points)}|${restarts}|${settings}`;
    const growth = reuse(history, `${RULE_ID}:${memory.key}`, signature, () =>
      leakGrowth(memory, thresholds),
    );
    if (growth !== null) drafts.push(leakDraft(history, memory, growth, thresholds));
  }
  return drafts;
}

function leakDraft(
  history: History,
  memory: ContainerMemory,
  growth: Growth,
  thresholds: ThresholdValues,
): FindingDraft {
  const { node, container } = memory;
  const rateMb = round(growth.perHour / MIB, 1);
  const from = fitAt(growth.fit, growth.fit.fromMs);
  const threshold = thresholdFor(history, memory);
  const toThreshold = threshold
    ? timeToThreshold(growth.current, growth.perHour, threshold.bytes)
    : null;
  const hours = toThreshold?.value != null ? toThreshold.value / HOUR_MS : null;
  const warning = hours !== null && hours < thresholds.warningHours!;
  const when =
    threshold === null
      ? ''
      : hours !== null
        ? ` At this rate it reaches the ${threshold.name} (${formatMb(threshold.bytes)}) in ` +
          `~${formatDuration(hours * HOUR_MS)}.`
        : ` The ${threshold.name} is ${formatMb(threshold.bytes)} (${toThreshold?.reason}).`;
  const gunicorn = runsGunicorn(history, node, container);
  return draft({
    ruleId: RULE_ID,
    subject: `${node}/${container}`,
    severity: warning ? 'WARNING' : 'INFO',
    title: `${node} ${container} memory grows ${rateMb} MB/h`,
    detail:
      `${container} on ${node} has grown ${rateMb} MB/h since ` +
      `${formatTime(growth.segmentStartMs)}` +
      `${growth.afterDrop ? ' (its last drop)' : ''}: ${formatMb(from)} → ` +
      `${formatMb(growth.current)} in ${formatDuration(growth.fit.toMs - growth.fit.fromMs)}.` +
      when +
      (gunicorn ? ' Recycle gunicorn workers (--max-requests) and look for the leak.' : ''),
    numbers: {
      rateMbPerHour: rateMb,
      currentMb: round(growth.current / MIB, 1),
      thresholdMb: threshold ? round(threshold.bytes / MIB, 1) : null,
      hoursToThreshold: hours === null ? null : round(hours, 1),
    },
    evidence: {
      series: [seriesEvidence(history, memory.key, growth.segmentStartMs)],
      values: { threshold: threshold?.name ?? null, readings: growth.fit.points },
    },
    nodes: [node],
    containers: [container],
    actions: memoryActions(gunicorn, container),
  });
}

export const memoryLeakRule: Rule = {
  id: RULE_ID,
  findingClass: 'memory-leak',
  title: 'Memory leak',
  inputs: [
    'container:*|memoryBytes (24 h)',
    'container:*|memoryLimitBytes',
    'host memAvailableBytes',
    'logs (gunicorn?)',
  ],
  thresholds: {
    minRateMbPerHour: threshold(1, 'MB/h', 'Slowest growth reported (MiB per hour).'),
    minGrowthPctPerDay: threshold(
      5,
      '%/day',
      'Slowest growth reported relative to the current size (a large cache creeps slowly).',
    ),
    minSpanMinutes: threshold(30, 'min', 'The segment since the last drop must span this long.'),
    minReadings: threshold(6, 'count', 'Readings with a value in that segment.'),
    trendOverNoise: threshold(
      3,
      'ratio',
      'Growth over the segment must exceed this many times the scatter (MAD) around the fit.',
    ),
    warningHours: threshold(
      6,
      'h',
      'WARNING when the threshold is nearer than this; INFO otherwise.',
    ),
  },
  sentence:
    '{container} on {node} has grown {rateMbPerHour} MB/h since {start}: ' +
    '{fromMb} → {currentMb} MB; at this rate it reaches the {threshold} ({thresholdMb} MB) ' +
    'in ~{hoursToThreshold} h.',
  actions: ['gunicorn.recycle', 'postgres.diagnostics', 'container.restart', 'container.logs'],
  resolution: 'The growth rate falls below minRateMbPerHour, or memory drops (a new segment).',
  evaluate,
};
