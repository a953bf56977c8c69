// One node of the demo plant at one moment: what its containers, GPUs, disks and channels are
// doing. Built from the scenario, the node's timeline and the lifecycle fold; the transports
// turn it into command outputs, SQL rows and HTTP answers.
import { createHash } from 'node:crypto';
import { signedNoise } from './clock';
import { foldLife, memoryModelAt, trendAt, type ControlEvent, type Life } from './lifecycle';
import {
  byteWaveAt,
  cpuMicroseconds,
  HOUR_MS,
  inWindows,
  MINUTE_MS,
  positiveModulo,
  temperatureAt,
  temperatureRising,
  type Window,
} from './models';
import type {
  channelErrors,
  Scenario,
  ScenarioContainer,
  ScenarioGpu,
  ScenarioNode,
} from './scenario';

/** How a channel fails: the transports turn it into the driver's error and its kind. */
export type Fault = (typeof channelErrors)[number];
export type ChannelKey = 'ssh' | 'postgres' | 'redis' | 'prometheus' | 'rabbitmq';

/** Everything that happens on one node over the scenario, actions included. */
export interface NodeTimeline {
  controls: ControlEvent[];
  hostDown: Window[];
  /** Boot instants in time order; the first is before the scenario start. */
  boots: number[];
  channelDown: { channel: ChannelKey; window: Window; fault: Fault }[];
  gpuLost: Window[];
}

export interface ContainerView {
  spec: ScenarioContainer;
  id: string;
  imageId: string;
  createdMs: number;
  state: 'running' | 'restarting' | 'exited';
  startedMs: number | null;
  finishedMs: number | null;
  exitCode: number;
  oomKilled: boolean;
  restartCount: number;
  /** What `docker stats` shows (memory.current less inactive_file); 0 when not running. */
  memoryBytes: number;
  memoryLimitBytes: number | null;
  /** cpu.stat usage_usec since this run started. */
  cpuUsageUsec: number;
  sizeRwBytes: number;
  life: Life;
}

export interface GpuView {
  spec: ScenarioGpu;
  index: number;
  /** The driver stops giving memory and temperature (the report's telemetry blackout). */
  lost: boolean;
  temperatureC: number;
  memoryUsedBytes: number;
  utilizationPct: number;
  powerW: number;
  fanPct: number;
}

export interface NodeView {
  id: string;
  spec: ScenarioNode;
  atMs: number;
  hostUp: boolean;
  bootMs: number;
  producing: boolean;
  containers: ContainerView[];
  gpus: GpuView[];
  faults: Record<ChannelKey, Fault | null>;
  endpoints: Record<string, { status: number; fault: Fault | null }>;
  /** The newest process id (PostgreSQL backends and everything else take them). */
  pid: number;
  load: [number, number, number];
  memAvailableBytes: number;
  diskUsedBytes: number[];
}

export interface ViewInput {
  scenario: Scenario;
  nodeId: string;
  timeline: NodeTimeline;
  production: readonly Window[];
  startMs: number;
  seed: number;
  atMs: number;
}

export function buildNodeView(input: ViewInput): NodeView {
  const node = input.scenario.nodes[input.nodeId] as ScenarioNode;
  const bootMs = lastBoot(input.timeline.boots, input.atMs);
  const containers = node.containers
    .map((spec) => containerView(input, spec, bootMs))
    .filter((view): view is ContainerView => view !== null);
  const producing = inWindows(input.production, input.atMs);
  const hostUp = !inWindows(input.timeline.hostDown, input.atMs);
  const view: NodeView = {
    id: input.nodeId,
    spec: node,
    atMs: input.atMs,
    hostUp,
    bootMs,
    producing,
    containers,
    gpus: node.gpus.map((gpu, index) => gpuView(input, gpu, index, containers)),
    faults: channelFaults(input, node, hostUp, containers),
    endpoints: endpointStates(node, hostUp, containers),
    pid: Math.floor(node.pids.atBoot + (node.pids.perMinute * (input.atMs - bootMs)) / MINUTE_MS),
    load: loadAverages(input, containers),
    memAvailableBytes: availableMemory(input, node, containers),
    diskUsedBytes: node.disks.map(
      (disk) => disk.usedAtStart + (disk.growthPerHour * (input.atMs - input.startMs)) / HOUR_MS,
    ),
  };
  return view;
}

/**
 * How long a node had been up at its first known boot, for moments before it (a replay that
 * starts early to see older log lines): the scenario does not say, only that it was running.
 */
const UPTIME_BEFORE_FIRST_BOOT_MS = 30 * 24 * HOUR_MS;

/** The node's boot in effect at `atMs`; before the first known boot, an earlier one. */
export function lastBoot(boots: readonly number[], atMs: number): number {
  const first = boots[0];
  if (first === undefined) return atMs;
  if (atMs < first) return first - UPTIME_BEFORE_FIRST_BOOT_MS;
  let boot = first;
  for (const candidate of boots) if (candidate <= atMs) boot = candidate;
  return boot;
}

