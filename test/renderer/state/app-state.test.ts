import { describe, expect, it } from 'vitest';
import {
  initialAppState,
  MAX_PROBLEMS,
  reduceAppState,
  type AppAction,
} from '../../../renderer/state/app-state';
import { healthView, nodeInZone, nodeSnapshot, snapshot } from '../snapshot-factory';

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

  it('takes a later snapshot and keeps the held one for the same or an earlier stamp', () => {
    const first = snapshot('2026-02-19T00:35:00.000Z', { vk01: nodeSnapshot() });
    const later = snapshot('2026-02-19T00:40:00.000Z', { vk01: nodeSnapshot() });
    const withFirst = reduceAppState(start, { type: 'snapshotReceived', snapshot: first });
    const withLater = reduceAppState(withFirst, { type: 'snapshotReceived', snapshot: later });

    expect(withFirst.snapshot).toBe(first);
    expect(withLater.snapshot).toBe(later);
    const again = structuredClone(first);
    expect(reduceAppState(withFirst, { type: 'snapshotReceived', snapshot: again })).toBe(
      withFirst,
    );
    expect(reduceAppState(withLater, { type: 'snapshotReceived', snapshot: first })).toBe(
      withLater,
    );
  });

  it("takes another deployment's snapshot whatever its stamp", () => {
    const current = snapshot('2026-02-19T00:40:00.000Z');
    const other = { ...snapshot('2025-01-01T00:00:00.000Z'), deployment: '03001' };
    const held = reduceAppState(start, { type: 'snapshotReceived', snapshot: current });
    expect(reduceAppState(held, { type: 'snapshotReceived', snapshot: other }).snapshot).toBe(
      other,
    );
  });

  it('compares health views by content', () => {
    const health = healthView(['vk01', 'vk02']);
    const held = reduceAppState(start, { type: 'healthReceived', health });
    expect(held.health).toBe(health);
    expect(reduceAppState(held, { type: 'healthReceived', health: structuredClone(health) })).toBe(
      held,
    );

    const verdict = { kind: 'all-unreachable' as const, message: 'every channel is down' };
    const changed = reduceAppState(held, {
      type: 'healthReceived',
      health: { ...health, verdict },
    });
    expect(changed.health?.verdict).toEqual(verdict);
  });

  it("keeps the plant's time zone while no node can say it, until the deployment changes", () => {
    const zone = 'America/Sao_Paulo';
    const readable = snapshot('2026-02-19T00:45:00.000Z', { vk01: nodeInZone(zone) });
    const unreadable = snapshot('2026-02-19T00:50:00.000Z', { vk01: nodeInZone(null) });
    const elsewhere = { ...unreadable, deployment: '03001' };

    const known = reduceAppState(start, { type: 'snapshotReceived', snapshot: readable });
    const kept = reduceAppState(known, { type: 'snapshotReceived', snapshot: unreadable });
    const reset = reduceAppState(kept, { type: 'snapshotReceived', snapshot: elsewhere });
    expect([known, kept, reset].map((state) => state.plantTimeZone)).toEqual([zone, zone, null]);
  });

  it('uses the zone remembered for the deployment when a new page cannot read one', () => {
    const unreadable = snapshot('2026-02-19T00:50:00.000Z', { vk01: nodeInZone(null) });
    const reopened = initialAppState('reconnecting', { '03002': 'America/Sao_Paulo' });

    const shown = reduceAppState(reopened, { type: 'snapshotReceived', snapshot: unreadable });
    const other = { ...unreadable, deployment: '03001' };
    expect(shown.plantTimeZone).toBe('America/Sao_Paulo');
    expect(
      reduceAppState(reopened, { type: 'snapshotReceived', snapshot: other }).plantTimeZone,
    ).toBeNull();
  });

  it("remembers a zone read from the nodes, and the nodes' zone wins over a remembered one", () => {
    const reopened = initialAppState('reconnecting', { '03002': 'America/Manaus' });
    const readable = snapshot('2026-02-19T00:45:00.000Z', { vk01: nodeInZone('America/Recife') });

    const read = reduceAppState(reopened, { type: 'snapshotReceived', snapshot: readable });
    expect(read.plantTimeZone).toBe('America/Recife');
    expect(read.rememberedZones).toEqual({ '03002': 'America/Recife' });
    const again = { ...readable, takenAt: '2026-02-19T00:46:00.000Z' };
    const same = reduceAppState(read, { type: 'snapshotReceived', snapshot: again });
    // Nothing new to remember: the same object, so the page does not write storage each tick.
    expect(same.rememberedZones).toBe(read.rememberedZones);
  });
});

describe('a review moment', () => {
  it('replaces what the views show until it is cleared, and live data keeps arriving', async () => {
    const { initialAppState, reduceAppState, shownHealth, shownSnapshot } =
      await import('../../../renderer/state/app-state');
    const { nodeSnapshot, snapshot } = await import('../snapshot-factory');
    const live = snapshot('2026-02-18T22:30:00-03:00', { vk01: nodeSnapshot() });
    const past = snapshot('2026-02-18T21:53:00-03:00', { vk01: nodeSnapshot() });
    let state = reduceAppState(initialAppState('connected'), {
      type: 'snapshotReceived',
      snapshot: live,
    });
    const review = { at: past.takenAt, snapshot: past, health: { nodes: {}, verdict: null } };
    state = reduceAppState(state, { type: 'reviewMoment', review });
    expect(shownSnapshot(state)).toBe(past);
    expect(shownHealth(state)).toBe(review.health);
    const later = snapshot('2026-02-18T22:35:00-03:00', { vk01: nodeSnapshot() });
    state = reduceAppState(state, { type: 'snapshotReceived', snapshot: later });
    expect(state.snapshot).toBe(later);
    expect(shownSnapshot(state)).toBe(past);
    state = reduceAppState(state, { type: 'reviewMoment', review: null });
    expect(shownSnapshot(state)).toBe(later);
  });
});
