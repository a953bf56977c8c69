// Simulated time for the demo plant. In the app it runs at a fixed multiple of real time
// (default 60×: one real minute is one plant hour); in tests it stands still and is stepped by
// hand, so no real timer is ever needed. Randomness is a pure function of (seed, key, index), so
// the plant at a given moment is the same whoever asks first and in whatever order.

/** Simulated seconds per real second when none is given. */
export const DEFAULT_DEMO_SPEED = 60;

export interface DemoClockOptions {
  /** The simulated time the clock starts at. */
  startTime: Date | string | number;
  /** Simulated milliseconds per real millisecond; 0 stands still until stepped. Default 60. */
  speed?: number;
  /** Seed of every random choice the demo makes. Default 3002. */
  seed?: number;
  /** Real time source in milliseconds; tests leave it alone. Default performance.now. */
  realNowMs?: () => number;
}

export class DemoClock {
  readonly seed: number;
  private speedValue: number;
  private anchorSimulatedMs: number;
  private anchorRealMs: number;
  private readonly realNowMs: () => number;

  constructor(options: DemoClockOptions) {
    const startMs = toMs(options.startTime);
    if (!Number.isFinite(startMs)) throw new RangeError(`not a time: ${options.startTime}`);
    this.seed = options.seed ?? 3002;
    this.speedValue = checkedSpeed(options.speed ?? DEFAULT_DEMO_SPEED);
    this.realNowMs = options.realNowMs ?? (() => performance.now());
    this.anchorSimulatedMs = startMs;
    this.anchorRealMs = this.realNowMs();
  }

  /** Simulated milliseconds per real millisecond (0 when stopped). */
  get speed(): number {
    return this.speedValue;
  }

  nowMs(): number {
    const realElapsedMs = this.realNowMs() - this.anchorRealMs;
    return Math.floor(this.anchorSimulatedMs + realElapsedMs * this.speedValue);
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Moves simulated time forward by `ms`; the clock keeps its speed from there. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`the demo clock only moves forward (asked ${ms} ms)`);
    this.reanchor(this.nowMs() + ms);
  }

  /**
   * Jumps to `time`. Simulated time never goes back: log cursors and CPU counters read by the
   * collector assume it, as they assume it of a real node.
   */
  stepTo(time: Date | string | number): void {
    const targetMs = toMs(time);
    const nowMs = this.nowMs();
    if (!(targetMs >= nowMs)) {
      throw new RangeError(`cannot step the demo clock back from ${iso(nowMs)} to ${time}`);
    }
    this.reanchor(targetMs);
  }

  /** Changes the speed from now on; 0 stops the clock. */
  setSpeed(speed: number): void {
    this.reanchor(this.nowMs());
    this.speedValue = checkedSpeed(speed);
  }

  private reanchor(simulatedMs: number): void {
    this.anchorSimulatedMs = simulatedMs;
    this.anchorRealMs = this.realNowMs();
  }
}

export function createDemoClock(options: DemoClockOptions): DemoClock {
  return new DemoClock(options);
}

function toMs(time: Date | string | number): number {
  if (time instanceof Date) return time.getTime();
  return typeof time === 'number' ? time : Date.parse(time);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function checkedSpeed(speed: number): number {
  if (!(speed >= 0) || !Number.isFinite(speed)) {
    throw new RangeError(`the demo speed must be a finite number ≥ 0 (got ${speed})`);
  }
  return speed;
}

// -- seeded randomness ----------------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for plausible jitter, never for secrets. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a, 32 bits: a stable number for a text key. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A number in [0, 1) fixed by seed, key and index: the same question always gets the same
 * answer, so simulated values do not depend on the order in which they are asked for.
 */
export function noise(seed: number, key: string, index: number): number {
  const mixedIndex = Math.imul(Math.floor(index) | 0, 0x9e3779b1);
  const floorIndex = Math.floor(index / 4_294_967_296);
  return mulberry32((seed ^ hashText(key) ^ mixedIndex ^ floorIndex) >>> 0)();
}

/** A number in [-1, 1) fixed by seed, key and index. */
export function signedNoise(seed: number, key: string, index: number): number {
  return noise(seed, key, index) * 2 - 1;
}
