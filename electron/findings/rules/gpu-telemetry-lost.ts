// GPU telemetry that went missing — the one kind of rule that speaks about nulls, because the
// null is the news: temperature and memory read `[N/A]` while utilization still reads, so the
// exporter or the driver lost the GPU. And, afterwards, that it came back.
// Reference report 2026-02-19 00:33 #1, 00:48 #1 (lost 30+ min) and 2026-02-22 20:16 #3
// (recovered).
import type { NullKind } from '../../archive/codec';
import type { FindingDraft, History, Rule, SeriesSample, ThresholdValues } from '../types';
import {
  draft,
  formatDuration,
  formatTime,
  HOUR_MS,
  MINUTE_MS,
  round,
  seriesEvidence,
  threshold,
} from './common';
import { gpuSeries, type GpuSeries } from './gpu-common';
import { followSeries, keepRecent } from './incremental';

const RULE_ID = 'gpu-telemetry-lost';
const WATCHED = ['temperatureC', 'memoryUsedPct'] as const;

/** Null kinds that mean the source lost the value (not "never supported", not "SSH down"). */
const LOST_KINDS = new Set<NullKind | null>(['unavailable', 'error', 'unparsed']);

interface Gap {
  metric: string;
  fromMs: number;
  /** The first reading with a value again; null while still lost. */
  toMs: number | null;
  lastValue: number;
  kind: NullKind | null;
}

interface GapState {
  last: SeriesSample | null;
  open: (Gap & { lastAtMs: number }) | null;
  found: (Gap & { lastAtMs: number })[];
}

/**
 * Stretches of lost readings since `sinceMs` that follow a reading with a value (also since
 * then), oldest first, the one still open last. Carried from tick to tick (incremental.ts).
 */
function gaps(history: History, key: string, metric: string, sinceMs: number): Gap[] {
  const state = followSeries<GapState>(
    history,
    RULE_ID,
    key,
    () => ({ last: null, open: null, found: [] }),
    (carried, sample) => {
      if (sample.value !== null) {
        if (carried.open) carried.found.push({ ...carried.open, toMs: sample.atMs });
        carried.open = null;
        carried.last = sample;
      } else if (!carried.open && carried.last && LOST_KINDS.has(sample.nullKind)) {
        carried.open = {
          metric,
          fromMs: sample.atMs,
          toMs: null,
          lastValue: carried.last.value!,
          kind: sample.nullKind,
          lastAtMs: carried.last.atMs,
        };
      }
    },
  );
  state.found = keepRecent(history, state.found, (gap) => gap.lastAtMs);
  const all = state.open ? [...state.found, state.open] : state.found;
  return all.filter((gap) => gap.lastAtMs >= sinceMs).map(({ lastAtMs: _lastAtMs, ...gap }) => gap);
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const minLostMs = thresholds.minLostMinutes! * MINUTE_MS;
  const recentMs = thresholds.recoveredHours! * HOUR_MS;
  const drafts: FindingDraft[] = [];
  for (const gpu of gpuSeries(history)) {
    const found = WATCHED.flatMap((metric) =>
      gaps(history, gpu.key(metric), metric, history.nowMs - 24 * HOUR_MS),
    );
    const ongoing = found.filter(
      (gap) => gap.toMs === null && history.nowMs - gap.fromMs >= minLostMs,
    );
    if (ongoing.length > 0) {
      drafts.push(lostDraft(history, gpu, ongoing));
      continue;
    }
    const recovered = found.filter(
      (gap) =>
        gap.toMs !== null &&
        gap.toMs - gap.fromMs >= minLostMs &&
        history.nowMs - gap.toMs <= recentMs,
    );
    if (recovered.length > 0) drafts.push(recoveredDraft(history, gpu, recovered));
  }
  return drafts;
}

function latestValue(history: History, key: string): number | null {
  return (
    history.series(key, history.nowMs - HOUR_MS).findLast((sample) => sample.value !== null)
      ?.value ?? null
  );
}

