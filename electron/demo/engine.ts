// The demo plant: the state of deployment 03002 at any simulated moment, as a pure function of
// the scenario, the seed, the time and the actions applied so far. Actions are timestamped, so
// asking about a moment before an action shows the plant as it was then.
import { createLogger } from '../log';
import {
  burstLines,
  gridLines,
  mergeTail,
  withinQuery,
  type GridStream,
  type LineContext,
  type LogLine,
  type LogQuery,
} from './logs';
import { complementWindows, inWindows, intersectWindows, type Window } from './models';
import { offsetMinutes } from './formats';
import {
  buildNodeView,
  lastBoot,
  type ChannelKey,
  type ContainerView,
  type NodeTimeline,
  type NodeView,
} from './node-view';
import type { Scenario, ScenarioEvent, ScenarioNode, ScenarioStream } from './scenario';

export type DemoActionName = 'restart' | 'stop' | 'start' | 'remove';

/** An action as the app's action runner would ask it of a node. */
export interface DemoAction {
  node: string;
  action: DemoActionName;
  container: string;
}

export interface AppliedAction extends DemoAction {
  atMs: number;
}

/** What Docker would have answered: the container's name, or its error. */
export interface ActionOutcome {
  ok: boolean;
  output: string;
  atMs: number;
}

export interface DemoEngineOptions {
  /** Default: the scenario's seed. */
  seed?: number;
  /** Simulated time for actions applied without one (the demo clock's nowMs). */
  now?: () => number;
}

const FOREVER = Number.POSITIVE_INFINITY;

/** Most lines one `docker logs` answers here, tail or not: a flood stays a bounded answer. */
const MAX_LOG_LINES = 100_000;

export class DemoEngine {
  readonly seed: number;
  readonly startMs: number;
  /** Where the scenario's story ends (the plant stays defined after it). */
  readonly endMs: number;
  /** When the line produces; idle the rest of the time. */
  readonly production: Window[];
  private readonly log = createLogger('demo');
  private readonly appliedActions: AppliedAction[] = [];
  /** `timedatectl set-ntp` from the action runner, per node, in the order applied. */
  private readonly ntpChanges = new Map<string, { enabled: boolean; atMs: number }[]>();
  private readonly timelines = new Map<string, NodeTimeline>();
  private readonly views = new Map<string, NodeView>();
  private readonly clockNowMs: () => number;

  constructor(
    readonly scenario: Scenario,
    options: DemoEngineOptions = {},
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.startMs = Date.parse(scenario.start);
    this.endMs = this.startMs + scenario.end;
    this.clockNowMs = options.now ?? (() => this.startMs);
    this.production = productionWindows(scenario.timeline, this.startMs);
  }

  get nodeIds(): string[] {
    return Object.keys(this.scenario.nodes);
  }

  get actions(): readonly AppliedAction[] {
    return this.appliedActions;
  }

  /** Simulated now, from the clock the engine was given (the scenario start without one). */
  nowMs(): number {
    return this.clockNowMs();
  }

  isProducing(atMs: number): boolean {
    return inWindows(this.production, atMs);
  }

  /** Restarts, stops, starts or removes a container, as `docker <action> <name>` would. */
  apply(action: DemoAction, atMs = this.nowMs()): ActionOutcome {
    const refusal = this.refusal(action, atMs);
    if (refusal) return { ok: false, output: refusal, atMs };
    this.appliedActions.push({ ...action, atMs });
    this.timelines.delete(action.node);
    this.views.clear();
    this.log.info(
      { node: action.node, action: action.action, container: action.container },
      'applied',
    );
    return { ok: true, output: action.container, atMs };
  }

  /** `timedatectl set-ntp true|false` on a node, from `atMs` on. */
  setNtp(nodeId: string, enabled: boolean, atMs = this.nowMs()): void {
    const changes = this.ntpChanges.get(nodeId) ?? [];
    changes.push({ enabled, atMs });
    this.ntpChanges.set(nodeId, changes);
    this.log.info({ node: nodeId, ntp: enabled }, 'NTP set');
  }

  /** Whether NTP is on at `atMs`: the last set-ntp before it, else the scenario's setting. */
  ntpEnabled(nodeId: string, atMs = this.nowMs()): boolean {
    const changes = (this.ntpChanges.get(nodeId) ?? []).filter((change) => change.atMs <= atMs);
    return changes.at(-1)?.enabled ?? this.scenario.nodes[nodeId]?.clock.ntp ?? false;
  }

  private refusal(action: DemoAction, atMs: number): string | null {
    if (!this.scenario.nodes[action.node]) return `no node ${action.node} in the demo plant`;
    const view = this.node(action.node, atMs);
    if (!view.hostUp) return `ssh: connect to host ${view.spec.host} port 22: No route to host`;
    const container = view.containers.find((candidate) => candidate.spec.name === action.container);
    if (!container) return `Error response from daemon: No such container: ${action.container}`;
    return null;
  }