// -- containers -----------------------------------------------------------------------------------

function containerView(
  input: ViewInput,
  spec: ScenarioContainer,
  bootMs: number,
): ContainerView | null {
  const node = input.scenario.nodes[input.nodeId] as ScenarioNode;
  const createdMs = input.startMs - (spec.createdAgo ?? node.containersCreatedAgo);
  const life = foldLife({
    container: spec,
    scenarioStartMs: input.startMs,
    createdMs,
    bootBeforeStartMs: input.timeline.boots[0] ?? bootMs,
    controls: input.timeline.controls,
    production: input.production,
    atMs: input.atMs,
  });
  if (life.removedMs !== null) return null;
  const base = {
    spec,
    id: containerId(input.scenario.deployment, input.nodeId, spec.name, createdMs),
    imageId: imageId(spec.image),
    createdMs,
    sizeRwBytes:
      spec.sizeRw.atStart + (spec.sizeRw.perHour * (input.atMs - input.startMs)) / HOUR_MS,
    life,
  };
  if (life.current && spec.crashLoop) return { ...base, ...crashLoopState(spec, life, input.atMs) };
  if (life.current) return { ...base, ...runningState(input, spec, life) };
  return { ...base, ...stoppedState(spec, life) };
}

type ContainerState = Omit<
  ContainerView,
  'spec' | 'id' | 'imageId' | 'createdMs' | 'sizeRwBytes' | 'life'
>;

function runningState(input: ViewInput, spec: ScenarioContainer, life: Life): ContainerState {
  const run = life.current!;
  const model = memoryModelAt(spec, input.production, input.atMs);
  const trend = trendAt(spec, input.production, run, input.atMs);
  const memoryBytes = trend + byteWaveAt(input.atMs - input.startMs, model.wave);
  return {
    state: 'running',
    startedMs: run.startMs,
    finishedMs: life.lastExit?.atMs ?? null,
    exitCode: 0,
    oomKilled: false,
    restartCount: life.restartCount,
    memoryBytes: Math.round(
      model.limit === undefined ? memoryBytes : Math.min(memoryBytes, model.limit),
    ),
    memoryLimitBytes: model.limit ?? null,
    cpuUsageUsec: Math.round(cpuSince(input, spec, run.startMs)),
  };
}

/** CPU time since `fromMs`, in µs, across production phases that change the container's use. */
function cpuSince(input: ViewInput, spec: ScenarioContainer, fromMs: number): number {
  const edges = input.production
    .flatMap((window) => [window.fromMs, window.toMs])
    .filter((edge) => edge > fromMs && edge < input.atMs);
  const points = [fromMs, ...edges.sort((a, b) => a - b), input.atMs];
  const phase = (signedNoise(input.seed, `${input.nodeId}/${spec.name}/cpu`, 0) + 1) * Math.PI;
  let total = 0;
  for (let index = 0; index + 1 < points.length; index += 1) {
    const from = points[index] as number;
    const to = points[index + 1] as number;
    const producing = inWindows(input.production, from);
    const cores = (producing && spec.production?.cpu) || spec.cpu;
    total += cpuMicroseconds(cores, from, to, phase);
  }
  return total;
}

/** Crash-looping: up for `upFor` after each start, then "Restarting" until the next. */
function crashLoopState(spec: ScenarioContainer, life: Life, atMs: number): ContainerState {
  const loop = spec.crashLoop!;
  const run = life.current!;
  const sinceStart = atMs - run.startMs;
  const phaseMs = positiveModulo(sinceStart, loop.every);
  const lastStartMs = atMs - phaseMs;
  const cycles = Math.floor(sinceStart / loop.every);
  const up = phaseMs < loop.upFor;
  return {
    state: up ? 'running' : 'restarting',
    startedMs: lastStartMs,
    finishedMs: up ? lastStartMs - loop.every + loop.upFor : lastStartMs + loop.upFor,
    exitCode: up ? 0 : loop.exitCode,
    oomKilled: false,
    restartCount: run.restartCountAtStart + cycles,
    memoryBytes: up ? spec.memory.base : 0,
    memoryLimitBytes: spec.memory.limit ?? null,
    cpuUsageUsec: up ? Math.round(phaseMs * spec.cpu * 1000) : 0,
  };
}

function stoppedState(spec: ScenarioContainer, life: Life): ContainerState {
  const exit = life.lastExit;
  const restarting = life.pendingStartMs !== null && exit?.oomKilled === true;
  return {
    state: restarting ? 'restarting' : 'exited',
    startedMs: life.runs.at(-1)?.startMs ?? null,
    finishedMs: exit?.atMs ?? null,
    exitCode: exit?.code ?? 0,
    oomKilled: exit?.oomKilled ?? false,
    restartCount: life.restartCount,
    memoryBytes: 0,
    memoryLimitBytes: spec.memory.limit ?? null,
    cpuUsageUsec: 0,
  };
}

