import { describe, expect, it } from 'vitest';
import {
  initialAppState,
  MAX_PROBLEMS,
  reduceAppState,
  type AppAction,
} from '../../../renderer/state/app-state';

const start = initialAppState('reconnecting');

describe('the app state reducer', () => {
  it('returns the same object for actions that change nothing', () => {
    const unchanged: AppAction[] = [
      { type: 'connectionChanged', connection: 'reconnecting' },
      { type: 'heartbeat', at: '2025-01-01T00:00:00.000Z' },
    ];
    const withHeartbeat = reduceAppState(start, unchanged[1] as AppAction);
    expect(reduceAppState(start, unchanged[0] as AppAction)).toBe(start);
    expect(reduceAppState(withHeartbeat, unchanged[1] as AppAction)).toBe(withHeartbeat);
  });

  it('compares fleets and app info by content, not by identity', () => {
    const fleet = { source: 'empty' as const, deployment: null, nodes: [] };
    const loaded = reduceAppState(start, { type: 'fleetLoaded', fleet });
    expect(reduceAppState(loaded, { type: 'fleetLoaded', fleet: { ...fleet } })).toBe(loaded);
    expect(
      reduceAppState(loaded, { type: 'fleetLoaded', fleet: { ...fleet, deployment: 'x' } }),
    ).not.toBe(loaded);
  });

  it(`keeps the newest ${MAX_PROBLEMS} problems but counts them all`, () => {
    let state = start;
    for (let index = 0; index < MAX_PROBLEMS + 5; index += 1) {
      state = reduceAppState(state, {
        type: 'problem',
        problem: { atMs: index, text: `p${index}` },
      });
    }
    expect(state.problemCount).toBe(MAX_PROBLEMS + 5);
    expect(state.problems).toHaveLength(MAX_PROBLEMS);
    expect(state.problems[0]?.text).toBe('p5');
  });
});
