// The client side of the contract: typed calls with timeouts, typed event subscriptions.
// Used by the renderer (over WebSocket or the preload), by tests and by the CLI.
import { ZodError } from 'zod';
import {
  events as eventSchemas,
  isEventName,
  requests,
  type ArgsOf,
  type EventName,
  type PayloadOf,
  type RequestName,
  type ResultOf,
} from './contract';
import type { Pipe } from './pipe';
import {
  DEFAULT_CALL_TIMEOUT_MS,
  MAX_MESSAGE_BYTES,
  byteLength,
  decodeMessage,
  describeIssues,
  encodeMessage,
  type ErrorCode,
  type ResponseMessage,
} from './protocol';

/** A failed call: `code` (a protocol error code) for programs, `message` for people. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly method?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallOptions {
  timeoutMs?: number;
}

export interface ClientOptions {
  timeoutMs?: number;
  /** Told about messages the client could not use (bad shape, unknown event, no matching call). */
  onProblem?: (problem: string) => void;
}

interface Pending {
  method: RequestName;
  resolve: (value: unknown) => void;
  reject: (error: ApiError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface ApiClient {
  call<N extends RequestName>(
    method: N,
    args: ArgsOf<N>,
    options?: CallOptions,
  ): Promise<ResultOf<N>>;
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void;
  /** Number of calls still waiting for an answer. */
  readonly pendingCount: number;
  readonly closed: boolean;
  close(): void;
}

/** Wraps one pipe end. When it closes, every pending call is rejected with DISCONNECTED at once. */
export function createClient(pipe: Pipe, options: ClientOptions = {}): ApiClient {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const problem = options.onProblem ?? (() => undefined);
  let nextId = 1;

  const settle = (id: number): Pending | undefined => {
    const entry = pending.get(id);
    if (!entry) return undefined;
    pending.delete(id);
    clearTimeout(entry.timer);
    return entry;
  };

  const handleResponse = (message: ResponseMessage): void => {
    const entry = message.id === null ? undefined : settle(message.id);
    if (!entry) {
      const detail = message.ok ? 'a value' : `${message.error.code}: ${message.error.message}`;
      problem(`response ${String(message.id)} matches no pending call (${detail})`);
      return;
    }
    if (!message.ok) {
      entry.reject(new ApiError(message.error.code, message.error.message, entry.method));
      return;
    }
    const checked = requests[entry.method].result.safeParse(message.value);
    if (checked.success) entry.resolve(checked.data);
    else entry.reject(new ApiError('INVALID_RESULT', describeIssues(checked.error), entry.method));
  };

  const handleEvent = (name: string, payload: unknown): void => {
    if (!isEventName(name)) return problem(`unknown event ${name}`);
    const checked = eventSchemas[name].safeParse(payload);
    if (!checked.success)
      return problem(`event ${name} has the wrong shape: ${describeIssues(checked.error)}`);
    for (const listener of listeners.get(name) ?? [])
      (listener as (value: unknown) => void)(checked.data);
  };

  pipe.onMessage((text) => {
    const decoded = decodeMessage(text);
    if (!decoded.ok) return problem(`${decoded.error.code}: ${decoded.error.message}`);
    const message = decoded.message;
    if (message.kind === 'response') handleResponse(message);
    else if (message.kind === 'event') handleEvent(message.name, message.payload);
    else problem(`clients do not accept requests (got ${message.method})`);
  });

  pipe.onClose((reason) => {
    for (const id of [...pending.keys()]) {
      settle(id)?.reject(new ApiError('DISCONNECTED', `the core went away (${reason})`));
    }
  });

  return {
    call(method, args, callOptions = {}) {
      return new Promise((resolve, reject) => {
        if (pipe.closed)
          return reject(new ApiError('DISCONNECTED', 'not connected to the core', method));
        const validated = validateArgs(method, args);
        if (validated instanceof ApiError) return reject(validated);

        const id = nextId++;
        const text = encodeMessage({ kind: 'request', id, method, args: validated });
        if (byteLength(text) > MAX_MESSAGE_BYTES) {
          return reject(
            new ApiError('TOO_LARGE', `request exceeds ${MAX_MESSAGE_BYTES} bytes`, method),
          );
        }
        const timeoutMs = callOptions.timeoutMs ?? defaultTimeoutMs;
        const timer = setTimeout(() => {
          settle(id)?.reject(
            new ApiError('TIMEOUT', `${method} got no answer in ${timeoutMs} ms`, method),
          );
        }, timeoutMs);
        pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
        pipe.send(text);
      });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    get pendingCount() {
      return pending.size;
    },
    get closed() {
      return pipe.closed;
    },
    close() {
      pipe.close('client closed');
    },
  };
}

function validateArgs(method: RequestName, args: unknown): unknown {
  try {
    return requests[method].args.parse(args);
  } catch (error) {
    if (error instanceof ZodError)
      return new ApiError('INVALID_ARGS', describeIssues(error), method);
    throw error;
  }
}
