// Desktop mode's Api: the preload's bridge already owns the connection to the core, so this only
// turns its `{ ok:false, error }` replies back into ApiError and tracks the reported state.
import type { ControlRoomBridge, Reply } from '../../shared/api/bridge';
import { ApiError } from '../../shared/api/client';
import type {
  ArgsOf,
  EventName,
  PayloadOf,
  RequestName,
  ResultOf,
} from '../../shared/api/contract';
import type { Api, ConnectionState } from './api';
import { StateListeners } from './listeners';

export function createDesktopApi(bridge: ControlRoomBridge): Api {
  return new DesktopApi(bridge);
}

class DesktopApi implements Api {
  private state: ConnectionState = 'reconnecting';
  private stateReported = false;
  private readonly states = new StateListeners<ConnectionState>();
  private readonly stopWatchingState: () => void;

  constructor(private readonly bridge: ControlRoomBridge) {
    this.stopWatchingState = bridge.onConnectionState((state) => {
      this.stateReported = true;
      this.setState(state);
    });
    // The bridge reports changes only; one answered ping proves the core is there now.
    void this.call('app.ping', { echo: '' }).then(
      () => !this.stateReported && this.setState('connected'),
      () => undefined, // Not there yet: the bridge will report when it is.
    );
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  async call<N extends RequestName>(method: N, args: ArgsOf<N>): Promise<ResultOf<N>> {
    const request = this.bridge.requests[method] as (
      args: ArgsOf<N>,
    ) => Promise<Reply<ResultOf<N>>>;
    const reply = await request(args);
    if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message, method);
    return reply.value;
  }

  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void {
    return this.bridge.on(name, listener);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    return this.states.add(listener);
  }

  close(): void {
    this.stopWatchingState();
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.states.emit(state);
  }
}
