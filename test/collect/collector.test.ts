// The collector against the three-node test plant: real sshd, Redis and PostgreSQL, faults
// injected by stopping and freezing the real servers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFleetCollector, type Collector } from '../../electron/collect/collector';
import { fleetSchema, type Fleet } from '../../shared/fleet';
import { parseSnapshot, type Snapshot } from '../../shared/snapshot';
import { plantFleet } from '../helpers/plant-fleet';
import { startPlant, type NodeId, type Plant, type ServiceName } from '../plant/plant';

const FAST_INTERVAL_MS = 500;

let plant: Plant;
let fleet: Fleet;
let env: NodeJS.ProcessEnv;
let collector: Collector | undefined;

beforeAll(async () => {
  plant = await startPlant();
  const written = plantFleet(plant);
  fleet = fleetSchema.parse(written.fleet);
  env = written.env;
});

afterEach(async () => {
  await collector?.stop();
  collector = undefined;
});

afterAll(async () => {
  await plant?.stop();
});

function startCollector(overrides: Partial<Fleet['nodes']> = {}): Collector {
  const withOverrides = { ...fleet, nodes: { ...fleet.nodes, ...overrides } } as Fleet;
  collector = createFleetCollector(withOverrides, {
    env,
    fastIntervalMs: FAST_INTERVAL_MS,
    slowIntervalMs: 2_000,
    execTimeoutMs: 1_500,
  });
  collector.start();
  return collector;
}

