// When the numbers on screen are stale: the core is away, or no snapshot came for a while.
import type { ConnectionState } from '../../shared/api/bridge';

/** Four fast ticks (5 s each) without a snapshot. */
export const STALE_AFTER_MS = 20_000;

export function isStale(
  connection: ConnectionState,
  snapshotReceivedAtMs: number | null,
  nowMs: number,
): boolean {
  if (snapshotReceivedAtMs === null) return false;
  return connection !== 'connected' || nowMs - snapshotReceivedAtMs > STALE_AFTER_MS;
}
