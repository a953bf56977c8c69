import { describe, expect, it } from 'vitest';
import {
  initialConnectionModel,
  nextConnectionModel,
  type ConnectionEvent,
  type ConnectionModel,
} from '../../../renderer/api/connection-model';

const thresholds = { offlineAfterAttempts: 3, offlineAfterMs: 3000 };

function run(start: ConnectionModel, events: ConnectionEvent[]): ConnectionModel {
  return events.reduce((model, event) => nextConnectionModel(model, event, thresholds), start);
}

const connected = run(initialConnectionModel(0), [{ type: 'opened', atMs: 10 }]);

describe('the connection state machine', () => {
  it('starts out reconnecting and becomes connected when a socket opens', () => {
    expect(initialConnectionModel(0).state).toBe('reconnecting');
    expect(connected).toEqual({ state: 'connected', failedAttempts: 0, downSinceMs: null });
  });

  it('turns reconnecting when the connection is lost, remembering when', () => {
    const lost = run(connected, [{ type: 'lost', atMs: 1000 }]);
    expect(lost).toEqual({ state: 'reconnecting', failedAttempts: 0, downSinceMs: 1000 });
  });

  it('stays reconnecting for the first two failed attempts and turns offline at the third', () => {
    const states = [1, 2, 3].map(
      (count) =>
        run(connected, [
          { type: 'lost', atMs: 1000 },
          ...Array.from({ length: count }, () => ({ type: 'attemptFailed', atMs: 1100 }) as const),
        ]).state,
    );
    expect(states).toEqual(['reconnecting', 'reconnecting', 'offline']);
  });

  it('turns offline when the core has been away long enough, even if no attempt failed', () => {
    const early = run(connected, [
      { type: 'lost', atMs: 1000 },
      { type: 'tick', atMs: 3999 },
    ]);
    const late = nextConnectionModel(early, { type: 'tick', atMs: 4000 }, thresholds);
    expect(early.state).toBe('reconnecting');
    expect(late.state).toBe('offline');
  });

  it('stays offline while attempts keep failing, and recovers on the next open', () => {
    const offline = run(connected, [
      { type: 'lost', atMs: 0 },
      { type: 'tick', atMs: 10_000 },
      { type: 'attemptFailed', atMs: 11_000 },
    ]);
    expect(offline.state).toBe('offline');
    expect(nextConnectionModel(offline, { type: 'opened', atMs: 12_000 }).state).toBe('connected');
  });

  it('never reports offline before the first attempts have had their chance', () => {
    const starting = run(initialConnectionModel(0), [{ type: 'attemptFailed', atMs: 300 }]);
    expect(starting.state).toBe('reconnecting');
  });

  it('returns the same model when a tick or a second loss changes nothing', () => {
    const lost = run(connected, [{ type: 'lost', atMs: 0 }]);
    expect(nextConnectionModel(lost, { type: 'tick', atMs: 10 }, thresholds)).toBe(lost);
    expect(nextConnectionModel(lost, { type: 'lost', atMs: 20 }, thresholds)).toBe(lost);
    expect(nextConnectionModel(connected, { type: 'tick', atMs: 99_999 }, thresholds)).toBe(
      connected,
    );
  });
});
