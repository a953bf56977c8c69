// Wall-display mode: the views a supervisor glances at cycle by themselves.
import { useEffect } from 'react';
import { usePreference } from '../preferences/preferences-store';
import { hashForView, type ViewId } from '../views/view-table';

export const WALL_VIEWS: readonly ViewId[] = ['overview', 'gpus', 'containers', 'findings'];
export const WALL_CYCLE_MS = 20_000;

/** The view after `current` in the wall cycle; the first one from a view outside it. */
export function nextWallView(current: ViewId): ViewId {
  const index = WALL_VIEWS.indexOf(current);
  return WALL_VIEWS[(index + 1) % WALL_VIEWS.length] ?? 'overview';
}

export function useWallDisplayCycle(view: ViewId): void {
  const wallDisplay = usePreference('wallDisplay');
  useEffect(() => {
    if (!wallDisplay) return;
    const timer = window.setTimeout(() => {
      window.location.hash = hashForView(nextWallView(view));
    }, WALL_CYCLE_MS);
    return () => window.clearTimeout(timer);
  }, [wallDisplay, view]);
}
