// The preload's half of "open a bundle with the app": the main process sends each opened
// bundle's path on OPEN_BUNDLE_CHANNEL, and the page subscribes with
// `window.controlRoom.onOpenBundle`. A path that arrives before the page has subscribed (the
// main process sends it as soon as the page has loaded, before React has mounted) is kept and
// handed to the first listener, so a bundle double-clicked to start the app is never lost.
// Runs in the sandboxed preload: no Node modules, no Electron import.

/** Longest path taken; the same limit as open-bundle.ts and the contract's `review.open`. */
export const MAX_OPENED_PATH_CHARS = 4096;

export interface OpenedBundles {
  /** What the preload calls with each payload of OPEN_BUNDLE_CHANNEL. */
  receive(payload: unknown): void;
  /** What the page calls; returns the function that stops listening. */
  onOpenBundle(listener: (path: string) => void): () => void;
}

export function createOpenedBundles(reportProblem: (problem: string) => void): OpenedBundles {
  const listeners = new Set<(path: string) => void>();
  /** The latest path no listener has heard yet; an older one is replaced, not queued. */
  let pending: string | null = null;

  const deliver = (listener: (path: string) => void, path: string): void => {
    try {
      listener(path);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reportProblem(`open-bundle listener threw: ${message}`);
    }
  };

  const receive = (payload: unknown): void => {
    if (typeof payload !== 'string' || payload.length === 0) {
      return reportProblem('open-bundle arrived without a path');
    }
    if (payload.length > MAX_OPENED_PATH_CHARS) {
      return reportProblem(`open-bundle path longer than ${MAX_OPENED_PATH_CHARS} characters`);
    }
    if (listeners.size === 0) {
      pending = payload;
      return;
    }
    for (const listener of [...listeners]) deliver(listener, payload);
  };

  const onOpenBundle = (listener: (path: string) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onOpenBundle needs a function');
    listeners.add(listener);
    if (pending !== null) {
      const path = pending;
      pending = null;
      deliver(listener, path);
    }
    return () => void listeners.delete(listener);
  };

  return { receive, onOpenBundle };
}
