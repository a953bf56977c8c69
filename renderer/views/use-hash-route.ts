// Hash routing (`#/nodes`): works from a file, from the core's server and inside Electron alike,
// and needs no server-side routes.
import { useSyncExternalStore } from 'react';
import { viewFromHash, type ViewId } from './view-table';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): ViewId {
  return useSyncExternalStore(subscribe, () => viewFromHash(window.location.hash));
}

/** The raw hash, for effects that follow every navigation, even to the view already shown. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
