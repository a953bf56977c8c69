// Runs the core in an Electron utility process, restarts it when it dies, and gives every loaded
// renderer a fresh MessagePort to it on each (re)start. A hung probe can kill the core, never the
// window: the renderer sees 'reconnecting' and gets a new port when the core is back.
import {
  MessageChannelMain,
  utilityProcess,
  type UtilityProcess,
  type WebContents,
} from 'electron';
import type { CoreToShellMessage, ShellToCoreMessage } from '../core/utility-entry';
import { createLogger } from '../log';
import { CORE_DOWN_CHANNEL, CORE_PORT_CHANNEL, type CoreDownNotice } from './channels';
import { isAppUrl } from './protocol';

/** First restart delay after a crash, in milliseconds; it doubles with each crash in a row. */
export const FIRST_RESTART_DELAY_MS = 500;
/** The restart delay never grows beyond this, in milliseconds. */
export const MAX_RESTART_DELAY_MS = 30_000;
/** A core that ran this long before dying counts as healthy; its crash count starts over. */
export const STABLE_UPTIME_MS = 60_000;
/** How long a core may take to stop when asked before it is killed, in milliseconds. */
export const STOP_GRACE_MS = 3_000;

/** Delay before restart number `crashesInARow` (0 for the first crash). */
export function restartDelayMs(crashesInARow: number): number {
  return Math.min(FIRST_RESTART_DELAY_MS * 2 ** crashesInARow, MAX_RESTART_DELAY_MS);
}

/** The variables added to the core's environment at each fork: the stored secrets. */
export type CoreEnvironment = () => Record<string, string>;

export interface CoreSupervisor {
  /**
   * Starts the core process; call once the app is ready. `environment` is asked at every fork,
   * so a restart picks up secrets stored since (secrets-main.ts).
   */
  start(environment?: CoreEnvironment): void;
  /** Stops the running core and forks a new one at once, e.g. with a new secret. */
  restart(reason: string): Promise<void>;
  /** Gives this renderer a port after every page load and every core (re)start. */
  addRenderer(contents: WebContents): void;
  /** Asks the core to stop, kills it after the grace period; no restart follows. */
  stop(): Promise<void>;
  /** True once stop() was called. */
  readonly stopped: boolean;
}

interface Incarnation {
  child: UtilityProcess;
  startedAtMs: number;
  ready: boolean;
}

export function superviseCore(modulePath: string): CoreSupervisor {
  const log = createLogger('core-process');
  const renderers = new Set<WebContents>();
  // Renderers whose page has finished loading, so their preload is listening for a port.
  const loaded = new Set<WebContents>();
  let current: Incarnation | null = null;
  let stopping = false;
  let crashesInARow = 0;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  let environment: CoreEnvironment = () => ({});
  let restarting: Promise<void> | null = null;
  let started = false;

  const handOverPort = (contents: WebContents): void => {
    if (!current?.ready || contents.isDestroyed()) return;
    // The port is the whole contract: only the app's own page may hold one.
    if (!isAppUrl(contents.getURL())) {
      log.warn({ url: contents.getURL() }, 'refused a core port to a page that is not the app');
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    const connect: ShellToCoreMessage = { type: 'connect' };
    current.child.postMessage(connect, [port1]);
    contents.postMessage(CORE_PORT_CHANNEL, null, [port2]);
    log.info({ renderer: contents.id }, 'handed a core port to a renderer');
  };

  const notifyDown = (notice: CoreDownNotice): void => {
    for (const contents of renderers) {
      if (!contents.isDestroyed()) contents.send(CORE_DOWN_CHANNEL, notice);
    }
  };

  const onExit = (incarnation: Incarnation, code: number): void => {
    if (current !== incarnation) return;
    current = null;
    if (stopping) return log.info({ code }, 'core stopped');

    const uptimeMs = Date.now() - incarnation.startedAtMs;
    if (uptimeMs >= STABLE_UPTIME_MS) crashesInARow = 0;
    const delayMs = restartDelayMs(crashesInARow);
    crashesInARow += 1;
    log.error({ code, uptimeMs, restartInMs: delayMs, crashesInARow }, 'core exited; restarting');
    notifyDown({ reason: `the core exited with code ${code}`, restartInMs: delayMs });
    restartTimer = setTimeout(spawn, delayMs);
  };

  const onMessage = (incarnation: Incarnation, message: CoreToShellMessage): void => {
    if (message?.type !== 'ready' || incarnation.ready) return;
    incarnation.ready = true;
    log.info({ pid: incarnation.child.pid }, 'core ready');
    for (const contents of loaded) handOverPort(contents);
  };

  function spawn(): void {
    restartTimer = undefined;
    const child = utilityProcess.fork(modulePath, [], {
      serviceName: 'VisionKing Control Room core',
      stdio: 'inherit',
      // The fleet file's secret variables, as `control-room serve` would find them exported.
      env: { ...process.env, ...environment() },
    });
    const incarnation: Incarnation = { child, startedAtMs: Date.now(), ready: false };
    current = incarnation;
    child.on('message', (message: CoreToShellMessage) => onMessage(incarnation, message));
    child.on('exit', (code) => onExit(incarnation, code));
  }

  const addRenderer = (contents: WebContents): void => {
    renderers.add(contents);
    contents.on('did-start-loading', () => loaded.delete(contents));
    contents.on('did-finish-load', () => {
      loaded.add(contents);
      handOverPort(contents);
    });
    contents.once('destroyed', () => {
      renderers.delete(contents);
      loaded.delete(contents);
    });
  };

  const start = (provider?: CoreEnvironment): void => {
    if (started || stopping) return;
    started = true;
    if (provider) environment = provider;
    spawn();
  };

  const restart = (reason: string): Promise<void> => {
    // Not started yet: the first fork will ask for the environment anyway.
    if (!started || stopping) return Promise.resolve();
    restarting ??= (async () => {
      clearTimeout(restartTimer);
      const previous = current;
      // Its exit is expected: onExit ignores an incarnation that is no longer current.
      current = null;
      notifyDown({ reason, restartInMs: 0 });
      log.info({ reason }, 'restarting the core');
      if (previous) await stopChild(previous.child);
      restarting = null;
      if (!stopping) spawn();
    })();
    return restarting;
  };

  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearTimeout(restartTimer);
    notifyDown({ reason: 'the app is closing', restartInMs: null });
    if (restarting) await restarting;
    if (current) await stopChild(current.child);
  };

  return {
    start,
    restart,
    addRenderer,
    stop,
    get stopped() {
      return stopping;
    },
  };
}

/** Resolves when the child has exited: asked politely first, then killed after the grace period. */
function stopChild(child: UtilityProcess): Promise<void> {
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill(), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    const stopMessage: ShellToCoreMessage = { type: 'stop' };
    child.postMessage(stopMessage);
  });
}
