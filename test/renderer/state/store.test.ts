import { describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../../shared/api/bridge';
import { ApiError } from '../../../shared/api/client';
import type { AppInfo, FleetSummary, PayloadOf } from '../../../shared/api/contract';
import type { Api } from '../../../renderer/api/api';
import { bindApiToStore, createAppStore } from '../../../renderer/state/store';
import { healthView, nodeSnapshot, snapshot } from '../snapshot-factory';

const appInfo: AppInfo = {
  name: 'VisionKing Control Room',
  version: '0.1.0',
  mode: 'browser',
  startedAt: '2025-01-01T00:00:00.000Z',
  pid: 42,
};
const fleet: FleetSummary = {
  source: 'file',
  deployment: '03002',
  nodes: [{ id: 'vk01', role: 'processing', host: '10.0.0.11' }],
};
const latest = snapshot('2026-02-19T00:35:00.000Z', { vk01: nodeSnapshot() });
const health = healthView(['vk01']);

/** What the fake core answers to each request. */
const defaultAnswers: Record<string, unknown> = {
  'app.info': appInfo,
  'fleet.summary': fleet,
  'snapshot.latest': latest,
  'health.current': health,
};

type FakeEvent = 'core.heartbeat' | 'fleet.changed' | 'snapshot.new' | 'health.changed';

/** An Api whose state and events the test sets by hand. */
function createFakeApi(options: { failInfo?: boolean; answers?: Record<string, unknown> } = {}) {
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const call = vi.fn(async (method: string) => {
    if (method === 'app.info' && options.failInfo)
      throw new ApiError('TIMEOUT', 'no answer', 'app.info');
    return { ...defaultAnswers, ...options.answers }[method];
  });
  const api = {
    connectionState: 'reconnecting' as ConnectionState,
    call,
    on(name: string, listener: (payload: unknown) => void) {
      const set = eventListeners.get(name) ?? new Set();
      eventListeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    onConnectionState(listener: (state: ConnectionState) => void) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close: () => undefined,
  };
  return {
    api: api as unknown as Api,
    call,
    setState(state: ConnectionState) {
      api.connectionState = state;
      stateListeners.forEach((listener) => listener(state));
    },
    emit<E extends FakeEvent>(name: E, payload: PayloadOf<E>) {
      eventListeners.get(name)?.forEach((listener) => listener(payload));
    },
  };
}

describe('the store fed by the Api', () => {
  it('asks the core for its facts, fleet, snapshot and health on every (re)connect', async () => {
    const fake = createFakeApi();
    const store = createAppStore();
    bindApiToStore(fake.api, store);

    fake.setState('connected');
    await vi.waitFor(() => expect(store.getState().health).toEqual(health));
    expect(store.getState()).toMatchObject({ connection: 'connected', appInfo, fleet });
    expect(store.getState().snapshot).toEqual(latest);

    fake.setState('offline');
    fake.setState('connected');
    expect(fake.call).toHaveBeenCalledTimes(8);
  });

  it('records snapshots and health pushed by the core', () => {
    const fake = createFakeApi();
    const store = createAppStore();
    bindApiToStore(fake.api, store);

    fake.emit('snapshot.new', latest);
    fake.emit('health.changed', health);
    expect(store.getState()).toMatchObject({ snapshot: latest, health });
  });

  it('keeps no snapshot before the first tick, when snapshot.latest answers null', async () => {
    const fake = createFakeApi({ answers: { 'snapshot.latest': null } });
    const store = createAppStore();
    bindApiToStore(fake.api, store);

    fake.setState('connected');
    await vi.waitFor(() => expect(store.getState().health).toEqual(health));
    expect(store.getState()).toMatchObject({ snapshot: null, problemCount: 0 });
  });

  it('records heartbeats and fleet changes pushed by the core', () => {
    const fake = createFakeApi();
    const store = createAppStore();
    bindApiToStore(fake.api, store);

    fake.emit('core.heartbeat', { at: '2025-01-01T00:00:05.000Z', uptimeSeconds: 5 });
    fake.emit('fleet.changed', fleet);
    expect(store.getState()).toMatchObject({ lastHeartbeatAt: '2025-01-01T00:00:05.000Z', fleet });
  });

  it('wakes no subscriber when an event repeats what it already knows', () => {
    const fake = createFakeApi();
    const store = createAppStore();
    bindApiToStore(fake.api, store);
    fake.emit('fleet.changed', fleet);
    fake.emit('snapshot.new', latest);
    fake.emit('health.changed', health);
    const listener = vi.fn();
    store.subscribe(listener);

    fake.emit('fleet.changed', structuredClone(fleet));
    fake.emit('snapshot.new', structuredClone(latest));
    fake.emit('health.changed', structuredClone(health));
    fake.setState('reconnecting');
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps a failed call as a problem instead of dropping it', async () => {
    const fake = createFakeApi({ failInfo: true });
    const store = createAppStore();
    bindApiToStore(fake.api, store);

    fake.setState('connected');
    await vi.waitFor(() => expect(store.getState().problemCount).toBe(1));
    expect(store.getState().problems[0]?.text).toBe('app.info failed (TIMEOUT: no answer)');
    expect(store.getState().fleet).toEqual(fleet);
  });

  it('stops listening when unbound', () => {
    const fake = createFakeApi();
    const store = createAppStore();
    const unbind = bindApiToStore(fake.api, store);
    unbind();

    fake.setState('connected');
    expect(store.getState().connection).toBe('reconnecting');
  });
});
