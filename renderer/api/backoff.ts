// How long to wait before the next connection attempt: exponential, capped, with jitter so that
// many open pages do not all knock on a restarted core in the same millisecond.

export interface BackoffOptions {
  /** Delay ceiling before the first retry, in milliseconds. */
  initialDelayMs: number;
  /** No delay is ever longer than this, in milliseconds. */
  maxDelayMs: number;
  /** Share of the delay that is randomised: 0 is none, 0.5 draws from [delay/2, delay]. */
  jitterRatio: number;
}

export const defaultBackoff: BackoffOptions = {
  initialDelayMs: 250,
  maxDelayMs: 5_000,
  jitterRatio: 0.5,
};

/** The ceiling for a given attempt (0 is the first retry): initial × 2^attempt, capped. */
export function backoffCeilingMs(
  attempt: number,
  options: BackoffOptions = defaultBackoff,
): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  return Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent);
}

/**
 * The delay before retry number `attempt`. `random` returns a number in [0, 1), like Math.random;
 * the result lies in [ceiling × (1 − jitterRatio), ceiling].
 */
export function backoffDelayMs(
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = defaultBackoff,
): number {
  const ceilingMs = backoffCeilingMs(attempt, options);
  const jitterMs = ceilingMs * options.jitterRatio * random();
  return Math.round(ceilingMs - jitterMs);
}
