// What the Overview shows of each node, shaped from the fleet, the latest snapshot and the health
// view. Pure data in, plain data out, so the rules (null is never 0, not configured is not down)
// are tested without a DOM.
import type { FleetSummary } from '../../shared/api/contract';
import type { HealthShown } from '../state/app-state';
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
  /** The snapshot's last success on this channel; null when none since the core started. */
  lastSuccessAt?: string | null;
}

export interface ContainerCounts {
  running: number;
  restarting: number;
  exited: number;
  total: number;
}

export interface GpuReadings {
  index: number;
  name: string;
  temperatureC: Reading<number>;
  memoryUsedPct: Reading<number>;
  utilizationPct: Reading<number>;
}

export interface DiskReading {
  mount: string;
  usedPct: number;
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
  /** The fullest disk (tmpfs left out): the one that will stop the node first. */
  fullestDisk: Reading<DiskReading>;
  /** Every GPU with its own readings; empty when there are none or none could be read. */
  gpus: GpuReadings[];
}

const waiting: Reading<never> = { value: null, reason: { kind: 'waiting' } };

/** One card per node: the fleet's nodes in its order, then any the snapshot adds. */
export function nodeCards(
  fleet: FleetSummary | null,
  snapshot: Snapshot | null,
  health: HealthShown | null,
): NodeCard[] {
  const fleetNodes = fleet?.nodes ?? [];
  const extraIds = Object.keys(snapshot?.nodes ?? {}).filter(
    (id) => !fleetNodes.some((node) => node.id === id),
  );
  const described = [...fleetNodes, ...extraIds.map((id) => ({ id, role: null, host: null }))];

  return described.map(({ id, role, host }) => {
    const node = snapshot?.nodes[id] ?? null;
    const channels = channelViews(node, health?.nodes[id]).map((channel) => ({
      ...channel,
      lastSuccessAt: node?.reachability[channel.name].lastSuccessAt ?? null,
    }));
    return { id, role, host, channels, ...readings(node) };
  });
}

type NodeHealth = HealthShown['nodes'][string];

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
    fullestDisk: fullestDisk(node),
    gpus: (node?.gpus ?? []).map(gpuReadings),
  };
}

function gpuReadings(gpu: Gpu): GpuReadings {
  return {
    index: gpu.index,
    name: gpu.name,
    temperatureC: present(gpu.temperatureC, gpu.missing, 'temperatureC'),
    memoryUsedPct: present(gpu.memoryUsedPct, gpu.missing, 'memoryUsedPct'),
    utilizationPct: present(gpu.utilizationPct, gpu.missing, 'utilizationPct'),
  };
}

/** Pseudo file systems hold no data that fills a node. */
const pseudoFilesystems = new Set(['tmpfs', 'devtmpfs', 'overlay', 'squashfs']);

export function fullestDisk(node: NodeSnapshot | null): Reading<DiskReading> {
  if (!node) return waiting;
  if (!node.host) return reported(node.missing, 'host');
  if (!node.host.disks) return reported(node.host.missing, 'disks');
  const disks = node.host.disks.flatMap((disk) =>
    disk.usedPct === null || pseudoFilesystems.has(disk.filesystem ?? '')
      ? []
      : [{ mount: disk.mount, usedPct: disk.usedPct }],
  );
  const fullest = disks.sort((a, b) => b.usedPct - a.usedPct)[0];
  if (fullest) return { value: fullest };
  return { value: null, reason: { kind: 'reported', detail: 'no disk reported its usage' } };
}

/** True when every node has channels down and none up: the workstation, not the plant. */
export function everyNodeUnreachable(cards: readonly NodeCard[]): boolean {
  const reachable = (card: NodeCard) =>
    card.channels.some((channel) => channel.status === 'up' || channel.status === 'degraded');
  const down = (card: NodeCard) => card.channels.some((channel) => channel.status === 'down');
  return cards.length > 0 && cards.every((card) => !reachable(card) && down(card));
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
  const count = (state: string) =>
    node.containers?.filter((container) => container.state === state).length ?? 0;
  return {
    value: {
      running: count('running'),
      restarting: count('restarting'),
      exited: count('exited') + count('dead'),
      total: node.containers.length,
    },
  };
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
