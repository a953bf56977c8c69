// What the desktop preload puts on `window.controlRoom`: one named function per contract request,
// event subscription by contract name, and the connection state. Never a generic invoke(channel).
import type { ArgsOf, EventName, PayloadOf, RequestName, ResultOf } from './contract';
import type { WireError } from './protocol';

/** How the renderer is connected to the core; the indicator in the header shows it. */
export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

/**
 * A call's outcome as plain data. Errors cross Electron's context bridge as data because
 * Error subclasses lose their fields on the way.
 */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: WireError };

export type BridgeRequests = {
  [N in RequestName]: (args: ArgsOf<N>) => Promise<Reply<ResultOf<N>>>;
};

export interface ControlRoomBridge {
  readonly requests: BridgeRequests;
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void;
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
  /**
   * Bundles the operator opened with the app (double-click, "Open with", a second start with a
   * path): the absolute path of each, for the page to open a review (`review.open`). A bundle
   * opened before the page subscribed is handed to its first listener.
   */
  onOpenBundle(listener: (path: string) => void): () => void;
  /**
   * Desktop alerting (electron/shell/notifications.ts): a WARNING raised as an Electron
   * notification, and the count still unacknowledged on the app's icon. Absent in browser mode,
   * where the page uses web notifications and its title and favicon instead.
   */
  readonly alerts?: DesktopAlerts;
}

/** One notification for the desktop; `tag` names the finding, so a repeat replaces it. */
export interface DesktopAlert {
  title: string;
  body: string;
  tag: string;
}

export interface DesktopAlerts {
  notify(alert: DesktopAlert): void;
  setBadgeCount(count: number): void;
}

/** The global the preload defines in the desktop app; absent in browser mode. */
export const BRIDGE_GLOBAL = 'controlRoom';
