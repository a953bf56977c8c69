// The scheduler: every node runs its own fast and slow loops, so a dead node never delays the
// others, and a fleet snapshot is composed from each node's latest state on the fast cadence.
import type { Fleet } from '../../shared/fleet';
import {
  SNAPSHOT_VERSION,
  type Channel,
  type ChannelName,
  type NodeSnapshot,
  type Snapshot,
} from '../../shared/snapshot';
import { createLogger } from '../log';
import { closeNodeTransports, createNodeTransports, type NodeTransports } from './channels';
import {
  fleetVerdict,
  initialHealth,
  nextHealth,
  type ChannelHealth,
  type FleetVerdict,
} from './health';
import { NodeCollector, type TickTiming } from './node-collector';

export type FleetHealth = Record<string, Record<ChannelName, ChannelHealth>>;

export interface NodeTimings {
  fast: TickTiming | null;
  slow: TickTiming | null;
  fastTicks: number;
  slowTicks: number;
}

export interface CollectorOptions {
  fleet: Fleet;
  transportsFor: (nodeId: string) => NodeTransports;
  fastIntervalMs?: number;
  slowIntervalMs?: number;
  execTimeoutMs?: number;
  now?: () => Date;
}

export interface CollectorListeners {
  snapshot?: (snapshot: Snapshot) => void;
  health?: (health: { nodes: FleetHealth; verdict: FleetVerdict | null }) => void;
}

const channelNames: ChannelName[] = ['ssh', 'postgres', 'redis', 'http', 'prometheus', 'rabbitmq'];

export class Collector {
  private readonly log = createLogger('collect');
  private readonly nodes = new Map<string, NodeCollector>();
  private readonly transports = new Map<string, NodeTransports>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly healthByNode: FleetHealth = {};
  /** Per node: the latest tick timings and how many ticks of each tier have completed. */
  readonly timings = new Map<string, NodeTimings>();
  private running = false;
  /** Per `node/channel`: observations already fed to the health state machine. */
  private readonly fedObservations = new Map<string, number>();
  private readonly now: () => Date;

  constructor(
    private readonly options: CollectorOptions,
    private listeners: CollectorListeners = {},
  ) {
    this.now = options.now ?? (() => new Date());
    for (const [nodeId, node] of Object.entries(options.fleet.nodes)) {
      const transports = options.transportsFor(nodeId);
      this.transports.set(nodeId, transports);
      const cgroupRoot = node.ssh?.cgroupRoot;
      this.nodes.set(
        nodeId,
        new NodeCollector(nodeId, node, transports, {
          execTimeoutMs: options.execTimeoutMs,
          cgroupRoot,
          now: this.now,
        }),
      );
      this.healthByNode[nodeId] = Object.fromEntries(
        channelNames.map((name) => [name, initialHealth(this.now())]),
      ) as Record<ChannelName, ChannelHealth>;
      this.timings.set(nodeId, { fast: null, slow: null, fastTicks: 0, slowTicks: 0 });
    }
  }

  /** Replaces the listeners told about new snapshots and health changes. */
  subscribe(listeners: CollectorListeners): void {
    this.listeners = listeners;
  }

  get fastIntervalMs(): number {
    return this.options.fastIntervalMs ?? this.options.fleet.collection.fastIntervalSeconds * 1000;
  }

  get slowIntervalMs(): number {
    return this.options.slowIntervalMs ?? this.options.fleet.collection.slowIntervalSeconds * 1000;
  }

  /** One fast and one slow tick of every node, in parallel; then the snapshot. */
  async collectOnce(): Promise<Snapshot> {
    await Promise.all(
      [...this.nodes.keys()].map(async (nodeId) => {
        await this.fastTick(nodeId);
        await this.slowTick(nodeId);
      }),
    );
    return this.snapshot();
  }

  /** One fast tick of every node at once, as the scheduler runs them. */
  async fastTickAll(): Promise<void> {
    await Promise.all([...this.nodes.keys()].map((nodeId) => this.fastTick(nodeId)));
  }

