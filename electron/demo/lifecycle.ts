// A container's life as a fold over what happened to it: node reboots, operator actions (the
// timeline's and the app's), production phases that change its memory model, and the OOM kills
// its own leak causes. The result at any moment depends only on the events before it, so the
// plant can be asked about any time in any order.
import { memoryTrend, oomKillMs, type MemoryAnchor, type Window } from './models';
import type { MemoryModel, ScenarioContainer } from './scenario';

/** What happened to a node's containers, in simulated time. */
export type ControlEvent =
  | { atMs: number; kind: 'host-down'; untilMs: number }
  | { atMs: number; kind: 'stop' | 'start' | 'restart' | 'remove'; containers: string[] | 'all' }
  /** A worker recycled inside the running container: its memory falls, nothing restarts. */
  | { atMs: number; kind: 'recycle'; containers: string[]; freesBytes: number };

/** Docker restarts an OOM-killed container after this long (its backoff starts smaller). */
export const RESTART_AFTER_KILL_MS = 10_000;
/** `docker restart`: the stop, then the start. */
export const MANUAL_RESTART_MS = 2_000;

export type RunEnd = 'kill' | 'stop' | 'reboot' | 'removed' | 'restart';

/** One stretch of the container running (for a crash-looping one: of it looping). */
export interface Run {
  startMs: number;
  endMs: number | null;
  endReason: RunEnd | null;
  anchor: MemoryAnchor;
  restartCountAtStart: number;
}

export interface LastExit {
  atMs: number;
  code: number;
  oomKilled: boolean;
}

export interface Life {
  createdMs: number;
  removedMs: number | null;
  runs: Run[];
  current: Run | null;
  /** Set while Docker is about to start it again (after a kill, a restart, a reboot). */
  pendingStartMs: number | null;
  lastExit: LastExit | null;
  restartCount: number;
}

export interface LifeInput {
  container: ScenarioContainer;
  scenarioStartMs: number;
  createdMs: number;
  /** The boot before the scenario started. */
  bootBeforeStartMs: number;
  controls: readonly ControlEvent[];
  production: readonly Window[];
  atMs: number;
}

/** The memory model in force at `atMs`: the production one while the line produces. */
export function memoryModelAt(
  container: ScenarioContainer,
  production: readonly Window[],
  atMs: number,
): MemoryModel {
  const producing = production.some((window) => atMs >= window.fromMs && atMs < window.toMs);
  return (producing && container.production?.memory) || container.memory;
}

class LifeFold {
  readonly life: Life;

  constructor(private readonly input: LifeInput) {
    this.life = initialLife(input);
  }

  run(): Life {
    const { atMs } = this.input;
    for (const event of this.events()) {
      if (event.atMs > atMs) break;
      this.advance(event.atMs);
      if (this.life.removedMs !== null) return this.life;
      if ('boundary' in event) this.reanchor(event.atMs);
      else this.apply(event);
    }
    this.advance(atMs);
    return this.life;
  }

  /** Control events touching this container and phase boundaries, in time order. */
  private events(): (ControlEvent | { atMs: number; boundary: true })[] {
    const name = this.input.container.name;
    const controls = this.input.controls.filter(
      (event) =>
        event.kind === 'host-down' || event.containers === 'all' || event.containers.includes(name),
    );
    const boundaries = this.input.production
      .flatMap((window) => [window.fromMs, window.toMs])
      .filter((atMs) => Number.isFinite(atMs))
      .map((atMs) => ({ atMs, boundary: true as const }));
    return [...controls, ...boundaries].sort((a, b) => a.atMs - b.atMs);
  }

  /** Plays kills and pending starts up to `untilMs`. */
  private advance(untilMs: number): void {
    for (;;) {
      const { current, pendingStartMs } = this.life;
      if (!current && pendingStartMs !== null && pendingStartMs <= untilMs) {
        this.startRun(pendingStartMs, this.life.restartCount);
        continue;
      }
      const killMs = current ? this.killMs(current) : null;
      if (killMs === null || killMs > untilMs) return;
      this.kill(killMs);
    }
  }

  private killMs(run: Run): number | null {
    if (this.input.container.crashLoop) return null;
    const model = memoryModelAt(this.input.container, this.input.production, run.anchor.atMs);
    return oomKillMs(model, run.anchor);
  }

  private kill(atMs: number): void {
    this.endRun(atMs, 'kill');
    this.life.lastExit = { atMs, code: 137, oomKilled: true };
    this.life.restartCount += 1;
    this.life.pendingStartMs = atMs + RESTART_AFTER_KILL_MS;
  }

