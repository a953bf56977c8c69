// Bundles the operator opened with the desktop app (double-click, "Open with", a second start
// with a path) arrive through `window.controlRoom.onOpenBundle`; the preload keeps one that came
// before this hook subscribed. Browser mode has no bridge: nothing ever arrives there.
import { useEffect, useRef } from 'react';
import { BRIDGE_GLOBAL, type ControlRoomBridge } from '../../../shared/api/bridge';

/** Calls `onOpen` with the absolute path of each bundle opened with the app. */
export function useOpenedBundle(onOpen: (path: string) => void): void {
  // The latest callback, so a caller may pass a new function on every render.
  const latest = useRef(onOpen);
  useEffect(() => {
    latest.current = onOpen;
  });

  useEffect(() => {
    const bridge = (window as unknown as Record<string, ControlRoomBridge | undefined>)[
      BRIDGE_GLOBAL
    ];
    if (!bridge) return;
    return bridge.onOpenBundle((path) => latest.current(path));
  }, []);
}
