// Small builders for rule tests, on top of ../history-helpers (B1's factories): log reads,
// containers with the fields a rule is about, and a run of one-minute ticks.
import type {
  Container,
  ContainerLogs,
  Gpu,
  LogLevel,
  NodeSnapshot,
} from '../../../shared/snapshot';
import {
  resolveThresholds,
  type Rule,
  type ThresholdOverrides,
} from '../../../electron/findings/types';
import {
  container,
  gpu,
  historyFrom,
  MINUTE_MS,
  snapshotsEvery,
  type HistoryExtras,
} from '../history-helpers';

export const START = '2026-02-18T22:00:00-03:00';
export const START_MS = Date.parse(START);

/** A log read: `[atMs, level, message]`, each line stamped as Docker's `--timestamps` does. */
export function logsOf(lines: [number, LogLevel, string][]): ContainerLogs {
  const countsByLevel = { fatal: 0, error: 0, warning: 0, info: 0, debug: 0, unknown: 0 };
  for (const [, level] of lines) countsByLevel[level]++;
  const kept = lines.slice(-200).map(([atMs, level, text]) => {
    const at = new Date(atMs).toISOString();
    return { at, level, text: `${at.replace('Z', '000000Z')} ${text}` };
  });
  return { countsByLevel, lines: kept, droppedLines: lines.length - kept.length };
}

/** A container with changes applied, its `missing` reasons kept consistent. */
export function containerWith(name: string, changes: Partial<Container>): Container {
  const base = container(name, changes.state ?? 'running');
  const merged: Container = { ...base, ...changes, missing: { ...base.missing } };
  for (const key of Object.keys(changes) as (keyof Container)[]) {
    if (key !== 'missing' && merged[key] !== null) delete merged.missing[key];
  }
  for (const [key, value] of Object.entries(merged)) {
    if (value === null && !merged.missing[key]) {
      merged.missing[key] = { kind: 'unavailable', detail: 'test' };
    }
  }
  return merged;
}

/** `count` ticks `stepMs` apart from START, nodes from `nodesAt(index, atMs)`, as a History. */
export function ticks(
  count: number,
  nodesAt: (index: number, atMs: number) => Record<string, NodeSnapshot>,
  stepMs = MINUTE_MS,
  extras: HistoryExtras = {},
) {
  return historyFrom(snapshotsEvery(START, stepMs, count, nodesAt), extras);
}

export function evaluate(
  rule: Rule,
  history: ReturnType<typeof ticks>,
  overrides: ThresholdOverrides = {},
) {
  return rule.evaluate(history, resolveThresholds(rule, overrides));
}

/** A GPU reading: temperature, memory %, utilization %; a null is `[N/A]` (unavailable). */
export function gpuReading(
  temperatureC: number | null,
  memoryUsedPct: number | null,
  utilizationPct: number | null,
): Gpu {
  const base = gpu(0, temperatureC);
  const totalBytes = 8 * 1024 ** 3;
  const missing: Gpu['missing'] = { ...base.missing };
  const notAvailable = { kind: 'unavailable' as const, detail: 'nvidia-smi: [N/A]' };
  if (memoryUsedPct === null)
    Object.assign(missing, { memoryUsedPct: notAvailable, memoryUsedBytes: notAvailable });
  if (utilizationPct === null) missing.utilizationPct = notAvailable;
  return {
    ...base,
    memoryUsedPct,
    memoryUsedBytes: memoryUsedPct === null ? null : (memoryUsedPct / 100) * totalBytes,
    memoryTotalBytes: totalBytes,
    utilizationPct,
    missing,
  };
}