  private apply(event: ControlEvent): void {
    if (event.kind === 'host-down') return this.reboot(event.atMs, event.untilMs);
    if (event.kind === 'recycle') return this.recycle(event.atMs, event.freesBytes);
    if (event.kind === 'remove') {
      this.endRun(event.atMs, 'removed');
      this.life.removedMs = event.atMs;
      this.life.pendingStartMs = null;
      return;
    }
    if (event.kind === 'stop') return this.stop(event.atMs);
    if (event.kind === 'restart') return this.restart(event.atMs);
    if (!this.life.current) this.scheduleStart(event.atMs + 1_000);
  }

  private reboot(downMs: number, upMs: number): void {
    const wasRunning = this.life.current !== null || this.life.pendingStartMs !== null;
    // Docker shows a container cut by a host going down as "Exited (255)".
    if (this.life.current) this.life.lastExit = { atMs: downMs, code: 255, oomKilled: false };
    this.endRun(downMs, 'reboot');
    this.life.pendingStartMs = null;
    // The daemon starts what ran before (restart policy), not what an operator had stopped.
    if (wasRunning && this.input.container.restartPolicy !== 'no')
      this.scheduleStart(upMs + this.input.container.startDelay);
  }

  private stop(atMs: number): void {
    if (this.life.current) this.life.lastExit = { atMs, code: 0, oomKilled: false };
    this.endRun(atMs, 'stop');
    this.life.pendingStartMs = null;
  }

  private restart(atMs: number): void {
    if (this.life.current) this.life.lastExit = { atMs, code: 0, oomKilled: false };
    this.endRun(atMs, 'restart');
    this.scheduleStart(atMs + MANUAL_RESTART_MS);
  }

  /** `docker start`, `docker restart` and the daemon at boot reset the restart count. */
  private scheduleStart(atMs: number): void {
    this.life.pendingStartMs = atMs;
    this.life.restartCount = 0;
  }

  private startRun(atMs: number, restartCount: number): void {
    const model = memoryModelAt(this.input.container, this.input.production, atMs);
    const run: Run = {
      startMs: atMs,
      endMs: null,
      endReason: null,
      anchor: { atMs, bytes: model.base },
      restartCountAtStart: restartCount,
    };
    this.life.runs.push(run);
    this.life.current = run;
    this.life.pendingStartMs = null;
  }

  private endRun(atMs: number, reason: RunEnd): void {
    const run = this.life.current;
    if (!run) return;
    run.endMs = atMs;
    run.endReason = reason;
    this.life.current = null;
  }

  /**
   * A worker recycled silently (gunicorn respawns it, nothing is logged, the restart count stays):
   * the trend goes on from the lower level, so the next OOM kill comes that much later.
   */
  private recycle(atMs: number, freesBytes: number): void {
    const run = this.life.current;
    if (!run) return;
    const model = memoryModelAt(this.input.container, this.input.production, atMs);
    const bytes = memoryTrend(model, run.anchor, atMs) - freesBytes;
    run.anchor = { atMs, bytes: Math.max(0, bytes) };
  }

  /** A phase changed the memory model: the trend restarts from the new model's base. */
  private reanchor(atMs: number): void {
    const run = this.life.current;
    if (!run) return;
    const model = memoryModelAt(this.input.container, this.input.production, atMs);
    run.anchor = { atMs, bytes: model.base };
  }
}

function initialLife(input: LifeInput): Life {
  const { container, scenarioStartMs } = input;
  const life: Life = {
    createdMs: input.createdMs,
    removedMs: null,
    runs: [],
    current: null,
    pendingStartMs: null,
    lastExit: null,
    restartCount: container.restartCount,
  };
  if (container.exited) {
    const atMs = scenarioStartMs - container.exited.ago;
    life.lastExit = { atMs, code: container.exited.code, oomKilled: false };
    return life;
  }
  const startMs = Math.min(input.bootBeforeStartMs + container.startDelay, scenarioStartMs);
  const run: Run = {
    startMs,
    endMs: null,
    endReason: null,
    // The memory a long-running container has reached by the start is data, not history.
    anchor: { atMs: scenarioStartMs, bytes: container.memory.initial ?? container.memory.base },
    restartCountAtStart: container.restartCount,
  };
  life.runs.push(run);
  life.current = run;
  return life;
}

export function foldLife(input: LifeInput): Life {
  return new LifeFold(input).run();
}

/** The trend of a running container's memory at `atMs` (without its wave). */
export function trendAt(
  container: ScenarioContainer,
  production: readonly Window[],
  run: Run,
  atMs: number,
): number {
  return memoryTrend(memoryModelAt(container, production, atMs), run.anchor, atMs);
}
