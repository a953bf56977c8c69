// What the Overview shows of each node, shaped from the fleet, the latest snapshot and the health
// view. Pure data in, plain data out, so the rules (null is never 0, not configured is not down)
// are tested without a DOM.
import type { FleetHealthView, FleetSummary } from '../../shared/api/contract';
import {
  channelNames,
  type Channel,
  type ChannelName,
  type Gpu,
  type MissingMap,
  type NodeSnapshot,
  type Snapshot,
} from '../../shared/snapshot';

/** Why a reading is missing: nothing collected yet, no GPU to read, or what the core reported. */
export type MissingReason =
  { kind: 'waiting' } | { kind: 'no-gpus' } | { kind: 'reported'; detail: string };

export type Reading<T> = { value: T } | { value: null; reason: MissingReason };

export type ChannelStatus = 'up' | 'degraded' | 'down' | 'unknown' | 'not-configured';

export interface ChannelView {
  name: ChannelName;
  status: ChannelStatus;
  /** The latest error's message, for a tooltip; null when the channel answered. */
  detail: string | null;
}

export interface ContainerCounts {
  running: number;
  total: number;
}

export interface NodeCard {
  id: string;
  role: FleetSummary['nodes'][number]['role'] | null;
  host: string | null;
  channels: ChannelView[];
  uptimeSeconds: Reading<number>;
  load1: Reading<number>;
  memoryUsedPct: Reading<number>;
  containers: Reading<ContainerCounts>;
  gpuCount: Reading<number>;
  maxGpuTemperatureC: Reading<number>;
}

const waiting: Reading<never> = { value: null, reason: { kind: 'waiting' } };

/** One card per node: the fleet's nodes in its order, then any the snapshot adds. */
export function nodeCards(
  fleet: FleetSummary | null,
  snapshot: Snapshot | null,
  health: FleetHealthView | null,
): NodeCard[] {
  const fleetNodes = fleet?.nodes ?? [];
  const extraIds = Object.keys(snapshot?.nodes ?? {}).filter(
    (id) => !fleetNodes.some((node) => node.id === id),
  );
  const described = [...fleetNodes, ...extraIds.map((id) => ({ id, role: null, host: null }))];

  return described.map(({ id, role, host }) => {
    const node = snapshot?.nodes[id] ?? null;
    return { id, role, host, channels: channelViews(node, health?.nodes[id]), ...readings(node) };
  });
}

type NodeHealth = FleetHealthView['nodes'][string];

/** Health decides (it smooths single failures); the snapshot's raw reachability stands in. */
export function channelViews(
  node: NodeSnapshot | null,
  health: NodeHealth | undefined,
): ChannelView[] {
  return channelNames.map((name) => {
    const channelHealth = health?.[name];
    if (channelHealth) return channelView(name, channelHealth.state, channelHealth.lastError);
    const observed: Channel | undefined = node?.reachability[name];
    if (observed) return channelView(name, observed.state, observed.error);
    return { name, status: 'unknown', detail: null };
  });
}

function channelView(
  name: ChannelName,
  state: Exclude<ChannelStatus, 'not-configured'>,
  error: { kind: string; message: string } | null,
): ChannelView {
  // The collector counts an unconfigured channel as failing; it is not an outage to show.
  if (error?.kind === 'not-configured')
    return { name, status: 'not-configured', detail: error.message };
  return { name, status: state, detail: error?.message ?? null };
}

function readings(node: NodeSnapshot | null): Omit<NodeCard, 'id' | 'role' | 'host' | 'channels'> {
  return {
    ...hostReadings(node),
    containers: containerCounts(node),
    gpuCount: gpuCount(node),
    maxGpuTemperatureC: maxGpuTemperature(node),
  };
}

function hostReadings(node: NodeSnapshot | null) {
  if (!node) return { uptimeSeconds: waiting, load1: waiting, memoryUsedPct: waiting };
  const host = node.host;
  if (!host) {
    const missing = reported(node.missing, 'host');
    return { uptimeSeconds: missing, load1: missing, memoryUsedPct: missing };
  }
  return {
    uptimeSeconds: present(host.uptimeSeconds, host.missing, 'uptimeSeconds'),
    load1: present(host.load1, host.missing, 'load1'),
    memoryUsedPct: memoryUsedPct(host),
  };
}

/** Used memory as Linux counts it: total minus available (which includes reclaimable cache). */
export function memoryUsedPct(host: NonNullable<NodeSnapshot['host']>): Reading<number> {
  if (host.memTotalBytes === null) return reported(host.missing, 'memTotalBytes');
  if (host.memAvailableBytes === null) return reported(host.missing, 'memAvailableBytes');
  // /proc/meminfo never says 0; a parser slip must not show as 100 % or NaN.
  if (host.memTotalBytes === 0)
    return { value: null, reason: { kind: 'reported', detail: 'MemTotal is 0' } };
  const usedBytes = host.memTotalBytes - host.memAvailableBytes;
  return { value: (usedBytes / host.memTotalBytes) * 100 };
}

function containerCounts(node: NodeSnapshot | null): Reading<ContainerCounts> {
  if (!node) return waiting;
  if (!node.containers) return reported(node.missing, 'containers');
  const running = node.containers.filter((container) => container.state === 'running').length;
  return { value: { running, total: node.containers.length } };
}

function gpuCount(node: NodeSnapshot | null): Reading<number> {
  if (!node) return waiting;
  return node.gpus ? { value: node.gpus.length } : reported(node.missing, 'gpus');
}

/** The hottest GPU that reported a temperature; the first GPU's reason when none did. */
export function maxGpuTemperature(node: NodeSnapshot | null): Reading<number> {
  if (!node) return waiting;
  if (!node.gpus) return reported(node.missing, 'gpus');
  const readingsC = node.gpus.flatMap((gpu) =>
    gpu.temperatureC === null ? [] : [gpu.temperatureC],
  );
  if (readingsC.length > 0) return { value: Math.max(...readingsC) };
  const [first] = node.gpus;
  return first ? reported(first.missing, 'temperatureC' satisfies keyof Gpu) : noGpus;
}

const noGpus: Reading<never> = { value: null, reason: { kind: 'no-gpus' } };

function present(value: number | null, missing: MissingMap, field: string): Reading<number> {
  return value === null ? reported(missing, field) : { value };
}

function reported(missing: MissingMap, field: string): Reading<never> {
  return { value: null, reason: { kind: 'reported', detail: missing[field]?.detail ?? '' } };
}