function lostDraft(history: History, gpu: GpuSeries, ongoing: Gap[]): FindingDraft {
  const fromMs = Math.min(...ongoing.map((gap) => gap.fromMs));
  const lostMs = history.nowMs - fromMs;
  const utilization =
    history.series(gpu.key('utilizationPct'), history.nowMs - MINUTE_MS).at(-1)?.value ?? null;
  const metrics = ongoing
    .map((gap) => `${gap.metric} (last ${round(gap.lastValue, 1)})`)
    .join(' and ');
  return draft({
    ruleId: RULE_ID,
    subject: `${gpu.node}/${gpu.subject}`,
    severity: 'WARNING',
    title: `${gpu.node} GPU ${gpu.index} telemetry lost for ${formatDuration(lostMs)}`,
    detail:
      `Since ${formatTime(fromMs)} GPU ${gpu.index} on ${gpu.node} reports no ${metrics}` +
      ` (${ongoing[0]!.kind})` +
      (utilization === null ? '' : ` while utilization still reads ${utilization} %`) +
      `: the exporter or the driver has lost the GPU. Check the exporter's logs and run ` +
      `nvidia-smi on the host before the next shift; a driver fault may need a reboot.`,
    numbers: { lostMinutes: Math.round(lostMs / MINUTE_MS), utilizationPct: utilization },
    evidence: {
      series: ongoing.map((gap) =>
        seriesEvidence(history, gpu.key(gap.metric), fromMs - 10 * MINUTE_MS),
      ),
    },
    nodes: [gpu.node],
    actions: ['gpu.diagnostics', 'container.logs'],
  });
}

function recoveredDraft(history: History, gpu: GpuSeries, recovered: Gap[]): FindingDraft {
  const last = recovered.reduce((newest, gap) => (gap.toMs! > newest.toMs! ? gap : newest));
  const lostMs = last.toMs! - last.fromMs;
  const temperature = latestValue(history, gpu.key('temperatureC'));
  const memory = latestValue(history, gpu.key('memoryUsedPct'));
  return draft({
    ruleId: RULE_ID,
    subject: `${gpu.node}/${gpu.subject}/recovered`,
    severity: 'INFO',
    title: `${gpu.node} GPU ${gpu.index} telemetry recovered`,
    detail:
      `GPU ${gpu.index} on ${gpu.node} reports again since ${formatTime(last.toMs!)} after ` +
      `${formatDuration(lostMs)} without ${last.metric}` +
      (temperature === null ? '' : `: now ${temperature} °C`) +
      (memory === null ? '' : `, ${round(memory, 1)} % memory`) +
      `. It recovered without intervention, which points to an intermittent exporter or ` +
      `driver problem worth watching.`,
    numbers: {
      lostMinutes: Math.round(lostMs / MINUTE_MS),
      temperatureC: temperature,
      memoryUsedPct: memory === null ? null : round(memory, 1),
    },
    evidence: {
      series: [seriesEvidence(history, gpu.key(last.metric), last.fromMs - 10 * MINUTE_MS)],
    },
    nodes: [gpu.node],
    actions: ['gpu.diagnostics'],
  });
}

export const gpuTelemetryLostRule: Rule = {
  id: RULE_ID,
  findingClass: 'gpu-telemetry-lost',
  title: 'GPU telemetry lost / recovered',
  inputs: ['gpu:*|temperatureC, memoryUsedPct (their null reasons), utilizationPct (24 h)'],
  thresholds: {
    minLostMinutes: threshold(
      5,
      'min',
      'Readings must be lost (unavailable/error/unparsed, not SSH down) for this long.',
    ),
    recoveredHours: threshold(
      24,
      'h',
      'How long a recovery stays reported after telemetry returns.',
    ),
  },
  sentence:
    'Since {time} GPU {gpu} on {node} reports no {metrics} while utilization still reads ' +
    '{utilizationPct} % (WARNING); later: telemetry recovered after {lostMinutes} min (INFO).',
  actions: ['gpu.diagnostics', 'container.logs'],
  resolution:
    'Lost: the readings return (then a recovered finding opens). Recovered: recoveredHours ' +
    'after the return.',
  evaluate,
};
