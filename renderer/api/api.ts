// The one interface the rest of the renderer uses to reach the core, whichever pipe is underneath:
// the desktop preload's bridge or a WebSocket in browser mode.
import type { ConnectionState } from '../../shared/api/bridge';
import type {
  ArgsOf,
  EventName,
  PayloadOf,
  RequestName,
  ResultOf,
} from '../../shared/api/contract';

export type { ConnectionState };

export interface Api {
  /** Calls a contract request. Rejects with ApiError (code DISCONNECTED while the core is away). */
  call<N extends RequestName>(method: N, args: ArgsOf<N>): Promise<ResultOf<N>>;
  /** Listens to a pushed event; survives reconnections. Returns a function that stops listening. */
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void;
  /** The state now, for the first render before any change is reported. */
  readonly connectionState: ConnectionState;
  /** Told each time the connection state changes. Returns a function that stops listening. */
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
  /** Closes the connection for good; no more reconnecting. */
  close(): void;
}
