// Entry of the core when the desktop app runs it as an Electron utility process. The shell sends
// MessagePorts over `process.parentPort`; each becomes one more pipe into the same core.
// Plain Node: Electron's objects are described by their shape, never imported.
import { createCore, emptyFleet } from './core';
import { createPortPipe, type MessagePortMainLike } from './port-pipe';
import { createLogger } from '../log';
import { assembleLiveCore } from './assemble';
import { chooseFleet, type Watched } from './watched';
import type { Pipe } from '../../shared/api/pipe';

/** What the shell sends: a port for one renderer (in `ports`), or the order to stop. */
export type ShellToCoreMessage = { type: 'connect' } | { type: 'stop' };

/** What the core sends back: it is ready to take ports. */
export type CoreToShellMessage = { type: 'ready' };

/** The part of Electron's `process.parentPort` the core uses. */
export interface ParentPortLike {
  on(
    event: 'message',
    listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void,
  ): unknown;
  postMessage(message: CoreToShellMessage): void;
}

export interface UtilityCoreOptions {
  /** Ends the process; injected so tests can watch it. */
  exit: (code: number) => void;
  heartbeatIntervalMs?: number;
  /** What to watch; nothing (an empty fleet) when absent. */
  watched?: Watched;
  /** The fleet file `watched` was read from; Settings edits it and pins host keys in it. */
  fleetFile?: string;
  /** Record the watched fleet into the live archive in the data directory (docs/review.md). */
  record?: boolean;
}

export interface UtilityCore {
  /** Number of renderer pipes currently open. */
  readonly pipeCount: number;
  /** Stops the core and closes its pipes, without ending the process. */
  shutdown(): void;
}

/** Builds the core, answers the shell's messages and tells it the core is ready. */
export function runUtilityCore(
  parentPort: ParentPortLike,
  options: UtilityCoreOptions,
): UtilityCore {
  const log = createLogger('utility');
  const live = options.watched
    ? assembleLiveCore(options.watched, {
        mode: 'desktop',
        fleetFile: options.fleetFile,
        record: options.record ?? false,
        heartbeatIntervalMs: options.heartbeatIntervalMs,
      })
    : null;
  const core =
    live?.core ??
    createCore({
      mode: 'desktop',
      fleet: emptyFleet,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
    });
  live?.start();
  const pipes = new Set<Pipe>();

  const connect = (ports: MessagePortMainLike[]): void => {
    for (const port of ports) {
      const pipe = createPortPipe(port);
      pipes.add(pipe);
      core.router.attach(pipe);
      pipe.onClose((reason) => {
        pipes.delete(pipe);
        log.info({ reason, pipes: pipes.size }, 'renderer port closed');
      });
    }
    log.info({ pipes: pipes.size }, 'renderer port attached');
  };

  const shutdown = (): void => {
    void (live ? live.stop() : core.stop());
    for (const pipe of pipes) pipe.close('core stopped');
  };

  const stop = (): void => {
    log.info({ pipes: pipes.size }, 'stopping on request of the shell');
    shutdown();
    // Let the last log lines reach the file before the process ends.
    log.flush(() => options.exit(0));
  };

  parentPort.on('message', ({ data, ports }) => {
    const type = (data as { type?: unknown } | null)?.type;
    if (type === 'connect') connect(ports);
    else if (type === 'stop') stop();
    else log.warn({ type: String(type) }, 'ignored a message from the shell');
  });
  parentPort.postMessage({ type: 'ready' });
  return {
    get pipeCount() {
      return pipes.size;
    },
    shutdown,
  };
}

// Electron defines `process.parentPort` only inside a utility process.
const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  // The desktop app watches the fleet file named by CONTROL_ROOM_FLEET, else the demo plant.
  const fleetFile = process.env.CONTROL_ROOM_FLEET || undefined;
  const watched = chooseFleet({ fleet: fleetFile, demo: fleetFile === undefined });
  const exit = (code: number): void => process.exit(code);
  runUtilityCore(parentPort, { exit, watched, fleetFile, record: true });
} else {
  createLogger('utility').error(
    'no parent port: this file runs only as an Electron utility process',
  );
}
