// A Pipe over one `ws` WebSocket: the browser-mode transport, also used by Node clients in tests.
import type { RawData, WebSocket } from 'ws';
import { PipeListeners, type Pipe } from '../../shared/api/pipe';
import { MAX_MESSAGE_BYTES } from '../../shared/api/protocol';

/** Wraps an open socket. Binary frames become text the protocol layer refuses. */
export function createWebSocketPipe(socket: WebSocket): Pipe {
  const listeners = new PipeListeners();

  socket.on('message', (data: RawData, isBinary: boolean) => {
    // Binary frames are not protocol messages; hand the router something it will refuse politely.
    listeners.deliver(isBinary ? '<binary frame>' : rawDataToText(data));
  });
  socket.on('close', (code, reason) =>
    listeners.finish(`socket closed (${code} ${reason.toString()})`.trim()),
  );
  socket.on('error', (error) => listeners.finish(`socket error: ${error.message}`));

  return {
    send(text) {
      if (listeners.closed || socket.readyState !== socket.OPEN) return;
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

function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/**
 * Frames larger than this are cut by `ws` itself before they are buffered whole; a little above the
 * protocol limit so that oversized-but-sane messages still get a TOO_LARGE reply, not a close.
 */
export const WEBSOCKET_MAX_PAYLOAD_BYTES = MAX_MESSAGE_BYTES * 4;
