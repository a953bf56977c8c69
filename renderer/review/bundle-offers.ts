// Bundles opened with the desktop app (double-click, "Open with") wait here for the Review view:
// the app takes them at any time, the view opens them when it is shown.
import { useEffect, useRef } from 'react';

let pending: string | null = null;
const listeners = new Set<(path: string) => void>();

/** Hands a bundle path to the Review view, now if it is shown, else when it next is. */
export function offerBundle(path: string): void {
  if (listeners.size === 0) pending = path;
  else listeners.forEach((listener) => listener(path));
}

export function useBundleOffers(onOffer: (path: string) => void): void {
  const latest = useRef(onOffer);
  useEffect(() => {
    latest.current = onOffer;
  });
  useEffect(() => {
    const listener = (path: string) => latest.current(path);
    listeners.add(listener);
    if (pending !== null) {
      const path = pending;
      pending = null;
      listener(path);
    }
    return () => {
      listeners.delete(listener);
    };
  }, []);
}
