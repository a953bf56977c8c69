// The connection state machine, as pure functions: what the indicator should say given what has
// happened to the socket. The reconnecting client feeds it events and shows its `state`.
import type { ConnectionState } from '../../shared/api/bridge';

export interface ConnectionThresholds {
  /** Failed attempts in a row after a loss before the core counts as offline. */
  offlineAfterAttempts: number;
  /** Time since the loss (or since the first attempt) after which the core counts as offline. */
  offlineAfterMs: number;
}

export const defaultThresholds: ConnectionThresholds = {
  offlineAfterAttempts: 3,
  offlineAfterMs: 3_000,
};

export interface ConnectionModel {
  readonly state: ConnectionState;
  /** Attempts that failed since the connection was last up. */
  readonly failedAttempts: number;
  /** When the connection was lost (or the first attempt began); null while connected. */
  readonly downSinceMs: number | null;
}

export type ConnectionEvent =
  | { type: 'opened'; atMs: number }
  | { type: 'lost'; atMs: number }
  | { type: 'attemptFailed'; atMs: number }
  /** Time passed with nothing else happening (an attempt that hangs). */
  | { type: 'tick'; atMs: number };

/** Before the first connection the page is, honestly, trying to reach the core. */
export function initialConnectionModel(nowMs: number): ConnectionModel {
  return { state: 'reconnecting', failedAttempts: 0, downSinceMs: nowMs };
}

export function nextConnectionModel(
  model: ConnectionModel,
  event: ConnectionEvent,
  thresholds: ConnectionThresholds = defaultThresholds,
): ConnectionModel {
  switch (event.type) {
    case 'opened':
      return { state: 'connected', failedAttempts: 0, downSinceMs: null };
    case 'lost':
      if (model.state !== 'connected') return model;
      return { state: 'reconnecting', failedAttempts: 0, downSinceMs: event.atMs };
    case 'attemptFailed':
      return judgeDowntime(
        { ...model, failedAttempts: model.failedAttempts + 1 },
        event,
        thresholds,
      );
    case 'tick':
      return judgeDowntime(model, event, thresholds);
  }
}

function judgeDowntime(
  model: ConnectionModel,
  event: ConnectionEvent,
  thresholds: ConnectionThresholds,
): ConnectionModel {
  if (model.state === 'connected' || model.downSinceMs === null) return model;

  const downForMs = event.atMs - model.downSinceMs;
  const offline =
    model.failedAttempts >= thresholds.offlineAfterAttempts ||
    downForMs >= thresholds.offlineAfterMs;
  const state: ConnectionState = offline ? 'offline' : 'reconnecting';
  return state === model.state && event.type === 'tick' ? model : { ...model, state };
}
