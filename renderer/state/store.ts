// The renderer's one store: zustand vanilla, fed by the Api (events and connection state) and read
// by React through narrow selectors. Nothing here knows about React.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ApiError } from '../../shared/api/client';
import type { Api } from '../api/api';
import { initialAppState, reduceAppState, type AppAction, type AppState } from './app-state';

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
 * latest snapshot and the current health, since events sent while disconnected are lost.
 */
export function bindApiToStore(api: Api, store: AppStore): () => void {
  const changed = (connection: AppState['connection']): void => {
    dispatch(store, { type: 'connectionChanged', connection });
    if (connection === 'connected') {
      void loadCoreFacts(api, store);
      void loadPlantState(api, store);
    }
  };
  const stops = [
    api.onConnectionState(changed),
    api.on('core.heartbeat', ({ at }) => dispatch(store, { type: 'heartbeat', at })),
    api.on('fleet.changed', (fleet) => dispatch(store, { type: 'fleetLoaded', fleet })),
    api.on('snapshot.new', (snapshot) => {
      dispatch(store, { type: 'snapshotReceived', snapshot, receivedAtMs: Date.now() });
    }),
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

async function loadPlantState(api: Api, store: AppStore): Promise<void> {
  const [snapshot, health] = await Promise.allSettled([
    api.call('snapshot.latest', {}),
    api.call('health.current', {}),
  ]);

  if (snapshot.status === 'rejected') reportFailure(store, 'snapshot.latest', snapshot.reason);
  else if (snapshot.value) {
    const receivedAtMs = Date.now();
    dispatch(store, { type: 'snapshotReceived', snapshot: snapshot.value, receivedAtMs });
  }

  if (health.status === 'fulfilled') {
    dispatch(store, { type: 'healthReceived', health: health.value });
  } else reportFailure(store, 'health.current', health.reason);
}

function reportFailure(store: AppStore, method: string, reason: unknown): void {
  const detail = reason instanceof ApiError ? `${reason.code}: ${reason.message}` : String(reason);
  const problem = { atMs: Date.now(), text: `${method} failed (${detail})` };
  dispatch(store, { type: 'problem', problem });
}
