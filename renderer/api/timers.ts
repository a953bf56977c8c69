// Timers are injected so tests can drive the reconnection and watchdog logic without waiting.

export type TimerHandle = ReturnType<typeof setTimeout>;

export interface Timers {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Milliseconds on a monotonic-enough clock; only differences are used. */
  nowMs(): number;
}

export const realTimers: Timers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle),
  nowMs: () => Date.now(),
};