  /** The node at `atMs` (default: now). */
  node(nodeId: string, atMs = this.nowMs()): NodeView {
    const key = `${nodeId}@${atMs}`;
    const cached = this.views.get(key);
    if (cached) return cached;
    if (!this.scenario.nodes[nodeId]) throw new RangeError(`no node ${nodeId} in the demo plant`);
    const view = buildNodeView({
      scenario: this.scenario,
      nodeId,
      timeline: this.timeline(nodeId),
      production: this.production,
      startMs: this.startMs,
      seed: this.seed,
      atMs,
    });
    // A collector asks a node a few times per tick; older moments are not asked again.
    if (this.views.size > 64) this.views.clear();
    this.views.set(key, view);
    return view;
  }

  /** `docker logs --since … --timestamps --tail N`: null when there is no such container. */
  logs(nodeId: string, containerName: string, query: LogQuery): LogLine[] | null {
    const view = this.node(nodeId, Math.floor(query.untilUs / 1000));
    const container = view.containers.find((candidate) => candidate.spec.name === containerName);
    if (!container) return null;
    const context = this.lineContext(view.spec, nodeId);
    // Without --since Docker prints everything since creation; --tail keeps the answer bounded.
    const bounded: LogQuery = {
      ...query,
      sinceUs: Math.max(query.sinceUs, container.createdMs * 1000),
      limit: Math.min(query.limit, MAX_LOG_LINES),
    };
    const sources = [
      ...this.gridStreams(nodeId, container).map((stream) =>
        gridLines(stream, this.seed, bounded, context),
      ),
      this.burstLog(container, context).filter((line) => withinQuery(line, bounded)),
    ];
    return mergeTail(sources, bounded.limit);
  }

  /** The bar on the line at `atMs`: counting up from the first bar while production runs. */
  barAt(atMs: number): string {
    const { firstBar, barEvery } = this.scenario.line;
    const digits = /\d+$/.exec(firstBar)?.[0] ?? '0';
    const prefix = firstBar.slice(0, firstBar.length - digits.length);
    const producedMs = this.production
      .map((window) => Math.max(0, Math.min(atMs, window.toMs) - window.fromMs))
      .reduce((sum, ms) => sum + ms, 0);
    const bars = this.isProducing(atMs) ? Math.floor(producedMs / barEvery) : -1;
    const number = BigInt(digits) + BigInt(Math.max(bars, -1));
    return `${prefix}${number.toString().padStart(digits.length, '0')}`;
  }

  private lineContext(node: ScenarioNode, nodeId: string): LineContext {
    return {
      offsetMinutes: offsetMinutes(this.scenario.utcOffset),
      cameras: this.scenario.line.cameras,
      speedMmPerMinute: this.scenario.line.speedMmPerMinute,
      pidAt: (atMs) => {
        const boot = lastBoot(this.timeline(nodeId).boots, atMs);
        return Math.floor(node.pids.atBoot + (node.pids.perMinute * (atMs - boot)) / 60_000);
      },
      barAt: (atMs) => this.barAt(atMs),
      producing: (atMs) => this.isProducing(atMs),
    };
  }

  /** The container's streams, each limited to when it ran and when the stream applies. */
  private gridStreams(nodeId: string, container: ContainerView): GridStream[] {
    const runs = container.life.runs.map((run) => ({
      fromMs: run.startMs,
      toMs: run.endMs ?? FOREVER,
    }));
    if (container.spec.crashLoop) return this.crashStreams(nodeId, container, runs);
    return container.spec.logs.map((stream, index) => ({
      key: `${nodeId}/${container.spec.name}/${index}`,
      originMs: this.startMs + stream.offset,
      intervalMs: stream.intervalMs,
      jitterMs: stream.jitter,
      skewMs: stream.skew,
      lines: stream.lines,
      windows: this.streamWindows(stream, runs, container),
    }));
  }

  /** A crash-looping container writes its crash lines once per loop, a few ms apart. */
  private crashStreams(nodeId: string, container: ContainerView, runs: Window[]): GridStream[] {
    const loop = container.spec.crashLoop!;
    const loopStartMs = container.life.runs.at(-1)?.startMs ?? this.startMs;
    return loop.lines.map((line, index) => ({
      key: `${nodeId}/${container.spec.name}/crash/${index}`,
      originMs: loopStartMs + loop.upFor + index * 3,
      intervalMs: loop.every,
      jitterMs: 0,
      skewMs: 0,
      lines: [line],
      windows: runs,
    }));
  }

