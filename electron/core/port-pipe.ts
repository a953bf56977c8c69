// A Pipe over one Electron MessagePortMain: the desktop transport between the core (a utility
// process) and the renderer. Plain Node: the port is described by its shape, not imported.
import { PipeListeners, type Pipe } from '../../shared/api/pipe';

/** What a MessagePortMain delivers to its 'message' listeners. */
export interface PortMessageEvent {
  data: unknown;
}

/** The part of Electron's MessagePortMain this pipe uses. */
export interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: PortMessageEvent) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** Stands in for a message that is not text, so the router refuses it with BAD_MESSAGE. */
export const NON_TEXT_MESSAGE = '<non-text message>';

/** Wraps a port and starts it; messages queued on the port before this call are delivered. */
export function createPortPipe(port: MessagePortMainLike): Pipe {
  const listeners = new PipeListeners();

  port.on('message', (event) => {
    listeners.deliver(typeof event.data === 'string' ? event.data : NON_TEXT_MESSAGE);
  });
  port.on('close', () => listeners.finish('port closed by the other end'));
  port.start();

  return {
    send(text) {
      if (listeners.closed) return;
      port.postMessage(text);
    },
    onMessage: (listener) => listeners.onMessage(listener),
    onClose: (listener) => listeners.onClose(listener),
    close(reason = 'closed') {
      if (listeners.closed) return;
      port.close();
      listeners.finish(reason);
    },
    get closed() {
      return listeners.closed;
    },
  };
}
