// The thin React binding: components get the store from context and select narrowly from it.
import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import type { Api } from '../api/api';
import type { AppAction, AppState } from './app-state';
import { dispatch, type AppStore } from './store';

export const StoreContext = createContext<AppStore | null>(null);

/** Re-renders when the selected value changes (Object.is): select primitives or stable objects. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppState needs a StoreContext provider');
  return useStore(store, selector);
}

/** The Api, for views that ask the core on demand (trends, findings); null in no provider. */
export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api | null {
  return useContext(ApiContext);
}

/** Dispatches to the store of the nearest provider. */
export function useDispatch(): (action: AppAction) => void {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useDispatch needs a StoreContext provider');
  return useCallback((action: AppAction) => dispatch(store, action), [store]);
}