  private streamWindows(
    stream: ScenarioStream,
    runs: Window[],
    container: ContainerView,
  ): Window[] {
    const fromMs = stream.from === undefined ? -FOREVER : this.startMs + stream.from;
    let toMs = stream.until === undefined ? FOREVER : this.startMs + stream.until;
    if (stream.endsWhenRestarted) {
      const restart = container.life.runs.find((run) => run.startMs > fromMs);
      if (restart) toMs = Math.min(toMs, restart.startMs);
    }
    let windows = intersectWindows(runs, [{ fromMs, toMs }]);
    if (stream.during === 'production') windows = intersectWindows(windows, this.production);
    if (stream.during === 'idle') {
      const idle = complementWindows(this.production, { fromMs: -FOREVER, toMs: FOREVER });
      windows = intersectWindows(windows, idle);
    }
    return windows;
  }

  /** Boot lines at every start, kill lines at every OOM kill (before the start too). */
  private burstLog(container: ContainerView, context: LineContext): LogLine[] {
    const { spec, life } = container;
    if (spec.crashLoop) return [];
    const lines: LogLine[] = [];
    for (const agoMs of spec.pastKills) {
      const killMs = this.startMs - agoMs;
      if (killMs < container.createdMs) continue;
      lines.push(...burstLines(spec.killLines, killMs, 5, context));
    }
    for (const run of life.runs) {
      lines.push(...burstLines(spec.bootLines, run.startMs, 150, context));
      if (run.endReason === 'kill' && run.endMs !== null)
        lines.push(...burstLines(spec.killLines, run.endMs, 5, context));
    }
    return lines;
  }

  private timeline(nodeId: string): NodeTimeline {
    const cached = this.timelines.get(nodeId);
    if (cached) return cached;
    const timeline = buildTimeline(this.scenario, nodeId, this.startMs, this.appliedActions);
    this.timelines.set(nodeId, timeline);
    return timeline;
  }
}

function productionWindows(events: readonly ScenarioEvent[], startMs: number): Window[] {
  return events
    .filter((event) => event.type === 'production')
    .map((event) => ({
      fromMs: startMs + event.at,
      toMs: event.for === undefined ? FOREVER : startMs + event.at + event.for,
    }));
}

/** The node's share of the timeline and of the actions, as control events and windows. */
function buildTimeline(
  scenario: Scenario,
  nodeId: string,
  startMs: number,
  actions: readonly AppliedAction[],
): NodeTimeline {
  const node = scenario.nodes[nodeId] as ScenarioNode;
  const timeline: NodeTimeline = {
    controls: [],
    hostDown: [],
    boots: [startMs - node.uptimeAtStart],
    channelDown: [],
    gpuLost: [],
  };
  for (const event of scenario.timeline) addEvent(timeline, event, nodeId, startMs);
  for (const action of actions.filter((candidate) => candidate.node === nodeId)) {
    timeline.controls.push({
      atMs: action.atMs,
      kind: action.action,
      containers: [action.container],
    });
  }
  timeline.controls.sort((a, b) => a.atMs - b.atMs);
  timeline.boots.sort((a, b) => a - b);
  return timeline;
}

function addEvent(timeline: NodeTimeline, event: ScenarioEvent, nodeId: string, startMs: number) {
  const atMs = startMs + event.at;
  switch (event.type) {
    case 'reboot':
      if (event.node !== nodeId) return;
      timeline.hostDown.push({ fromMs: atMs, toMs: atMs + event.downFor });
      timeline.boots.push(atMs + event.downFor);
      timeline.controls.push({ atMs, kind: 'host-down', untilMs: atMs + event.downFor });
      return;
    case 'channel-down':
      if (!event.nodes.includes(nodeId)) return;
      timeline.channelDown.push({
        channel: event.channel as ChannelKey,
        window: { fromMs: atMs, toMs: atMs + event.for },
        fault: event.error,
      });
      return;
    case 'gpu-telemetry-lost':
      if (event.node === nodeId) timeline.gpuLost.push({ fromMs: atMs, toMs: atMs + event.for });
      return;
    case 'dark':
      if (event.node === nodeId)
        timeline.controls.push({ atMs, kind: 'remove', containers: 'all' });
      return;
    case 'production':
      return;
    case 'recycle':
      if (event.node !== nodeId) return;
      timeline.controls.push({
        atMs,
        kind: 'recycle',
        containers: event.containers,
        freesBytes: event.frees,
      });
      return;
    default:
      if (event.node !== nodeId) return;
      timeline.controls.push({ atMs, kind: event.type, containers: event.containers });
  }
}

export function createDemoEngine(scenario: Scenario, options: DemoEngineOptions = {}): DemoEngine {
  return new DemoEngine(scenario, options);
}
