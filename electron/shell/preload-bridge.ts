// The object the preload exposes as `window.controlRoom`, and the connection behind it. The
// request functions are generated from the contract's table, so a new request needs no edit here.
// Runs in the sandboxed preload: no Node modules, no Electron import (preload.ts wires those in).
import type { ConnectionState, ControlRoomBridge, Reply } from '../../shared/api/bridge';
import { ApiError, createClient, type ApiClient } from '../../shared/api/client';
import {
  eventNames,
  isEventName,
  requestNames,
  type ArgsOf,
  type EventName,
  type PayloadOf,
  type RequestName,
  type ResultOf,
} from '../../shared/api/contract';
import type { Pipe } from '../../shared/api/pipe';
import type { WireError } from '../../shared/api/protocol';

/** Answers one request by name; the generated bridge functions all go through it. */
type RequestCaller = <N extends RequestName>(
  name: N,
  args: ArgsOf<N>,
) => Promise<Reply<ResultOf<N>>>;

/** The bridge's parts that come from the connection to the core. */
export type ConnectionBridge = Omit<ControlRoomBridge, 'onOpenBundle'>;

export interface BridgeConnection {
  /** What the preload hands to contextBridge, with `onOpenBundle` (opened-bundles.ts) added. */
  readonly bridge: ConnectionBridge;
  /** Starts talking to the core over a new pipe, replacing (and closing) the previous one. */
  attach(pipe: Pipe): void;
  /** The core went away: closes the pipe, failing pending calls, and reports the new state. */
  detach(reason: string, state: Exclude<ConnectionState, 'connected'>): void;
  readonly state: ConnectionState;
}

/** Told about anything the bridge had to drop: unusable messages, listeners that threw. */
export type ProblemReporter = (problem: string) => void;

/** One function per contract request, each answering with a Reply envelope instead of throwing. */
export function generateRequests(call: RequestCaller): ControlRoomBridge['requests'] {
  const entries = requestNames.map((name) => [name, (args: never) => call(name, args)]);
  return Object.freeze(Object.fromEntries(entries)) as ControlRoomBridge['requests'];
}

/** Turns any failure of a call into the error half of a Reply. */
export function toWireError(error: unknown): WireError {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function createBridgeConnection(reportProblem: ProblemReporter): BridgeConnection {
  const events = createEventHub(reportProblem);
  const states = createStateHub(reportProblem);
  let current: { pipe: Pipe; client: ApiClient } | null = null;

  const call: RequestCaller = async (name, args) => {
    if (!current) return disconnectedReply();
    try {
      return { ok: true, value: await current.client.call(name, args) };
    } catch (error) {
      return { ok: false, error: toWireError(error) };
    }
  };

  const attach = (pipe: Pipe): void => {
    const previous = current;
    current = null;
    previous?.pipe.close('replaced by a new port');
    const client = createClient(pipe, { onProblem: reportProblem });
    for (const name of eventNames) client.on(name, (payload) => events.emit(name, payload));
    current = { pipe, client };
    pipe.onClose(() => {
      if (current?.pipe !== pipe) return;
      current = null;
      states.set('reconnecting');
    });
    states.set('connected');
  };

  const detach: BridgeConnection['detach'] = (reason, state) => {
    const previous = current;
    current = null;
    previous?.pipe.close(reason);
    states.set(state);
  };

  const bridge = {
    requests: generateRequests(call),
    on: events.on,
    onConnectionState: states.on,
  } satisfies ConnectionBridge;

  return {
    bridge: Object.freeze(bridge),
    attach,
    detach,
    get state() {
      return states.state;
    },
  };
}

function disconnectedReply(): Reply<never> {
  return { ok: false, error: { code: 'DISCONNECTED', message: 'not connected to the core' } };
}

type Listener<T> = (value: T) => void;

/** Event listeners by contract name; they outlive any one pipe, so a reconnect keeps them. */
function createEventHub(reportProblem: ProblemReporter) {
  const listeners = new Map<EventName, Set<Listener<never>>>();

  const on = <E extends EventName>(name: E, listener: Listener<PayloadOf<E>>): (() => void) => {
    if (typeof name !== 'string' || !isEventName(name)) {
      throw new TypeError(
        `unknown event ${String(name)}; the contract lists ${eventNames.join(', ')}`,
      );
    }
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(listener as Listener<never>);
    return () => void set.delete(listener as Listener<never>);
  };

  const emit = (name: EventName, payload: unknown): void => {
    for (const listener of listeners.get(name) ?? []) {
      safely(() => (listener as Listener<unknown>)(payload), `${name} listener`, reportProblem);
    }
  };

  return { on, emit };
}

/** The connection state and its listeners; a new listener hears the current state at once. */
function createStateHub(reportProblem: ProblemReporter) {
  const listeners = new Set<Listener<ConnectionState>>();
  // Until the first port arrives the page is waiting for the core, not cut off from it.
  let state: ConnectionState = 'reconnecting';

  const on = (listener: Listener<ConnectionState>): (() => void) => {
    listeners.add(listener);
    safely(() => listener(state), 'connection state listener', reportProblem);
    return () => void listeners.delete(listener);
  };

  const set = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of listeners) {
      safely(() => listener(next), 'connection state listener', reportProblem);
    }
  };

  return {
    on,
    set,
    get state() {
      return state;
    },
  };
}

function safely(run: () => void, what: string, reportProblem: ProblemReporter): void {
  try {
    run();
  } catch (error) {
    reportProblem(`${what} threw: ${error instanceof Error ? error.message : String(error)}`);
  }
}
