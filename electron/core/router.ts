// The core's side of the contract: reads requests from any number of pipes, validates them,
// runs the handler and answers. Nothing a client sends can crash it: every fault becomes
// an error reply.
import {
  events as eventSchemas,
  isRequestName,
  requests,
  type EventName,
  type ParsedArgsOf,
  type PayloadOf,
  type RequestName,
  type ResultOf,
} from '../../shared/api/contract';
import type { Pipe } from '../../shared/api/pipe';
import {
  byteLength,
  decodeMessage,
  describeIssues,
  encodeMessage,
  MAX_MESSAGE_BYTES,
  salvageRequestId,
  type ErrorCode,
  type ResponseMessage,
} from '../../shared/api/protocol';
import type { Logger } from '../log';

/** Thrown by a handler to answer with a specific code instead of INTERNAL. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export type Handlers = {
  [N in RequestName]: (args: ParsedArgsOf<N>) => Promise<ResultOf<N>> | ResultOf<N>;
};

export interface Router {
  /** Starts answering requests that arrive on this pipe; returns a function that detaches it. */
  attach(pipe: Pipe): () => void;
  /** Sends an event to every attached pipe after checking it against the contract. */
  broadcast<E extends EventName>(name: E, payload: PayloadOf<E>): void;
  /** Stops answering every attached pipe without closing them (shutdown, tests of silence). */
  detachAll(): void;
  readonly pipeCount: number;
}

export function createRouter(handlers: Handlers, log: Logger): Router {
  const pipes = new Set<Pipe>();
  const detachers = new Map<Pipe, () => void>();

  const reply = (pipe: Pipe, message: ResponseMessage): void => {
    let text = encodeMessage(message);
    if (byteLength(text) > MAX_MESSAGE_BYTES) {
      log.error({ id: message.id }, 'result too large to send');
      text = encodeMessage(
        errorReply(message.id, 'TOO_LARGE', `result exceeds ${MAX_MESSAGE_BYTES} bytes`),
      );
    }
    if (!pipe.closed) pipe.send(text);
  };

  const handle = async (pipe: Pipe, text: string): Promise<void> => {
    const decoded = decodeMessage(text);
    if (!decoded.ok) {
      const id =
        typeof text === 'string' && decoded.error.code !== 'TOO_LARGE'
          ? salvageRequestId(text)
          : null;
      log.warn({ code: decoded.error.code }, `refused a message: ${decoded.error.message}`);
      return reply(pipe, errorReply(id, decoded.error.code, decoded.error.message));
    }
    const message = decoded.message;
    if (message.kind !== 'request') {
      return reply(
        pipe,
        errorReply(null, 'BAD_MESSAGE', `the core accepts only requests, got ${message.kind}`),
      );
    }
    reply(pipe, await run(message.id, message.method, message.args));
  };

  const run = async (id: number, method: string, rawArgs: unknown): Promise<ResponseMessage> => {
    if (!isRequestName(method))
      return errorReply(id, 'UNKNOWN_METHOD', `no method named ${method}`);
    const args = requests[method].args.safeParse(rawArgs);
    if (!args.success)
      return errorReply(id, 'INVALID_ARGS', `${method}: ${describeIssues(args.error)}`);
    try {
      const handler = handlers[method] as (value: unknown) => unknown;
      const value: unknown = await handler(args.data);
      const checked = requests[method].result.safeParse(value);
      if (checked.success) return { kind: 'response', id, ok: true, value: checked.data };
      log.error(
        { method, issues: describeIssues(checked.error) },
        'handler returned a value outside the contract',
      );
      return errorReply(id, 'INVALID_RESULT', `${method} produced a result outside the contract`);
    } catch (error) {
      if (error instanceof CoreError) return errorReply(id, error.code, error.message);
      log.error({ method, err: error }, 'handler failed');
      return errorReply(
        id,
        'INTERNAL',
        `${method} failed: ${(error as Error)?.message ?? String(error)}`,
      );
    }
  };

  return {
    attach(pipe) {
      pipes.add(pipe);
      const stopMessages = pipe.onMessage((text) => {
        handle(pipe, text).catch((error: unknown) =>
          log.error({ err: error }, 'request handling failed'),
        );
      });
      const stopClose = pipe.onClose(() => detach());
      const detach = () => {
        stopMessages();
        stopClose();
        pipes.delete(pipe);
        detachers.delete(pipe);
      };
      detachers.set(pipe, detach);
      return detach;
    },
    detachAll() {
      for (const detach of [...detachers.values()]) detach();
    },
    broadcast(name, payload) {
      const checked = eventSchemas[name].safeParse(payload);
      if (!checked.success) {
        log.error(
          { event: name, issues: describeIssues(checked.error) },
          'event outside the contract not sent',
        );
        return;
      }
      const text = encodeMessage({ kind: 'event', name, payload: checked.data });
      for (const pipe of pipes) if (!pipe.closed) pipe.send(text);
    },
    get pipeCount() {
      return pipes.size;
    },
  };
}

function errorReply(id: number | null, code: ErrorCode, message: string): ResponseMessage {
  return { kind: 'response', id, ok: false, error: { code, message } };
}
