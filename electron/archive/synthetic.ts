// Synthetic history for the archive benchmark: the series set and values of one real snapshot
// (the demo plant's 03002 fleet), carried over weeks with shapes of the same kind: memory that
// creeps up, CPU and latency that jitter, counters that count, constants that stay, GPU
// telemetry that drops out for ten minutes every six hours. Values keep the precision of the
// snapshot's, so they take the same room on disk.
import type { Snapshot } from '../../shared/snapshot';
import type { Aggregate } from './aggregate';
import type { RollupChunk } from './archive';
import type { NullKind } from './codec';
import { nodeSamples, type Sample } from './series';
import { DAY_MS, HOUR_MS, MINUTE_MS, type RollupTier } from './tiers';

type Shape = 'constant' | 'counter' | 'growing' | 'jitter';

export interface SeriesModel {
  node: string;
  subject: string;
  metric: string;
  base: number | null;
  nullKind: NullKind | null;
  shape: Shape;
  /** Decimal digits of the snapshot's value; null when it had more than 4 (a full double). */
  decimals: number | null;
  /** Seeds this series' noise. */
  index: number;
}

const growingMetrics = new Set([
  'memoryBytes',
  'usedBytes',
  'usedMemoryBytes',
  'memoryUsedBytes',
  'sizeRwBytes',
  'keys',
  'messages',
  'messagesReady',
]);

const jitteringMetrics = new Set([
  'cpuPct',
  'load1',
  'latencyMs',
  'utilizationPct',
  'powerW',
  'temperatureC',
  'memoryUsedPct',
  'offsetMs',
  'publishRatePerSecond',
  'deliverRatePerSecond',
  'connectedClients',
  'connections',
  'fanPct',
  'usedPct',
  'availableBytes',
  'memAvailableBytes',
  'messagesUnacked',
]);

const SAMPLE_MS = 5_000;
const BLACKOUT = { everyMs: 6 * HOUR_MS, lastingMs: 10 * MINUTE_MS };

/** One model per series of the snapshot. */
export function seriesModels(snapshot: Snapshot): SeriesModel[] {
  const models: SeriesModel[] = [];
  for (const [node, nodeSnapshot] of Object.entries(snapshot.nodes)) {
    for (const sample of nodeSamples(nodeSnapshot, new Map())) {
      models.push({ node, ...modelOf(sample), index: models.length });
    }
  }
  return models;
}

function modelOf(sample: Sample): Omit<SeriesModel, 'node' | 'index'> {
  const { subject, metric, value, nullKind } = sample;
  let shape: Shape = 'constant';
  if (metric === 'uptimeSeconds') shape = 'counter';
  else if (
    growingMetrics.has(metric) ||
    (subject.startsWith('database:') && metric === 'sizeBytes')
  )
    shape = 'growing';
  else if (jitteringMetrics.has(metric)) shape = 'jitter';
  return { subject, metric, base: value, nullKind, shape, decimals: decimalsOf(value) };
}

function decimalsOf(value: number | null): number | null {
  if (value === null) return 0;
  for (let digits = 0; digits <= 4; digits++) {
    const scale = 10 ** digits;
    if (Math.round(value * scale) / scale === value) return digits;
  }
  return null;
}

/** The model's value at a time; `originMs` is where the synthetic history starts. */
export function syntheticValue(model: SeriesModel, atMs: number, originMs: number): number | null {
  if (model.base === null || blackedOut(model, atMs)) return null;
  const base = model.base;
  const elapsedMs = atMs - originMs;
  const wobble = noise(model.index, Math.floor(elapsedMs / SAMPLE_MS));
  let value = base;
  if (model.shape === 'counter') value = base + Math.round(elapsedMs / 1000);
  if (model.shape === 'growing')
    value = base * (1 + (0.02 * elapsedMs) / DAY_MS) * (1 + 0.002 * wobble);
  if (model.shape === 'jitter') value = base + Math.abs(base) * 0.1 * wobble;
  return rounded(Math.max(0, value), model.decimals);
}

function nullKindAt(model: SeriesModel, atMs: number): NullKind | null {
  if (model.base === null) return model.nullKind;
  return blackedOut(model, atMs) ? 'unavailable' : null;
}

function blackedOut(model: SeriesModel, atMs: number): boolean {
  const gpuReading = model.subject.startsWith('gpu:') && model.metric !== 'memoryTotalBytes';
  return gpuReading && atMs % BLACKOUT.everyMs < BLACKOUT.lastingMs;
}

function rounded(value: number, decimals: number | null): number {
  if (decimals === null) return value;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** A number in [-1, 1) fixed by series and step: a small integer hash, no allocation. */
function noise(index: number, step: number): number {
  let mixed = Math.imul(index ^ 0x9e3779b9, 0x85ebca6b) ^ step;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x7feb352d);
  mixed = Math.imul(mixed ^ (mixed >>> 15), 0x846ca68b);
  mixed ^= mixed >>> 16;
  return (mixed >>> 0) / 2 ** 31 - 1;
}

/** Every series' sample at one tick, by node, as `Archive.recordSamples` takes them. */
export function syntheticTick(
  models: readonly SeriesModel[],
  atMs: number,
  originMs: number,
): Record<string, Sample[]> {
  const nodes: Record<string, Sample[]> = {};
  for (const model of models) {
    const value = syntheticValue(model, atMs, originMs);
    const nullKind = value === null ? nullKindAt(model, atMs) : null;
    (nodes[model.node] ??= []).push({
      subject: model.subject,
      metric: model.metric,
      value,
      nullKind,
    });
  }
  return nodes;
}

/**
 * Rollup buckets of one series as they would come out of `samplesPerBucket` samples around the
 * model's value: the spread of its shape as min and max, the value as mean.
 */
export function syntheticBuckets(
  model: SeriesModel,
  startMs: number,
  bucketMs: number,
  slots: number,
  originMs: number,
): Aggregate[] {
  const samples = bucketMs / SAMPLE_MS;
  const buckets: Aggregate[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const centerMs = startMs + slot * bucketMs + bucketMs / 2;
    const mean = syntheticValue(model, centerMs, originMs);
    if (mean === null) {
      const nullKind = nullKindAt(model, centerMs);
      buckets.push({ count: 0, nulls: samples, nullKind, min: null, max: null, sum: null });
      continue;
    }
    const spread = spreadOf(model, bucketMs);
    const min = rounded(Math.max(0, mean - spread), model.decimals);
    const max = rounded(mean + spread, model.decimals);
    buckets.push({ count: samples, nulls: 0, nullKind: null, min, max, sum: mean * samples });
  }
  return buckets;
}

/** One rollup chunk of one series, as the archive's maintenance would have written it. */
export function syntheticChunk(
  model: SeriesModel,
  tier: RollupTier,
  chunkStartMs: number,
  originMs: number,
): RollupChunk {
  const slots = tier.chunkMs / tier.bucketMs;
  const buckets = syntheticBuckets(model, chunkStartMs, tier.bucketMs, slots, originMs);
  const { node, subject, metric } = model;
  return { tier: tier.name, node, subject, metric, startMs: chunkStartMs, buckets };
}

function spreadOf(model: SeriesModel, bucketMs: number): number {
  const base = Math.abs(model.base ?? 0);
  if (model.shape === 'jitter') return base * 0.1;
  if (model.shape === 'growing') return base * 0.002;
  if (model.shape === 'counter') return bucketMs / 2000;
  return 0;
}
