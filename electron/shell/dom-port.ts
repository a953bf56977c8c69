// Adapts the renderer's DOM MessagePort to the MessagePortMain shape, so the preload reuses the
// core's port pipe instead of a second implementation. Electron adds a 'close' event to DOM
// MessagePorts, fired when the other end (the core) goes away.
import type { MessagePortMainLike } from '../core/port-pipe';

/** The part of a DOM MessagePort the preload uses (Node's worker_threads ports share it). */
export interface DomMessagePortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
  start(): void;
  close(): void;
}

export function adaptDomPort(port: DomMessagePortLike): MessagePortMainLike {
  return {
    postMessage: (message) => port.postMessage(message),
    on(event: 'message' | 'close', listener: (event: { data: unknown }) => void) {
      if (event === 'message') port.addEventListener('message', listener);
      else port.addEventListener('close', listener as () => void);
      return undefined;
    },
    start: () => port.start(),
    close: () => port.close(),
  };
}
