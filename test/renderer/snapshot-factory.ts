// Small factories for snapshots and health views, valid against the shared schemas, for tests of
// the renderer's reducer and view models. Each takes the few fields a test is about.
import type { FleetHealthView } from '../../shared/api/contract';
import {
  channelNames,
  type Channel,
  type ChannelError,
  type Container,
  type Gpu,
  type Host,
  type NodeSnapshot,
  type Reachability,
  type Snapshot,
} from '../../shared/snapshot';

export const GIBIBYTE = 1024 ** 3;

export function upChannel(): Channel {
  return { state: 'up', latencyMs: 3, error: null, lastSuccessAt: '2026-02-18T21:30:00-03:00' };
}

export function reachability(changes: Partial<Reachability> = {}): Reachability {
  const channels = Object.fromEntries(channelNames.map((name) => [name, upChannel()]));
  return { ...(channels as Reachability), ...changes };
}

export function host(changes: Partial<Host> = {}): Host {
  return {
    uptimeSeconds: 8_495,
    load1: 1.75,
    memTotalBytes: 64 * GIBIBYTE,
    memAvailableBytes: 48 * GIBIBYTE,
    disks: [],
    clock: { ntpSynced: true, offsetMs: 0, timezone: 'America/Sao_Paulo', missing: {} },
    dockerVersion: '28.0.1',
    composeVersion: '2.33.1',
    missing: {},
    ...changes,
  };
}

export function gpu(index: number, temperatureC: number | null): Gpu {
  return {
    index,
    name: 'NVIDIA GeForce RTX 3070',
    uuid: `GPU-${index}`,
    temperatureC,
    memoryUsedBytes: GIBIBYTE,
    memoryTotalBytes: 8 * GIBIBYTE,
    memoryUsedPct: 12.5,
    utilizationPct: 40,
    powerW: 120,
    fanPct: 35,
    telemetry: { state: 'ok' },
    missing:
      temperatureC === null ? { temperatureC: { kind: 'unavailable', detail: '[N/A]' } } : {},
  };
}

export function container(name: string, state: Container['state'] = 'running'): Container {
  const notRead = { kind: 'not-collected' as const, detail: 'slow tier not read yet' };
  return {
    name,
    image: `visionking/${name}`,
    tag: '1.0',
    state,
    health: 'none',
    restartCount: 0,
    oomKilled: false,
    exitCode: state === 'running' ? null : 0,
    startedAt: '2026-02-18T21:00:00-03:00',
    memoryBytes: GIBIBYTE,
    memoryLimitBytes: null,
    cpuPct: null,
    sizeRwBytes: null,
    missing: {
      ...(state === 'running' && { exitCode: { kind: 'not-applicable', detail: 'running' } }),
      memoryLimitBytes: { kind: 'not-applicable', detail: 'no limit set' },
      cpuPct: { kind: 'unavailable', detail: 'needs two reads' },
      sizeRwBytes: notRead,
    },
  };
}

export function downChannel(error: ChannelError): Channel {
  return { state: 'down', latencyMs: null, error, lastSuccessAt: null };
}

export function nodeSnapshot(changes: Partial<NodeSnapshot> = {}): NodeSnapshot {
  return {
    reachability: reachability(),
    host: host(),
    gpus: [gpu(0, 61)],
    containers: [],
    postgres: [],
    postgresServer: null,
    redis: null,
    queues: [],
    endpoints: [],
    logs: {},
    missing: {
      postgresServer: { kind: 'not-collected', detail: 'not asked' },
      redis: { kind: 'not-collected', detail: 'not asked' },
    },
    ...changes,
  };
}

/** A node whose clock reports `timezone`, or whose host could not be read when it is null. */
export function nodeInZone(timezone: string | null): NodeSnapshot {
  if (timezone === null) {
    const down = { kind: 'channel-down' as const, detail: 'timed out' };
    return nodeSnapshot({ host: null, missing: { ...nodeSnapshot().missing, host: down } });
  }
  return nodeSnapshot({
    host: host({ clock: { ntpSynced: true, offsetMs: 0, timezone, missing: {} } }),
  });
}

export function snapshot(takenAt: string, nodes: Record<string, NodeSnapshot> = {}): Snapshot {
  return { version: 1, deployment: '03002', takenAt, nodes };
}

type NodeHealth = FleetHealthView['nodes'][string];
type HealthState = NodeHealth[string]['state'];

export function channelHealth(state: HealthState, lastError: ChannelError | null = null) {
  const failing = lastError !== null;
  return {
    state,
    consecutiveFailures: failing ? 2 : 0,
    consecutiveSuccesses: failing ? 0 : 3,
    lastError,
    since: '2026-02-18T21:30:00-03:00',
  };
}

/** Every channel of every named node up (changed by `changes`), no verdict. */
export function healthView(nodeIds: string[], changes: NodeHealth = {}): FleetHealthView {
  const nodeHealth = (): NodeHealth => ({
    ...Object.fromEntries(channelNames.map((name) => [name, channelHealth('up')])),
    ...changes,
  });
  return { nodes: Object.fromEntries(nodeIds.map((id) => [id, nodeHealth()])), verdict: null };
}
