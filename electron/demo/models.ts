// The small pieces of arithmetic the demo plant is made of: repeating waves (Prometheus'
// compaction cycle, a GPU fan's hysteresis), linear trends (a leak, a growing layer), and CPU
// time as the integral of a gently wobbling use. All pure functions of time.
import type { ByteWave, MemoryModel, TemperatureModel } from './scenario';

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/**
 * Where a repeating rise-and-fall is at `offsetMs` (from the scenario start), in [0, 1]:
 * 0 at `lowAtMs`, rising for `rise` of the period to 1, then falling back. rise 1 is a sawtooth
 * (slow climb, sudden drop), like Prometheus freeing its head block at compaction.
 */
export function wavePosition(
  offsetMs: number,
  wave: { periodMs: number; rise: number; lowAtMs: number },
): number {
  if (wave.periodMs <= 0) return 0;
  const phase = positiveModulo(offsetMs - wave.lowAtMs, wave.periodMs) / wave.periodMs;
  if (wave.rise >= 1) return phase;
  if (phase < wave.rise) return phase / wave.rise;
  return (1 - phase) / (1 - wave.rise);
}

/** Whether the wave is climbing at `offsetMs` (a GPU heating while its fan is stopped). */
export function waveRising(
  offsetMs: number,
  wave: { periodMs: number; rise: number; lowAtMs: number },
) {
  const phase = positiveModulo(offsetMs - wave.lowAtMs, wave.periodMs) / wave.periodMs;
  return phase < wave.rise;
}

export function byteWaveAt(offsetMs: number, wave: ByteWave | undefined): number {
  if (!wave) return 0;
  const position = wavePosition(offsetMs, {
    periodMs: wave.period,
    rise: wave.rise,
    lowAtMs: wave.lowAt,
  });
  return wave.amplitude * position;
}

export function temperatureAt(offsetMs: number, model: TemperatureModel): number {
  const position = wavePosition(offsetMs, {
    periodMs: model.period,
    rise: model.rise,
    lowAtMs: model.lowAt,
  });
  return model.low + (model.high - model.low) * position;
}

export function temperatureRising(offsetMs: number, model: TemperatureModel): boolean {
  return waveRising(offsetMs, { periodMs: model.period, rise: model.rise, lowAtMs: model.lowAt });
}

/** Where a memory trend starts: at a (re)start, or where a phase changed the model. */
export interface MemoryAnchor {
  atMs: number;
  bytes: number;
}

/** The trend without its wave: what a leak adds since the anchor, capped at the limit. */
export function memoryTrend(model: MemoryModel, anchor: MemoryAnchor, atMs: number): number {
  const grown = anchor.bytes + (model.leakPerHour * (atMs - anchor.atMs)) / HOUR_MS;
  return model.limit === undefined ? grown : Math.min(grown, model.limit);
}

/**
 * When the trend reaches the limit, so the kernel OOM-kills the container: null when it never
 * does (no limit, no leak).
 */
export function oomKillMs(model: MemoryModel, anchor: MemoryAnchor): number | null {
  if (model.limit === undefined || model.leakPerHour <= 0) return null;
  const hours = Math.max(0, model.limit - anchor.bytes) / model.leakPerHour;
  return anchor.atMs + hours * HOUR_MS;
}

/** CPU use wobbles a little around its mean: `docker stats` never shows a flat line. */
export const CPU_WOBBLE = 0.08;
const CPU_WOBBLE_PERIOD_MS = 7 * MINUTE_MS;

/**
 * CPU time in microseconds used between `fromMs` and `toMs` at `cores` on average: the integral
 * of cores × (1 + wobble × sin(ωt + φ)). Always increasing, so cpu.stat never runs backwards.
 */
export function cpuMicroseconds(cores: number, fromMs: number, toMs: number, phase: number) {
  if (toMs <= fromMs || cores <= 0) return 0;
  const omega = (2 * Math.PI) / CPU_WOBBLE_PERIOD_MS;
  const swing = (Math.cos(omega * fromMs + phase) - Math.cos(omega * toMs + phase)) / omega;
  return cores * (toMs - fromMs + CPU_WOBBLE * swing) * 1000;
}

/** `a mod b` that is never negative. */
export function positiveModulo(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

/** Half-open time windows [fromMs, toMs); toMs may be Infinity. */
export interface Window {
  fromMs: number;
  toMs: number;
}

export function intersectWindows(left: Window[], right: Window[]): Window[] {
  const result: Window[] = [];
  for (const a of left) {
    for (const b of right) {
      const fromMs = Math.max(a.fromMs, b.fromMs);
      const toMs = Math.min(a.toMs, b.toMs);
      if (fromMs < toMs) result.push({ fromMs, toMs });
    }
  }
  return result.sort((a, b) => a.fromMs - b.fromMs);
}

/** The parts of `whole` outside every window of `holes`. */
export function complementWindows(holes: Window[], whole: Window): Window[] {
  const result: Window[] = [];
  let fromMs = whole.fromMs;
  for (const hole of [...holes].sort((a, b) => a.fromMs - b.fromMs)) {
    if (hole.fromMs > fromMs) result.push({ fromMs, toMs: Math.min(hole.fromMs, whole.toMs) });
    fromMs = Math.max(fromMs, hole.toMs);
  }
  if (fromMs < whole.toMs) result.push({ fromMs, toMs: whole.toMs });
  return result.filter((window) => window.fromMs < window.toMs);
}

export function inWindows(windows: readonly Window[], atMs: number): boolean {
  return windows.some((window) => atMs >= window.fromMs && atMs < window.toMs);
}
