// The recent past this page has seen: a few numbers from every snapshot it received, kept in
// memory for sparklines and the session charts shown while the archive cannot answer. Pure.
import type { Snapshot } from '../../shared/snapshot';

/** About 20 minutes of snapshots on the 5 s cadence. */
export const MAX_HISTORY_SAMPLES = 240;

export interface HistorySample {
  /** The snapshot's own time (plant time on the demo plant). */
  takenAt: string;
  /** Series key (see seriesKey) → value, null when the snapshot had none. */
  values: Record<string, number | null>;
}

export type SeriesMetric =
  | 'container.memoryBytes'
  | 'container.cpuPct'
  | 'gpu.temperatureC'
  | 'gpu.memoryUsedPct'
  | 'gpu.utilizationPct'
  | 'gpu.powerW';

/** `vk01|container|keydb|memoryBytes`: node, kind, subject, field. */
export function seriesKey(node: string, metric: SeriesMetric, subject: string): string {
  const [kind, field] = metric.split('.') as [string, string];
  return [node, kind, subject, field].join('|');
}

export function sampleOf(snapshot: Snapshot): HistorySample {
  const values: Record<string, number | null> = {};
  for (const [node, view] of Object.entries(snapshot.nodes)) {
    for (const container of view.containers ?? []) {
      values[seriesKey(node, 'container.memoryBytes', container.name)] = container.memoryBytes;
      values[seriesKey(node, 'container.cpuPct', container.name)] = container.cpuPct;
    }
    for (const gpu of view.gpus ?? []) {
      const subject = String(gpu.index);
      values[seriesKey(node, 'gpu.temperatureC', subject)] = gpu.temperatureC;
      values[seriesKey(node, 'gpu.memoryUsedPct', subject)] = gpu.memoryUsedPct;
      values[seriesKey(node, 'gpu.utilizationPct', subject)] = gpu.utilizationPct;
      values[seriesKey(node, 'gpu.powerW', subject)] = gpu.powerW;
    }
  }
  return { takenAt: snapshot.takenAt, values };
}

/** Appends a sample, keeping the newest `max`; a sample of the same moment replaces the last. */
export function appendSample(
  history: readonly HistorySample[],
  sample: HistorySample,
  max = MAX_HISTORY_SAMPLES,
): readonly HistorySample[] {
  const last = history.at(-1);
  const kept = last?.takenAt === sample.takenAt ? history.slice(0, -1) : history;
  return [...kept, sample].slice(-max);
}

/** One series over the kept history, oldest first; a sample without the key is a gap (null). */
export function seriesValues(history: readonly HistorySample[], key: string) {
  return history.map((sample) => ({ at: sample.takenAt, value: sample.values[key] ?? null }));
}

/**
 * The containers of a node by memory, largest first, from the newest sample that lists any: so a
 * chart keeps its lines while the node cannot be read (SSH down), instead of going blank.
 */
export function largestContainers(
  history: readonly HistorySample[],
  node: string,
  limit: number,
): string[] {
  const prefix = `${node}|container|`;
  for (let index = history.length - 1; index >= 0; index--) {
    const entries = Object.entries(history[index]?.values ?? {}).filter(
      ([key]) => key.startsWith(prefix) && key.endsWith('|memoryBytes'),
    );
    if (entries.length === 0) continue;
    return entries
      .sort(([, a], [, b]) => (b ?? -1) - (a ?? -1))
      .slice(0, limit)
      .map(([key]) => key.slice(prefix.length, -'|memoryBytes'.length));
  }
  return [];
}