  /** SSH commands run so far on each node (one per tick when batching works). */
  sshExecCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [nodeId, transports] of this.transports)
      counts[nodeId] = transports.ssh?.counters?.execs ?? 0;
    return counts;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const nodeId of this.nodes.keys()) {
      this.loop(nodeId, 'fast', this.fastIntervalMs);
      this.loop(nodeId, 'slow', this.slowIntervalMs);
    }
    this.every(this.fastIntervalMs, () => this.listeners.snapshot?.(this.snapshot()));
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(
      [...this.transports.values()].map((transports) => closeNodeTransports(transports)),
    );
  }

  snapshot(): Snapshot {
    const nodes: Record<string, NodeSnapshot> = {};
    for (const [nodeId, collector] of this.nodes) nodes[nodeId] = collector.snapshot();
    return {
      version: SNAPSHOT_VERSION,
      deployment: this.options.fleet.deployment,
      takenAt: this.now().toISOString(),
      nodes,
    };
  }

  health(): { nodes: FleetHealth; verdict: FleetVerdict | null } {
    return { nodes: this.healthByNode, verdict: this.verdict() };
  }

  private verdict(): FleetVerdict | null {
    const states: Record<string, Record<string, ChannelHealth['state']>> = {};
    for (const [nodeId, channels] of Object.entries(this.healthByNode)) {
      const configured = Object.entries(channels).filter(
        ([, health]) => health.lastError?.kind !== 'not-configured',
      );
      states[nodeId] = Object.fromEntries(configured.map(([name, health]) => [name, health.state]));
    }
    return fleetVerdict(states);
  }

  /** Runs a node's tier back to back on its own cadence; a slow tick only delays its own node. */
  private loop(nodeId: string, tier: 'fast' | 'slow', intervalMs: number): void {
    const run = async () => {
      if (!this.running) return;
      const startedMs = performance.now();
      try {
        await (tier === 'fast' ? this.fastTick(nodeId) : this.slowTick(nodeId));
      } catch (error) {
        this.log.error({ node: nodeId, tier, err: error }, 'tick failed');
      }
      if (!this.running) return;
      this.schedule(Math.max(0, intervalMs - (performance.now() - startedMs)), run);
    };
    void run();
  }

  private every(intervalMs: number, work: () => void): void {
    const run = () => {
      if (!this.running) return;
      work();
      this.schedule(intervalMs, run);
    };
    this.schedule(intervalMs, run);
  }

  private schedule(delayMs: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, delayMs);
    this.timers.add(timer);
  }

  private async fastTick(nodeId: string): Promise<void> {
    const collector = this.nodes.get(nodeId);
    if (!collector) return;
    const timing = await collector.fastTick();
    const previous = this.timings.get(nodeId)!;
    this.timings.set(nodeId, { ...previous, fast: timing, fastTicks: previous.fastTicks + 1 });
    this.updateHealth(nodeId);
  }

  private async slowTick(nodeId: string): Promise<void> {
    const timing = await this.nodes.get(nodeId)?.slowTick();
    this.updateHealth(nodeId);
    const previous = this.timings.get(nodeId)!;
    if (timing)
      this.timings.set(nodeId, { ...previous, slow: timing, slowTicks: previous.slowTicks + 1 });
  }

  /**
   * Feeds each channel's new observations (fast or slow tier) to its health state machine, once
   * each. A channel the fleet file does not configure stays `unknown`, never `down`.
   */
  private updateHealth(nodeId: string): void {
    const collector = this.nodes.get(nodeId);
    const current = this.healthByNode[nodeId];
    if (!collector || !current) return;
    const reachability = collector.snapshot().reachability;
    let changed = false;
    for (const name of channelNames) {
      const seen = collector.observationCount(name);
      if (seen === (this.fedObservations.get(`${nodeId}/${name}`) ?? 0)) continue;
      this.fedObservations.set(`${nodeId}/${name}`, seen);
      const next = this.nextChannelHealth(current[name], reachability[name]);
      changed ||= next.state !== current[name].state;
      current[name] = next;
    }
    if (changed) this.announceHealth(nodeId);
  }

  private nextChannelHealth(health: ChannelHealth, channel: Channel): ChannelHealth {
    if (channel.error?.kind === 'not-configured') {
      return { ...health, state: 'unknown', lastError: channel.error };
    }
    return nextHealth(health, channel.state === 'up' ? null : channel.error, this.now());
  }

  private announceHealth(nodeId: string): void {
    const verdict = this.verdict();
    const states = summarize(this.healthByNode[nodeId] ?? {});
    this.log.info({ node: nodeId, states, verdict: verdict?.kind ?? null }, 'health changed');
    this.listeners.health?.({ nodes: this.healthByNode, verdict });
  }
}

function summarize(channels: Partial<Record<ChannelName, ChannelHealth>>): Record<string, string> {
  return Object.fromEntries(Object.entries(channels).map(([name, health]) => [name, health.state]));
}

/** A collector over real transports for every node of a fleet file. */
export function createFleetCollector(
  fleet: Fleet,
  options: Omit<CollectorOptions, 'fleet' | 'transportsFor'> & { env?: NodeJS.ProcessEnv } = {},
): Collector {
  const fastIntervalMs = options.fastIntervalMs ?? fleet.collection.fastIntervalSeconds * 1000;
  return new Collector({
    ...options,
    fleet,
    transportsFor: (nodeId) => {
      const node = fleet.nodes[nodeId];
      if (!node) throw new Error(`no node ${nodeId} in the fleet`);
      return createNodeTransports(nodeId, node, { env: options.env, fastIntervalMs });
    },
  });
}
