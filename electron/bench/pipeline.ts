// The core as `control-room serve` wires it (live recording into an archive, the findings
// engine, the core with its router), driven tick by tick on a simulated clock instead of real
// timers, so a benchmark can run days of plant time in minutes. A client on an in-memory pipe
// asks the core what the interface asks.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { FleetSummary } from '../../shared/api/contract';
import { createClient, type ApiClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import type { Collector, CollectorListeners } from '../collect/collector';
import type { Archive } from '../archive';
import { createCore, type Core } from '../core/core';
import type { DemoClock } from '../demo';
import { LiveFindings, withFindings } from '../findings/live';
import { startLiveRecording } from '../review/recording';

export const FAST_TICK_MS = 5_000;
/** At the demo's 60x a 5 s fast tick is 5 simulated minutes, and every 12th is a slow one. */
export const DEMO_SPEED = 60;
const SLOW_EVERY_TICKS = 12;
/** startMaintenance gives the archive 20 ms each real second: 5 s of it between two ticks. */
const MAINTENANCE_BUDGET_MS = 100;

export interface ServedPipeline {
  core: Core;
  archive: Archive;
  client: ApiClient;
  /** One fast tick (a slow one too every 12th) at the next plant moment, then every listener. */
  tick(): Promise<TickTiming>;
  ticks(): number;
  /** Archive writes that failed so far. */
  failures(): number;
  stop(): Promise<void>;
}

export interface TickTiming {
  /** Collection (the plant's transports and the parsers). */
  collectMs: number;
  /** The snapshot through archive, findings and core. */
  pipelineMs: number;
  /** Archive maintenance (rollups, retention) given the budget of the real 5 s between ticks. */
  maintenanceMs: number;
}

export interface PipelineOptions {
  collector: Collector;
  clock: DemoClock;
  summary: FleetSummary;
  /** The data directory: the live archive goes in its demo-archive folder. */
  dataDirectory: string;
  /** Plant time per tick; default 5 minutes (60x). */
  plantTickMs?: number;
}

export function startServedPipeline(options: PipelineOptions): ServedPipeline {
  const plantTickMs = options.plantTickMs ?? FAST_TICK_MS * DEMO_SPEED;
  const tapped = tapListeners(options.collector);
  const watched = {
    summary: options.summary,
    collector: tapped.collector,
    timeScale: plantTickMs / FAST_TICK_MS,
  };
  const recording = startLiveRecording(watched, { CONTROL_ROOM_DATA_DIR: options.dataDirectory });
  if (!recording) throw new Error(`no live archive under ${options.dataDirectory}`);
  const findings = new LiveFindings({ archive: recording.archive });
  const core = createCore({
    mode: 'browser',
    fleet: options.summary,
    collector: withFindings(recording.collector, findings),
    archive: recording.archive,
    findings,
  });
  const [clientPipe, corePipe] = createMemoryPipePair();
  core.router.attach(corePipe);
  const client = createClient(clientPipe);
  let ticks = 0;
  return {
    core,
    archive: recording.archive,
    client,
    ticks: () => ticks,
    failures: () => recording.failures(),
    async tick() {
      options.clock.advance(plantTickMs);
      const collectStarted = performance.now();
      if (ticks % SLOW_EVERY_TICKS === 0) await options.collector.collectOnce();
      else await options.collector.fastTickAll();
      const pipelineStarted = performance.now();
      tapped.emitSnapshot();
      const maintainStarted = performance.now();
      recording.archive.maintain({ budgetMs: MAINTENANCE_BUDGET_MS });
      const doneMs = performance.now();
      ticks += 1;
      // Lets timers and pipe messages run, as the real second between ticks would.
      await yieldToLoop();
      return {
        collectMs: pipelineStarted - collectStarted,
        pipelineMs: maintainStarted - pipelineStarted,
        maintenanceMs: doneMs - maintainStarted,
      };
    },
    async stop() {
      client.close();
      await core.stop();
      findings.close();
      recording.stop();
    },
  };
}

/**
 * The collector as the recording sees it, except that its snapshot listener is kept so the
 * bench can announce each tick's snapshot (the real collector does it on its own timer).
 */
function tapListeners(collector: Collector): { collector: Collector; emitSnapshot(): void } {
  let listeners: CollectorListeners = {};
  const tapped = Object.create(collector) as Collector;
  tapped.subscribe = (next: CollectorListeners) => {
    listeners = next;
    collector.subscribe(next);
  };
  return {
    collector: tapped,
    emitSnapshot: () => listeners.snapshot?.(collector.snapshot()),
  };
}
