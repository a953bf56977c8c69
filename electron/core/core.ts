// The core: everything behind the contract. It knows nothing of Electron or of the pipe it is
// reached through; the desktop shell, `control-room serve` and tests all build it the same way.
import { readFileSync } from 'node:fs';
import type { CoreMode, FleetHealthView, FleetSummary } from '../../shared/api/contract';
import type { Snapshot } from '../../shared/snapshot';
import type { ActionService } from '../actions/types';
import type { Archive } from '../archive';
import type { FindingsService } from '../findings/service';
import type { ThresholdSettings } from '../findings/threshold-settings';
import { createLogger, type Logger } from '../log';
import { actionsHandlers } from './handlers-actions';
import { archiveHandlers } from './handlers-archive';
import { findingsHandlers } from './handlers-findings';
import { reviewHandlers } from './handlers-review';
import { settingsHandlers } from './handlers-settings';
import { createLiveSnapshot, type LiveSnapshot } from './handlers-snapshot';
import { createRouter, type Handlers, type Router } from './router';

export { EVENT_LOG_LINES, snapshotMessages, trimLogLines } from './handlers-snapshot';

/** What the core needs of a collector: its latest state and a way to hear about new state. */
export interface CoreCollector {
  snapshot(): Snapshot | null;
  health(): FleetHealthView;
  subscribe(listeners: {
    snapshot(snapshot: Snapshot): void;
    health(health: FleetHealthView): void;
  }): void;
  stop(): Promise<void>;
}

export interface CoreOptions {
  mode: CoreMode;
  fleet: FleetSummary;
  /** The fleet file the core was started from; absent for the demo plant or an empty fleet. */
  fleetFile?: string;
  /** Absent for an empty fleet: snapshot.latest answers null, health is empty. */
  collector?: CoreCollector;
  /** The live archive the collector records into; trend and range requests read it. */
  archive?: Archive;
  /** The action runner (issue #8); absent in review sessions: everyone is a viewer there. */
  actions?: ActionService;
  /** The findings engine (issue #6): findings, lifecycle and report; absent: none found. */
  findings?: FindingsService;
  /** Threshold overrides kept in the data directory and applied to `findings` (Settings). */
  thresholds?: ThresholdSettings;
  /** Interval between heartbeat events, in milliseconds. */
  heartbeatIntervalMs?: number;
  now?: () => Date;
}

/** What the handlers of every domain (handlers-NAME.ts) get to work with. */
export interface HandlerContext {
  options: CoreOptions;
  now: () => Date;
  log: Logger;
  /** Pushes an event to every client (progress of a long request, for example). */
  broadcast: Router['broadcast'];
}

export interface Core {
  readonly router: Router;
  stop(): Promise<void>;
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
  const context: HandlerContext = {
    options,
    now,
    log,
    broadcast: (name, payload) => router.broadcast(name, payload),
  };
  const live = createLiveSnapshot(options.collector);
  const handlers = createHandlers(context, startedAt, live);
  const router = createRouter(handlers, log);

  const heartbeat = setInterval(() => {
    const uptimeSeconds = (now().getTime() - startedAt.getTime()) / 1000;
    router.broadcast('core.heartbeat', { at: now().toISOString(), uptimeSeconds });
  }, options.heartbeatIntervalMs ?? 1000);
  heartbeat.unref();
  options.collector?.subscribe({
    snapshot: (snapshot) => live.push(router, snapshot),
    health: (health) => router.broadcast('health.changed', health),
  });

  log.info({ mode: options.mode, fleet: options.fleet.source }, 'core started');
  return {
    router,
    async stop() {
      clearInterval(heartbeat);
      await options.collector?.stop();
      log.info('core stopped');
    },
  };
}

function createHandlers(context: HandlerContext, startedAt: Date, live: LiveSnapshot): Handlers {
  const { options, now } = context;
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
    ...live.handlers(),
    'health.current': () => options.collector?.health() ?? { nodes: {}, verdict: null },
    ...archiveHandlers(context),
    ...reviewHandlers(context),
    ...findingsHandlers(context),
    ...actionsHandlers(context),
    ...settingsHandlers(context),
  };
}
