// The core: everything behind the contract. It knows nothing of Electron or of the pipe it is
// reached through; the desktop shell, `control-room serve` and tests all build it the same way.
import { readFileSync } from 'node:fs';
import type { CoreMode, FleetSummary } from '../../shared/api/contract';
import { createLogger } from '../log';
import { createRouter, type Handlers, type Router } from './router';

export interface CoreOptions {
  mode: CoreMode;
  fleet: FleetSummary;
  /** Interval between heartbeat events, in milliseconds. */
  heartbeatIntervalMs?: number;
  now?: () => Date;
}

export interface Core {
  readonly router: Router;
  stop(): void;
}

const packageInfo = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as {
  name: string;
  version: string;
};

export const appVersion = packageInfo.version;

/** An empty fleet: what the app watches before a fleet file or the demo plant is chosen. */
export const emptyFleet: FleetSummary = { source: 'empty', deployment: null, nodes: [] };

export function createCore(options: CoreOptions): Core {
  const log = createLogger('core');
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const handlers = createHandlers(options, startedAt, now);
  const router = createRouter(handlers, log);

  const heartbeat = setInterval(() => {
    const uptimeSeconds = (now().getTime() - startedAt.getTime()) / 1000;
    router.broadcast('core.heartbeat', { at: now().toISOString(), uptimeSeconds });
  }, options.heartbeatIntervalMs ?? 1000);
  heartbeat.unref();

  log.info({ mode: options.mode, fleet: options.fleet.source }, 'core started');
  return {
    router,
    stop() {
      clearInterval(heartbeat);
      log.info('core stopped');
    },
  };
}

function createHandlers(options: CoreOptions, startedAt: Date, now: () => Date): Handlers {
  return {
    'app.info': () => ({
      name: 'VisionKing Control Room',
      version: appVersion,
      mode: options.mode,
      startedAt: startedAt.toISOString(),
      pid: process.pid,
    }),
    'app.ping': ({ echo }) => ({ echo, at: now().toISOString() }),
    'fleet.summary': () => options.fleet,
  };
}