async function waitFor<T>(
  read: () => T | undefined | false,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadlineMs = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadlineMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function healthOf(node: NodeId, channel: 'ssh' | 'redis' | 'postgres'): string | undefined {
  return collector?.health().nodes[node]?.[channel].state;
}

async function allUp(): Promise<void> {
  for (const node of ['vk01', 'vk02', 'vk03'] as const) {
    for (const channel of ['ssh', 'redis', 'postgres'] as const) {
      await waitFor(() => healthOf(node, channel) === 'up', 10_000, `${node} ${channel} up`);
    }
  }
}

describe('one snapshot of the test plant', () => {
  let snapshot: Snapshot;

  beforeAll(async () => {
    const once = createFleetCollector(fleet, { env, execTimeoutMs: 5_000 });
    try {
      snapshot = await once.collectOnce();
    } finally {
      await once.stop();
    }
  });

  it('is a valid snapshot of deployment 03002 with all three nodes', () => {
    const parsed = parseSnapshot(snapshot);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    expect(snapshot.deployment).toBe('03002');
    expect(Object.keys(snapshot.nodes)).toEqual(['vk01', 'vk02', 'vk03']);
  });

  it('reads every channel as up with a latency', () => {
    for (const node of Object.values(snapshot.nodes)) {
      for (const channel of ['ssh', 'postgres', 'redis'] as const) {
        expect(node.reachability[channel]).toMatchObject({ state: 'up', error: null });
        expect(node.reachability[channel].latencyMs).toBeGreaterThan(0);
      }
    }
  });

  it('reads host facts from the node and the versions from its stand-in Docker', () => {
    const host = snapshot.nodes.vk01?.host;
    expect(host?.uptimeSeconds).toBeGreaterThan(0);
    expect(host?.memTotalBytes).toBeGreaterThan(1024 ** 3);
    expect(host?.disks?.some((disk) => disk.mount === '/')).toBe(true);
    expect(host?.dockerVersion).toBe('28.2.2');
  });

  it('reads the containers and the GPU the scenario describes', () => {
    const vk01 = snapshot.nodes.vk01;
    expect(vk01?.containers?.map((container) => container.name)).toContain('database-server');
    expect(vk01?.gpus?.[0]).toMatchObject({
      name: expect.stringContaining('NVIDIA'),
      telemetry: { state: 'ok' },
    });
  });

  it('reads each container from docker ps, its cgroup counters and docker inspect', () => {
    const visualizer = snapshot.nodes.vk01?.containers?.find(
      (container) => container.name === 'visionking-visualizer',
    );
    expect(visualizer).toMatchObject({
      image: 'visionking-visualizer:c006',
      tag: 'c006',
      state: 'running',
      restartCount: 0,
      oomKilled: false,
      sizeRwBytes: 1548288,
      memoryLimitBytes: null,
    });
    expect(visualizer?.memoryBytes).toBeGreaterThan(100 * 1024 ** 2);
    expect(visualizer?.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(visualizer?.missing.cpuPct?.detail).toMatch(/two/);
  });

  it('reads the Compose version of each node, which differ as in 03002', () => {
    const versions = Object.values(snapshot.nodes).map((node) => node.host?.composeVersion);
    expect(versions).toEqual(['2.32.4', '2.29.7', '2.31.0']);
  });

  it('reads a GPU on the processing nodes and none on the dashboard node', () => {
    expect(snapshot.nodes.vk01?.gpus?.[0]?.name).toBe('NVIDIA GeForce RTX 3070');
    expect(snapshot.nodes.vk03?.gpus).toEqual([]);
  });

  it('classifies container log lines by level and finds the missing-database FATAL', () => {
    const plcMonitor = snapshot.nodes.vk01?.logs?.['visionking-plc-monitor'];
    expect(plcMonitor?.countsByLevel.warning).toBeGreaterThan(0);
    const fatal = snapshot.nodes.vk01?.postgresServer?.logErrors?.find((error) =>
      error.message.includes('database "visionking" does not exist'),
    );
    expect(fatal).toMatchObject({ severity: 'FATAL' });
  });

  it('reads PostgreSQL databases with sizes and the Redis keyspace of DB0–DB3', () => {
    const vk02 = snapshot.nodes.vk02;
    const postgres = vk02?.postgres?.find((database) => database.name === 'postgres');
    expect(postgres?.sizeBytes).toBeGreaterThan(1_000_000);
    expect(vk02?.postgresServer?.version).toMatch(/^\d+\.\d+/);
    expect(vk02?.redis?.databases.map((database) => database.db)).toEqual([0, 1, 2, 3]);
  });

  it('reports the watched DB_Speed field as absent, with the reason, not as 0', () => {
    const watched = snapshot.nodes.vk01?.redis?.watched[0];
    expect(watched).toMatchObject({ db: 0, key: 'DB_Speed', exists: false });
    expect(watched?.fields[0]).toMatchObject({ field: 'Velocidade_Tratada', value: null });
    expect(watched?.fields[0]?.missing.value?.kind).toBe('absent');
  });
});

describe('the collector under faults', () => {
  const faults: [ServiceName, 'ssh' | 'redis' | 'postgres'][] = [
    ['sshd', 'ssh'],
    ['redis', 'redis'],
    ['postgres', 'postgres'],
  ];

  it.each(faults)(
    'marks vk02 %s down within two fast ticks, keeps the others on cadence, and recovers',
    async (service, channel) => {
      const running = startCollector();
      await allUp();
      const before = {
        vk01: running.timings.get('vk01')!.fastTicks,
        vk03: running.timings.get('vk03')!.fastTicks,
      };

      const stoppedAtMs = Date.now();
      await plant.stop('vk02', service);
      try {
        await waitFor(
          () => healthOf('vk02', channel) === 'down',
          4 * FAST_INTERVAL_MS + 2_000,
          `vk02 ${channel} down`,
        );
        const downAfterMs = Date.now() - stoppedAtMs;
        expect(downAfterMs).toBeLessThan(2 * FAST_INTERVAL_MS + 1_500);
        expect(healthOf('vk01', channel)).toBe('up');
        expect(healthOf('vk03', channel)).toBe('up');
        const ticksWhileDown = Math.floor(downAfterMs / FAST_INTERVAL_MS);
        expect(running.timings.get('vk01')!.fastTicks - before.vk01).toBeGreaterThanOrEqual(
          ticksWhileDown - 1,
        );
        expect(running.timings.get('vk03')!.fastTicks - before.vk03).toBeGreaterThanOrEqual(
          ticksWhileDown - 1,
        );
      } finally {
        await plant.start('vk02', service);
      }
      const startedAtMs = Date.now();
      await waitFor(() => healthOf('vk02', channel) === 'up', 10_000, `vk02 ${channel} back up`);
      // Two good ticks bring it back; the transport's backoff may add up to one more.
      expect(Date.now() - startedAtMs).toBeLessThan(4 * FAST_INTERVAL_MS + 2_000);
    },
  );

  it('times out on a frozen Redis and PostgreSQL without stalling the other nodes', async () => {
    const running = startCollector();
    await allUp();
    plant.pause('vk03', 'redis');
    plant.pause('vk03', 'postgres');
    try {
      const vk01Before = running.timings.get('vk01')!.fastTicks;
      await waitFor(() => healthOf('vk03', 'redis') === 'down', 15_000, 'vk03 redis down');
      await waitFor(() => healthOf('vk03', 'postgres') === 'down', 15_000, 'vk03 postgres down');
      expect(running.timings.get('vk01')!.fastTicks).toBeGreaterThan(vk01Before + 2);
      const snapshot = running.snapshot();
      expect(snapshot.nodes.vk03?.reachability.redis.error?.kind).toBe('timeout');
    } finally {
      plant.resume('vk03', 'redis');
      plant.resume('vk03', 'postgres');
    }
    await waitFor(() => healthOf('vk03', 'redis') === 'up', 10_000, 'vk03 redis back');
  });

  it('refuses a node whose host key changed, naming both fingerprints', async () => {
    const vk01 = fleet.nodes.vk01!;
    const wrongKey = plant.nodes.vk02.hostKeyFingerprint;
    const running = startCollector({ vk01: { ...vk01, ssh: { ...vk01.ssh!, hostKey: wrongKey } } });
    await waitFor(() => healthOf('vk01', 'ssh') === 'down', 5_000, 'vk01 ssh refused');
    const error = running.snapshot().nodes.vk01?.reachability.ssh.error;
    expect(error?.kind).toBe('host-key');
    expect(error?.message).toContain(wrongKey);
    expect(error?.message).toContain(plant.nodes.vk01.hostKeyFingerprint);
  });

  it('says the problem is likely on the workstation when every node is unreachable', async () => {
    const unreachable = Object.fromEntries(
      Object.entries(fleet.nodes).map(([id, node]) => [id, { ...node, host: '127.0.0.99' }]),
    );
    const running = startCollector(unreachable);
    await waitFor(() => running.health().verdict, 8_000, 'a fleet verdict');
    expect(running.health().verdict?.kind).toBe('all-unreachable');
    expect(running.health().verdict?.message).toContain('workstation');
  });
});
