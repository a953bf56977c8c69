// A Pipe over the browser's WebSocket: the browser-mode transport. Opening resolves once the socket
// is open; a socket that fails or hangs before that rejects, and the caller decides when to retry.
import { PipeListeners, type Pipe } from '../../shared/api/pipe';

/** A socket that has not opened after this long is given up on, in milliseconds. */
export const CONNECT_TIMEOUT_MS = 3_000;

export function openWebSocketPipe(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<Pipe> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer in ${timeoutMs} ms`));
    }, timeoutMs);

    socket.onopen = () => {
      clearTimeout(timer);
      resolve(wrapOpenSocket(socket));
    };
    socket.onclose = (event) => {
      clearTimeout(timer);
      reject(new Error(`socket closed before opening (${event.code})`));
    };
  });
}

function wrapOpenSocket(socket: WebSocket): Pipe {
  const listeners = new PipeListeners();

  // Binary frames are not protocol messages; hand the client text it will refuse and count.
  socket.onmessage = (event: MessageEvent<unknown>) =>
    listeners.deliver(typeof event.data === 'string' ? event.data : '<binary frame>');
  socket.onclose = (event) =>
    listeners.finish(`socket closed (${event.code} ${event.reason})`.trim());
  socket.onerror = () => listeners.finish('socket error');

  return {
    send(text) {
      if (listeners.closed || socket.readyState !== WebSocket.OPEN) return;
      socket.send(text);
    },
    onMessage: (listener) => listeners.onMessage(listener),
    onClose: (listener) => listeners.onClose(listener),
    close(reason = 'closed') {
      socket.close(1000, reason.slice(0, 120));
      listeners.finish(reason);
    },
    get closed() {
      return listeners.closed;
    },
  };
}