/** A stable 64-hex container id: the same container keeps it, a recreated one would not. */
function containerId(deployment: string, node: string, name: string, createdMs: number): string {
  return sha256(`${deployment}/${node}/${name}/${createdMs}`);
}

function imageId(image: string): string {
  return `sha256:${sha256(`image/${image}`)}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// -- GPUs -----------------------------------------------------------------------------------------

function gpuView(
  input: ViewInput,
  spec: ScenarioGpu,
  index: number,
  containers: readonly ContainerView[],
): GpuView {
  const offsetMs = input.atMs - input.startMs;
  const producing = inWindows(input.production, input.atMs) && spec.production !== undefined;
  const temperature = producing ? spec.production!.temperature : spec.temperature;
  const holder = containers.find((container) => container.spec.name === spec.heldBy);
  const held = holder?.state === 'running';
  return {
    spec,
    index,
    lost: inWindows(input.timeline.gpuLost, input.atMs),
    temperatureC: Math.round(temperatureAt(offsetMs, temperature)),
    memoryUsedBytes: held ? (spec.memoryTotal * spec.heldPct) / 100 : spec.idleMemory,
    utilizationPct: producing && held ? spec.production!.utilizationPct : 0,
    powerW: (producing ? spec.production!.powerW : spec.powerW) + gpuPowerNoise(input, index),
    fanPct: temperatureRising(offsetMs, temperature) ? spec.fanPct.rising : spec.fanPct.falling,
  };
}

function gpuPowerNoise(input: ViewInput, index: number): number {
  return 0.4 * signedNoise(input.seed, `${input.nodeId}/gpu${index}/power`, input.atMs / 5_000);
}

// -- channels and endpoints -----------------------------------------------------------------------

function channelFaults(
  input: ViewInput,
  node: ScenarioNode,
  hostUp: boolean,
  containers: readonly ContainerView[],
): Record<ChannelKey, Fault | null> {
  const running = (name: string | undefined) =>
    containers.some((container) => container.spec.name === name && container.state === 'running');
  const served = (name: string | undefined): Fault | null => (running(name) ? null : 'refused');
  const faults: Record<ChannelKey, Fault | null> = {
    ssh: null,
    postgres: served(node.postgres?.container),
    redis: served(node.redis?.container),
    prometheus: served(node.prometheus?.container),
    // RabbitMQ runs as a host service: its queues outlived every container of a dark vk02.
    rabbitmq: null,
  };
  for (const down of input.timeline.channelDown) {
    if (inWindows([down.window], input.atMs)) faults[down.channel] = down.fault;
  }
  if (!hostUp) {
    for (const channel of Object.keys(faults) as ChannelKey[])
      faults[channel] = channel === 'ssh' ? 'timeout' : 'unreachable';
  }
  return faults;
}

function endpointStates(
  node: ScenarioNode,
  hostUp: boolean,
  containers: readonly ContainerView[],
): NodeView['endpoints'] {
  const states: NodeView['endpoints'] = {};
  for (const [name, endpoint] of Object.entries(node.endpoints)) {
    const holder = containers.find((container) => container.spec.name === endpoint.container);
    const answering = endpoint.container === undefined || holder?.state === 'running';
    let fault: Fault | null = null;
    if (!hostUp) fault = 'unreachable';
    else if (endpoint.refused || !answering) fault = 'refused';
    states[name] = { status: fault ? 0 : endpoint.status, fault };
  }
  return states;
}

// -- host -----------------------------------------------------------------------------------------

function loadAverages(input: ViewInput, containers: readonly ContainerView[]): NodeView['load'] {
  const cores = containers
    .filter((container) => container.state === 'running')
    .reduce((sum, container) => sum + coresOf(input, container.spec), 0);
  const wobble = (minutes: number) =>
    0.06 *
    signedNoise(input.seed, `${input.nodeId}/load${minutes}`, input.atMs / (minutes * MINUTE_MS));
  return [cores + 0.12 + wobble(1), cores + 0.1 + wobble(5), cores + 0.1 + wobble(15)].map((load) =>
    Math.max(0, Math.round(load * 100) / 100),
  ) as NodeView['load'];
}

function coresOf(input: ViewInput, spec: ScenarioContainer): number {
  const producing = inWindows(input.production, input.atMs);
  return (producing && spec.production?.cpu) || spec.cpu;
}

function availableMemory(
  input: ViewInput,
  node: ScenarioNode,
  containers: readonly ContainerView[],
): number {
  const used = containers.reduce((sum, container) => sum + container.memoryBytes, 0);
  const wobble =
    24 * 1024 * 1024 * signedNoise(input.seed, `${input.nodeId}/mem`, input.atMs / 60_000);
  return Math.max(0, Math.round(node.memTotal - node.hostMemoryUsed - used + wobble));
}
