import { describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../../shared/api/bridge';
import { ApiError } from '../../../shared/api/client';
import type { AppInfo, FleetSummary, PayloadOf } from '../../../shared/api/contract';
import { splitSnapshot } from '../../../shared/api/requests-snapshot';
import type { Api } from '../../../renderer/api/api';
import { bindApiToStore, createAppStore } from '../../../renderer/state/store';
import { channelHealth, healthView, nodeSnapshot, snapshot } from '../snapshot-factory';

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

/** A snapshot as the core answers and pushes it: the tick marker and one part per node. */
function messagesOf(whole: typeof latest) {
  const { tick, parts } = splitSnapshot(whole);
  return { tick, parts: new Map(parts.map((part) => [part.node, part])) };
}

/** What the fake core answers to each request; `snapshot.node` answers from `latest`. */
const defaultAnswers: Record<string, unknown> = {
  'app.info': appInfo,
  'fleet.summary': fleet,
  'snapshot.latest': messagesOf(latest).tick,
  'health.current': health,
};

type FakeEvent =
  'core.heartbeat' | 'fleet.changed' | 'snapshot.node' | 'snapshot.new' | 'health.changed';

interface FakeOptions {
  failInfo?: boolean;
  answers?: Record<string, unknown>;
  /** The snapshot whose nodes `snapshot.node` answers with; `latest` unless given. */
  nodesFrom?: typeof latest;
  failNodes?: boolean;
  /** `snapshot.node` answers only once this settles. */
  nodesGate?: Promise<void>;
}

/** An Api whose state and events the test sets by hand. */
function createFakeApi(options: FakeOptions = {}) {
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const call = vi.fn(async (method: string, args: { node?: string }) => {
    if (method === 'app.info' && options.failInfo)
      throw new ApiError('TIMEOUT', 'no answer', 'app.info');
    if (method === 'snapshot.node') {
      await options.nodesGate;
      if (options.failNodes) throw new ApiError('INTERNAL', 'node lost', 'snapshot.node');
      return messagesOf(options.nodesFrom ?? latest).parts.get(args.node ?? '') ?? null;
    }
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
    /** Pushes a snapshot as the core does: every node's part, then the marker. */
    push(whole: typeof latest) {
      const { tick, parts } = messagesOf(whole);
      for (const part of parts.values()) this.emit('snapshot.node', part);
      this.emit('snapshot.new', tick);
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

    expect(fake.call).toHaveBeenCalledWith('snapshot.node', { node: 'vk01' });
    expect(fake.call).toHaveBeenCalledTimes(5);

    // The held snapshot is still the newest: no node is asked for again.
    fake.setState('offline');
    fake.setState('connected');
    await vi.waitFor(() => expect(fake.call).toHaveBeenCalledTimes(9));
    expect(fake.call.mock.calls.filter(([method]) => method === 'snapshot.node')).toHaveLength(1);
  });

  it('joins the snapshot from the node answers on connect, one call per node', async () => {
    const fleetOfThree = snapshot('2026-02-19T00:40:00.000Z', {
      vk01: nodeSnapshot(),
      vk02: nodeSnapshot({ containers: null, missing: {} }),
      vk03: nodeSnapshot({ gpus: [] }),
    });
    const fake = createFakeApi({
      answers: { 'snapshot.latest': messagesOf(fleetOfThree).tick },
      nodesFrom: fleetOfThree,
    });
    const store = createAppStore();
    bindApiToStore(fake.api, store);

    fake.setState('connected');
    await vi.waitFor(() => expect(store.getState().snapshot).toEqual(fleetOfThree));
    const asked = fake.call.mock.calls.filter(([method]) => method === 'snapshot.node');
    expect(asked.map(([, args]) => args)).toEqual([
      { node: 'vk01' },
      { node: 'vk02' },
      { node: 'vk03' },
    ]);
  });

  it('keeps one problem when the node answers fail, and no half snapshot', async () => {
    const fake = createFakeApi({ failNodes: true });
    const store = createAppStore();
    bindApiToStore(fake.api, store);

    fake.setState('connected');
    await vi.waitFor(() => expect(store.getState().problemCount).toBe(1));
    expect(store.getState().problems[0]?.text).toBe(
      'snapshot.node (1 of 1 nodes) failed (INTERNAL: node lost)',
    );
    expect(store.getState().snapshot).toBeNull();
  });

  it('keeps a health change pushed while the snapshot nodes are still asked for', async () => {
    let openGate = () => undefined as void;
    const nodesGate = new Promise<void>((resolve) => (openGate = resolve));
    const unknownHealth = healthView(['vk01'], { ssh: channelHealth('unknown') });
    const fake = createFakeApi({ answers: { 'health.current': unknownHealth }, nodesGate });
    const store = createAppStore();
    bindApiToStore(fake.api, store);

    fake.setState('connected');
    await vi.waitFor(() => expect(store.getState().health).toEqual(unknownHealth));
    // vk01's SSH comes up while the page still waits for the snapshot's nodes.
    fake.emit('health.changed', health);
    openGate();
    await vi.waitFor(() => expect(store.getState().snapshot).toEqual(latest));
    expect(store.getState().health).toEqual(health);
  });

  it('records snapshots and health pushed by the core', () => {
    const fake = createFakeApi();
    const store = createAppStore();
    bindApiToStore(fake.api, store);

    fake.push(latest);
    fake.emit('health.changed', health);
    expect(store.getState()).toMatchObject({ snapshot: latest, health });
  });

  it('shows a pushed snapshot only once every node of its tick has come', () => {
    const fake = createFakeApi();
    const store = createAppStore();
    bindApiToStore(fake.api, store);
    const two = snapshot('2026-02-19T00:45:00.000Z', {
      vk01: nodeSnapshot(),
      vk02: nodeSnapshot({ gpus: [] }),
    });
    const { tick, parts } = messagesOf(two);

    fake.emit('snapshot.node', parts.get('vk01')!);
    fake.emit('snapshot.new', tick);
    expect(store.getState().snapshot).toBeNull();
    fake.emit('snapshot.node', parts.get('vk02')!);
    expect(store.getState().snapshot).toEqual(two);
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
    fake.push(latest);
    fake.emit('health.changed', health);
    const listener = vi.fn();
    store.subscribe(listener);

    fake.emit('fleet.changed', structuredClone(fleet));
    fake.push(structuredClone(latest));
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
