// The renderer's one store: zustand vanilla, fed by the Api (events and connection state) and read
// by React through narrow selectors. Nothing here knows about React.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ApiError } from '../../shared/api/client';
import type { SnapshotTick } from '../../shared/api/requests-snapshot';
import type { Snapshot } from '../../shared/snapshot';
import type { Api } from '../api/api';
import { initialAppState, reduceAppState, type AppAction, type AppState } from './app-state';
import { createSnapshotAssembler, type SnapshotAssembler } from './snapshot-assembly';

export type AppStore = StoreApi<AppState>;

export function createAppStore(state: AppState = initialAppState('reconnecting')): AppStore {
  return createStore<AppState>()(() => state);
}

/** Applies one action; zustand skips notifying when the reducer returns the same object. */
export function dispatch(store: AppStore, action: AppAction): void {
  store.setState((state) => reduceAppState(state, action), true);
}

/**
 * Feeds the store from the Api. On each (re)connect it asks the core about itself, its fleet, the
 * latest snapshot and the current health, since events sent while disconnected are lost. The
 * snapshot comes one node per message (`snapshot.node`, then the `snapshot.new` marker); the
 * store holds it once every node of a tick is here (snapshot-assembly.ts).
 */
export function bindApiToStore(api: Api, store: AppStore): () => void {
  const assembler = createSnapshotAssembler();
  const changed = (connection: AppState['connection']): void => {
    dispatch(store, { type: 'connectionChanged', connection });
    if (connection === 'connected') {
      void loadCoreFacts(api, store);
      void loadPlantState(api, store, assembler);
    }
  };
  const stops = [
    api.onConnectionState(changed),
    api.on('core.heartbeat', ({ at }) => dispatch(store, { type: 'heartbeat', at })),
    api.on('fleet.changed', (fleet) => dispatch(store, { type: 'fleetLoaded', fleet })),
    api.on('snapshot.node', (part) => receiveSnapshot(store, assembler.addPart(part))),
    api.on('snapshot.new', (tick) => receiveSnapshot(store, assembler.addTick(tick))),
    api.on('health.changed', (health) => dispatch(store, { type: 'healthReceived', health })),
  ];

  changed(api.connectionState);
  return () => stops.forEach((stop) => stop());
}

async function loadCoreFacts(api: Api, store: AppStore): Promise<void> {
  const [appInfo, fleet] = await Promise.allSettled([
    api.call('app.info', {}),
    api.call('fleet.summary', {}),
  ]);

  if (appInfo.status === 'fulfilled') {
    dispatch(store, { type: 'appInfoLoaded', appInfo: appInfo.value });
  } else reportFailure(store, 'app.info', appInfo.reason);

  if (fleet.status === 'fulfilled') dispatch(store, { type: 'fleetLoaded', fleet: fleet.value });
  else reportFailure(store, 'fleet.summary', fleet.reason);
}

function receiveSnapshot(store: AppStore, snapshot: Snapshot | null): void {
  if (snapshot) dispatch(store, { type: 'snapshotReceived', snapshot, receivedAtMs: Date.now() });
}

async function loadPlantState(
  api: Api,
  store: AppStore,
  assembler: SnapshotAssembler,
): Promise<void> {
  // The health answer is applied the moment it arrives: held back until the snapshot's nodes
  // were in, it overwrote the health.changed events that came meanwhile, and a channel that
  // came up then showed "unknown" until its next change.
  const health = api.call('health.current', {}).then(
    (value) => dispatch(store, { type: 'healthReceived', health: value }),
    (reason: unknown) => reportFailure(store, 'health.current', reason),
  );
  const tick = await api.call('snapshot.latest', {}).then(
    (value) => ({ ok: true as const, value }),
    (reason: unknown) => ({ ok: false as const, reason }),
  );
  if (!tick.ok) reportFailure(store, 'snapshot.latest', tick.reason);
  else if (tick.value && !holdsTick(store.getState(), tick.value)) {
    receiveSnapshot(store, assembler.addTick(tick.value));
    await loadSnapshotNodes(api, store, assembler, tick.value);
  }
  await health;
}

/** Whether the held snapshot is this tick's or a later one: then no node needs asking for. */
function holdsTick(state: AppState, tick: SnapshotTick): boolean {
  const held = state.snapshot;
  if (held === null || held.deployment !== tick.deployment) return false;
  return Date.parse(held.takenAt) >= Date.parse(tick.takenAt);
}

/**
 * Asks for every node of the tick at once. A node may answer from a newer tick (one came in
 * between); its part then joins that tick, whose own events complete it.
 */
async function loadSnapshotNodes(
  api: Api,
  store: AppStore,
  assembler: SnapshotAssembler,
  tick: SnapshotTick,
): Promise<void> {
  const answers = await Promise.allSettled(
    tick.nodes.map(async (node) => {
      const part = await api.call('snapshot.node', { node });
      if (part) receiveSnapshot(store, assembler.addPart(part));
    }),
  );
  const failed = answers.filter((answer) => answer.status === 'rejected');
  // One problem for the lot: a core that fails one node fails most of them the same way.
  if (failed[0]) {
    const nodes = `${failed.length} of ${tick.nodes.length} nodes`;
    reportFailure(store, `snapshot.node (${nodes})`, failed[0].reason);
  }
}

function reportFailure(store: AppStore, method: string, reason: unknown): void {
  const detail = reason instanceof ApiError ? `${reason.code}: ${reason.message}` : String(reason);
  const problem = { atMs: Date.now(), text: `${method} failed (${detail})` };
  dispatch(store, { type: 'problem', problem });
}
