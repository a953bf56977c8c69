// A pipe carries message text between a client and the core. Three implementations share it:
// the in-memory pair below (tests), WebSocket (browser mode) and Electron MessagePort (desktop).

/** One end of a bidirectional, ordered text channel. */
export interface Pipe {
  /** Sends one message; silently dropped (and counted by the caller) once the pipe is closed. */
  send(text: string): void;
  /** Registers the listener for incoming text; returns a function that removes it. */
  onMessage(listener: (text: string) => void): () => void;
  /** Called once when either end closes or the transport fails. */
  onClose(listener: (reason: string) => void): () => void;
  close(reason?: string): void;
  readonly closed: boolean;
}

/** Shared bookkeeping for pipe implementations: listener sets and a close that fires once. */
export class PipeListeners {
  private readonly messageListeners = new Set<(text: string) => void>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  closed = false;

  onMessage(listener: (text: string) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    if (this.closed) {
      queueMicrotask(() => listener('closed'));
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  deliver(text: string): void {
    if (this.closed) return;
    for (const listener of this.messageListeners) listener(text);
  }

  /** Marks the pipe closed and tells the listeners; later calls do nothing. */
  finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener(reason);
    this.closeListeners.clear();
    this.messageListeners.clear();
  }
}

/**
 * Two connected in-memory ends. Delivery is asynchronous (a microtask), like a real transport,
 * so tests exercise the same interleavings as WebSocket and MessagePort.
 */
export function createMemoryPipePair(): [Pipe, Pipe] {
  const left = new PipeListeners();
  const right = new PipeListeners();
  const end = (own: PipeListeners, peer: PipeListeners): Pipe => ({
    send(text) {
      if (own.closed) return;
      queueMicrotask(() => peer.deliver(text));
    },
    onMessage: (listener) => own.onMessage(listener),
    onClose: (listener) => own.onClose(listener),
    close(reason = 'closed') {
      queueMicrotask(() => {
        own.finish(reason);
        peer.finish(reason);
      });
    },
    get closed() {
      return own.closed;
    },
  });
  return [end(left, right), end(right, left)];
}
