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
}

/** The global the preload defines in the desktop app; absent in browser mode. */
export const BRIDGE_GLOBAL = 'controlRoom';
