// The operator's role and the action catalog, asked once per connection and shared by every
// component that shows actions (each finding of a long report, the Actions view), so a report of
// forty findings does not ask forty times. A role change anywhere refreshes them all.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { ResultOf } from '../../shared/api/contract';
import type { Api } from '../api/api';
import { tryCall, type Answer } from '../api/optional-call';
import { useApi, useAppState } from '../state/react';

type SharedMethod = 'role.current' | 'actions.catalog';

interface Entry<N extends SharedMethod> {
  answer: Answer<ResultOf<N>>;
  /** True until asked on the current connection; set again when the connection drops. */
  stale: boolean;
  round: number;
  listeners: Set<() => void>;
}

const entries = new WeakMap<Api, Map<SharedMethod, Entry<SharedMethod>>>();
const loading: Entry<SharedMethod> = {
  answer: { kind: 'loading' },
  stale: false,
  round: 0,
  listeners: new Set(),
};

function entryFor<N extends SharedMethod>(api: Api | null, method: N): Entry<N> {
  if (!api) return loading as Entry<N>;
  let perApi = entries.get(api);
  if (!perApi) {
    const created = new Map<SharedMethod, Entry<SharedMethod>>();
    entries.set(api, (perApi = created));
    // Every drop of the connection makes the answers stale, even with no view showing them: a
    // restarted core starts its operator as viewer again.
    api.onConnectionState((state) => {
      if (state !== 'connected') for (const entry of created.values()) entry.stale = true;
    });
  }
  let entry = perApi.get(method);
  if (!entry) {
    entry = { answer: { kind: 'loading' }, stale: true, round: 0, listeners: new Set() };
    perApi.set(method, entry);
  }
  return entry as Entry<N>;
}

function load<N extends SharedMethod>(api: Api, method: N): void {
  const entry = entryFor(api, method);
  entry.stale = false;
  const round = ++entry.round;
  void tryCall(api, method, {} as never).then((answer) => {
    // A newer ask (a role change) wins over an older answer still on its way.
    if (round !== entry.round) return;
    entry.answer = answer as Answer<ResultOf<N>>;
    for (const listener of entry.listeners) listener();
  });
}

function useShared<N extends SharedMethod>(
  method: N,
): { answer: Answer<ResultOf<N>>; refresh(): void } {
  const api = useApi();
  const connection = useAppState((state) => state.connection);
  const entry = entryFor(api, method);
  const subscribe = useCallback(
    (listener: () => void) => {
      entry.listeners.add(listener);
      return () => entry.listeners.delete(listener);
    },
    [entry],
  );
  const answer = useSyncExternalStore(subscribe, () => entry.answer);
  useEffect(() => {
    if (!api) return;
    if (connection === 'connected' && entryFor(api, method).stale) load(api, method);
  }, [api, connection, method]);
  const refresh = useCallback(() => {
    if (api) load(api, method);
  }, [api, method]);
  return { answer, refresh };
}

/** The operator's role, whether a PIN is set and whether actions can run in this session. */
export function useRole() {
  return useShared('role.current');
}

/** The action catalog: every action's risk, target kind, commands and checks. */
export function useCatalog() {
  return useShared('actions.catalog');
}
