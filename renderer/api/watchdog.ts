// Notices a core that stopped talking: a socket can stay open while the process behind it hangs,
// so each heartbeat feeds the watchdog and silence longer than the timeout counts as a lost link.
import type { TimerHandle, Timers } from './timers';

/** The core sends a heartbeat every second; four missed ones mean it is gone. */
export const HEARTBEAT_TIMEOUT_MS = 4_000;

export interface Watchdog {
  /** Restarts the countdown; call on every heartbeat. */
  feed(): void;
  stop(): void;
}

export function createWatchdog(timers: Timers, timeoutMs: number, onExpire: () => void): Watchdog {
  let handle: TimerHandle | null = null;

  const stop = (): void => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };

  const feed = (): void => {
    stop();
    handle = timers.setTimeout(() => {
      handle = null;
      onExpire();
    }, timeoutMs);
  };

  feed();
  return { feed, stop };
}
