// Disk that fills: a container's writable layer that is large or growing (files written inside
// the container instead of a volume), and a filesystem near full with days left at its rate.
// Reference report 2026-02-18 00:48 #4 (is-sis-surface layer 120 MB, growing), 23:02 #4 and
// 23:36 #3 (vk03 database-server 5.78 GB).
import { splitSeriesKey } from '../history';
import { theilSen, timeToThreshold } from '../quantities/regression';
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  draft,
  formatDiskSize,
  formatDuration,
  HOUR_MS,
  MINUTE_MS,
  round,
  seriesEvidence,
  threshold,
} from './common';
import { latestPresent, minutePoints, minuteSignature, reuse } from './incremental';

const RULE_ID = 'disk-growth';

/** Growth in bytes per hour over the last day (per-minute means); null when it cannot be told. */
function ratePerHour(history: History, key: string, minSpanMs: number): number | null {
  const points = minutePoints(history, key, history.nowMs - 24 * HOUR_MS);
  // The regression is redone only when the minutes it reads changed since the last tick.
  const signature = `${minuteSignature(points)}|${minSpanMs}`;
  return reuse(history, `${RULE_ID}:${key}`, signature, () => {
    const fit = theilSen(points, { minPoints: 4, minSpanMs });
    return fit.value === null ? null : fit.value.slopePerMs * HOUR_MS;
  });
}

function layers(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const minSpanMs = thresholds.minSpanMinutes! * MINUTE_MS;
  for (const key of history.seriesKeys({ subjectPrefix: 'container:', metric: 'sizeRwBytes' })) {
    const latest = latestPresent(history, key, history.nowMs - HOUR_MS);
    if (!latest || latest.value < thresholds.minLayerMb! * 1e6) continue;
    const { node, subject } = splitSeriesKey(key)!;
    const container = subject.slice('container:'.length);
    const rate = ratePerHour(history, key, minSpanMs);
    const growing = rate !== null && rate >= thresholds.minGrowthMbPerHour! * 1e6;
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: `${node}/layer:${container}`,
        severity: 'SUGGESTION',
        title: `${node} ${container} writable layer is ${formatDiskSize(latest.value)}`,
        detail:
          `${container} on ${node} holds ${formatDiskSize(latest.value)} in its writable layer` +
          (growing ? `, growing ${round(rate / 1e6, 1)} MB/h` : '') +
          `: it writes files inside the container instead of a mounted volume (temp files, ` +
          `logs, WAL). Mount a volume for them or clean up periodically; a large diff layer ` +
          `slows re-creating and migrating the container.`,
        numbers: {
          sizeMb: round(latest.value / 1e6, 1),
          sizeGb: round(latest.value / 1e9, 2),
          growthMbPerHour: rate === null ? null : round(rate / 1e6, 2),
        },
        evidence: { series: [seriesEvidence(history, key, history.nowMs - 24 * HOUR_MS)] },
        nodes: [node],
        containers: [container],
        actions: ['disk.usage', 'container.logs'],
      }),
    );
  }
  return drafts;
}

function filesystems(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const minSpanMs = thresholds.minSpanMinutes! * MINUTE_MS;
  for (const key of history.seriesKeys({ subjectPrefix: 'disk:', metric: 'usedPct' })) {
    const { node, subject } = splitSeriesKey(key)!;
    const base = `${node}|${subject}`;
    const hourAgoMs = history.nowMs - HOUR_MS;
    const used = latestPresent(history, key, hourAgoMs);
    const size = latestPresent(history, `${base}|sizeBytes`, hourAgoMs);
    const usedBytes = latestPresent(history, `${base}|usedBytes`, hourAgoMs);
    if (!used || !size || !usedBytes || used.value < thresholds.diskUsedPct!) continue;
    if (size.value < thresholds.minDiskGb! * 1e9) continue; // /boot, tmpfs
    const rate = ratePerHour(history, `${base}|usedBytes`, minSpanMs);
    const left = rate === null ? null : timeToThreshold(usedBytes.value, rate, size.value).value;
    const soon = left !== null && left < thresholds.warningDays! * 24 * HOUR_MS;
    const mount = subject.slice('disk:'.length);
    drafts.push(
      draft({
        ruleId: RULE_ID,
        subject: `${node}/${subject}`,
        severity: soon ? 'WARNING' : 'SUGGESTION',
        title: `${node} disk ${mount} is ${used.value} % full`,
        detail:
          `${mount} on ${node} is ${used.value} % used (${formatDiskSize(usedBytes.value)} of ` +
          `${formatDiskSize(size.value)})` +
          (rate !== null && rate > 0 ? `, growing ${round(rate / 1e6, 1)} MB/h` : '') +
          (left !== null ? `; full in ~${formatDuration(left)} at this rate` : '') +
          `. Find what grows (logs, images, database files) and clean up or add retention.`,
        numbers: {
          usedPct: used.value,
          growthMbPerHour: rate === null ? null : round(rate / 1e6, 1),
          daysToFull: left === null ? null : round(left / (24 * HOUR_MS), 1),
        },
        evidence: {
          series: [seriesEvidence(history, `${base}|usedBytes`, history.nowMs - 24 * HOUR_MS)],
        },
        nodes: [node],
        actions: ['disk.usage'],
      }),
    );
  }
  return drafts;
}

export const diskGrowthRule: Rule = {
  id: RULE_ID,
  findingClass: 'disk-growth',
  title: 'Writable layer or volume growth',
  inputs: ['container:*|sizeRwBytes (24 h)', 'disk:*|usedPct, usedBytes, sizeBytes (24 h)'],
  thresholds: {
    minLayerMb: threshold(100, 'MB', 'A writable layer at least this large (decimal MB).'),
    minGrowthMbPerHour: threshold(1, 'MB/h', 'Growth worth stating in the sentence.'),
    minSpanMinutes: threshold(30, 'min', 'Readings must span this long for a rate.'),
    diskUsedPct: threshold(85, '%', 'A filesystem at least this full.'),
    minDiskGb: threshold(10, 'GB', 'Smaller filesystems (/boot, tmpfs) are ignored.'),
    warningDays: threshold(7, 'd', 'WARNING when full sooner than this.'),
  },
  sentence:
    '{container} on {node} holds {sizeMb} MB in its writable layer, growing {growthMbPerHour} ' +
    'MB/h; or: {mount} on {node} is {usedPct} % used, full in ~{daysToFull} d.',
  actions: ['disk.usage', 'container.logs'],
  resolution: 'The layer falls below minLayerMb, or the filesystem below diskUsedPct.',
  evaluate(history, thresholds) {
    return [...layers(history, thresholds), ...filesystems(history, thresholds)];
  },
};
