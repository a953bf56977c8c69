// The node collector with stand-in transports answering with real command outputs
// (test/fixtures/real-outputs), to pin down what each answer becomes in the snapshot.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NodeTransports } from '../../electron/collect/channels';
import { Collector } from '../../electron/collect/collector';
import { NodeCollector } from '../../electron/collect/node-collector';
import { SECTION_MARK } from '../../electron/transport/ssh-command';
import { nodeSchema } from '../../shared/fleet';
import { nodeSnapshotSchema, type NodeSnapshot } from '../../shared/snapshot';

const fixture = (path: string) => readFileSync(`test/fixtures/real-outputs/${path}`, 'utf8');

const GPU_ROW = '0, NVIDIA GeForce RTX 4090, GPU-3f1c9a2e, 27, 16466, 24564, 0, 21.30, 30\n';
const CONTAINER = 'c0ffee0000000000000000000000000000000000000000000000000000000001';
const PS_LINE = JSON.stringify({
  ID: CONTAINER,
  Image: 'visionking-visualizer:c009',
  Names: 'visualizer',
  State: 'running',
  Status: 'Up 2 hours',
});

/** Answers a batch the way the remote shell would, from a section name → output table. */
function batchAnswer(
  script: string,
  outputs: Record<string, { stdout: string; exit?: number }>,
): string {
  // The script prints its marks with printf: `printf '\\n%s begin %s\\n' MARK name`.
  const marks = new RegExp(`begin %s\\\\n' ${SECTION_MARK} (\\S+)`, 'g');
  const names = [...script.matchAll(marks)].map((match) => match[1] as string);
  return names
    .map((name) => {
      const output = outputs[name] ??
        outputs[name.replace(/^logs\..*/, 'logs.*')] ?? { stdout: '', exit: 127 };
      const end = `${SECTION_MARK} end ${name} ${output.exit ?? 0}`;
      return `\n${SECTION_MARK} begin ${name}\n${output.stdout}\n${end}\n`;
    })
    .join('');
}

function standIn(
  outputs: () => Record<string, { stdout: string; exit?: number }>,
  extra: Partial<NodeTransports> = {},
): NodeTransports {
  return {
    ssh: {
      exec: async (script) => ({
        ok: true,
        exitCode: 0,
        signal: null,
        stdout: batchAnswer(script, outputs()),
        stderr: '',
        truncated: false,
        durationMs: 12,
      }),
      close: () => undefined,
    },
    postgres: null,
    redis: null,
    rabbitmq: null,
    prometheus: null,
    probeHttp: async () => ({
      status: 0,
      latencyMs: 3,
      error: { kind: 'socket', message: 'connect ECONNREFUSED' },
    }),
    ...extra,
  };
}

const node = nodeSchema.parse({ role: 'processing', host: '10.0.0.11', ssh: { user: 'vk' } });

function valid(snapshot: NodeSnapshot): NodeSnapshot {
  const parsed = nodeSnapshotSchema.safeParse(snapshot);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  return snapshot;
}

describe('the node collector', () => {
  it('keeps known GPUs, readings null with the driver reason, when nvidia-smi fails', async () => {
    let gpuOutput = { stdout: GPU_ROW, exit: 0 };
    const collector = new NodeCollector(
      'vk01',
      node,
      standIn(() => ({ gpus: gpuOutput })),
    );

    await collector.fastTick();
    expect(valid(collector.snapshot()).gpus?.[0]).toMatchObject({
      temperatureC: 27,
      utilizationPct: 0,
    });

    gpuOutput = {
      stdout: fixture('04-nvidia-smi/error-failed-communicate-driver-single-line.txt'),
      exit: 9,
    };
    await collector.fastTick();
    const lost = valid(collector.snapshot()).gpus?.[0];
    expect(lost).toMatchObject({
      name: 'NVIDIA GeForce RTX 4090',
      temperatureC: null,
      telemetry: { state: 'unavailable' },
    });
    expect(lost?.telemetry.state === 'unavailable' && lost.telemetry.reason).toMatch(/driver/i);
    expect(lost?.missing.temperatureC?.kind).toBe('error');

    gpuOutput = { stdout: GPU_ROW, exit: 0 };
    await collector.fastTick();
    expect(valid(collector.snapshot()).gpus?.[0]?.telemetry).toEqual({ state: 'ok' });
  });

  it('reports no GPUs, not missing ones, when nvidia-smi finds no devices', async () => {
    const output = {
      stdout: fixture('04-nvidia-smi/error-no-devices-were-found-rtx5090.txt'),
      exit: 6,
    };
    const collector = new NodeCollector(
      'vk03',
      node,
      standIn(() => ({ gpus: output })),
    );
    await collector.fastTick();
    expect(valid(collector.snapshot()).gpus).toEqual([]);
  });

  it('computes CPU % between two cgroup reads and memory without page cache', async () => {
    let atMs = Date.parse('2026-12-03T08:00:00Z');
    let usageUsec = 40_000_000;
    const outputs = () => ({
      containers: { stdout: `${PS_LINE}\n` },
      cgroups: { stdout: `${CONTAINER} 419430400 max 20971520 ${usageUsec}\n` },
    });
    const collector = new NodeCollector('vk02', node, standIn(outputs), {
      now: () => new Date(atMs),
    });

    await collector.fastTick();
    const first = valid(collector.snapshot()).containers?.[0];
    expect(first).toMatchObject({
      name: 'visualizer',
      tag: 'c009',
      memoryBytes: 398458880,
      memoryLimitBytes: null,
      cpuPct: null,
    });
    expect(first?.missing.cpuPct?.detail).toMatch(/two/);

    atMs += 5_000;
    usageUsec += 2_400_000;
    await collector.fastTick();
    expect(valid(collector.snapshot()).containers?.[0]?.cpuPct).toBe(48);
  });

  it('counts only log lines newer than the previous read, classified by level', async () => {
    const pgLog = fixture('08-postgres-logs/docker-logs-timestamps-role-root-tab-continuation.txt');
    const lines = pgLog.trim().split('\n');
    let logOutput = lines.slice(0, 2).join('\n');
    const outputs = () => ({
      containers: {
        stdout: JSON.stringify({
          ID: CONTAINER,
          Image: 'postgres:15',
          Names: 'database-server',
          State: 'running',
          Status: 'Up',
        }),
      },
      'logs.*': { stdout: logOutput },
    });
    const collector = new NodeCollector('vk01', node, standIn(outputs));
    await collector.fastTick();

    await collector.slowTick();
    expect(valid(collector.snapshot()).logs?.['database-server']?.countsByLevel).toMatchObject({
      info: 1,
      fatal: 1,
    });

    logOutput = lines.join('\n');
    await collector.slowTick();
    const logs = valid(collector.snapshot()).logs?.['database-server'];
    const expectedNew = lines.length - 2;
    const counted = Object.values(logs?.countsByLevel ?? {}).reduce((sum, count) => sum + count, 0);
    expect(counted).toBe(expectedNew);
  });

  it('marks Prometheus and RabbitMQ down with their errors when they fail', async () => {
    const withBoth = nodeSchema.parse({
      ...node,
      prometheus: 'http://10.0.0.11:9090',
      rabbitmq: { url: 'http://10.0.0.11:15672', user: 'guest' },
    });
    const error = { kind: 'timeout' as const, message: 'no answer in 3000 ms' };
    const transports = standIn(() => ({}), {
      prometheus: async () => ({ ok: false, error, durationMs: 3000 }),
      rabbitmq: async () => ({
        ok: false,
        error: { kind: 'auth', message: 'HTTP 401' },
        durationMs: 4,
      }),
    });
    const collector = new NodeCollector('vk01', withBoth, transports);
    await collector.fastTick();
    await collector.slowTick();
    const reachability = valid(collector.snapshot()).reachability;
    expect(reachability.prometheus).toMatchObject({ state: 'down', error });
    expect(reachability.rabbitmq).toMatchObject({ state: 'down', error: { kind: 'auth' } });
    expect(collector.snapshot().missing.queues?.kind).toBe('channel-down');
  });

  it('names what is not configured instead of guessing', async () => {
    const collector = new NodeCollector(
      'vk03',
      nodeSchema.parse({ role: 'dashboard', host: '10.0.0.13' }),
      { ...standIn(() => ({})), ssh: null },
    );
    await collector.fastTick();
    const snapshot = valid(collector.snapshot());
    expect(snapshot.reachability.ssh).toMatchObject({
      state: 'unknown',
      error: { kind: 'not-configured' },
    });
    expect(snapshot.host).toBeNull();
    expect(snapshot.containers).toBeNull();
  });
});

describe('snapshots built twice from one tick', () => {
  it('give the same CPU %, not a zero from comparing a tick with itself', async () => {
    let atMs = Date.parse('2026-12-03T08:00:00Z');
    let usageUsec = 1_000_000;
    const outputs = () => ({
      containers: { stdout: `${PS_LINE}\n` },
      cgroups: { stdout: `${CONTAINER} 1000 max 0 ${usageUsec}\n` },
    });
    const collector = new NodeCollector('vk01', node, standIn(outputs), {
      now: () => new Date(atMs),
    });
    await collector.fastTick();
    atMs += 1_000;
    usageUsec += 80_000;
    await collector.fastTick();
    atMs += 200;
    expect(collector.snapshot().containers?.[0]?.cpuPct).toBe(8);
    expect(collector.snapshot().containers?.[0]?.cpuPct).toBe(8);
  });
});

describe('GPUs through Prometheus', () => {
  it('come from the DCGM exporter when nvidia-smi cannot be read', async () => {
    const withPrometheus = nodeSchema.parse({ ...node, prometheus: 'http://10.0.0.11:9090' });
    const series = [
      ['DCGM_FI_DEV_GPU_TEMP', '24'],
      ['DCGM_FI_DEV_FB_USED', '16466'],
      ['DCGM_FI_DEV_FB_FREE', '7922'],
      ['DCGM_FI_DEV_GPU_UTIL', '0'],
    ].map(([name, value]) => ({
      metric: { __name__: name as string, gpu: '0', modelName: 'NVIDIA GeForce RTX 4090' },
      points: [{ timeSeconds: 1_770_000_000, value: Number(value), valueText: value as string }],
    }));
    const transports = standIn(
      () => ({ gpus: { stdout: 'bash: nvidia-smi: command not found', exit: 127 } }),
      {
        prometheus: async () => ({
          ok: true,
          value: { status: 'success', resultType: 'vector', series, warnings: [], problems: [] },
          durationMs: 5,
        }),
      },
    );
    const collector = new NodeCollector('vk01', withPrometheus, transports);
    await collector.fastTick();
    const gpu = valid(collector.snapshot()).gpus?.[0];
    expect(gpu).toMatchObject({
      name: 'NVIDIA GeForce RTX 4090',
      temperatureC: 24,
      utilizationPct: 0,
    });
    expect(gpu?.memoryUsedBytes).toBe(16466 * 1024 * 1024);
  });
});

describe('slow-tier reads', () => {
  it('read quiet containers back to the previous read, losing no lines', async () => {
    let atMs = Date.parse('2026-12-03T08:00:00Z');
    const scripts: string[] = [];
    const transports = standIn(() => ({
      containers: { stdout: `${PS_LINE}\n` },
      'logs.*': { stdout: '' },
    }));
    const exec = transports.ssh!.exec;
    transports.ssh!.exec = (script, options) => {
      scripts.push(script);
      return exec(script, options);
    };
    const collector = new NodeCollector('vk01', node, transports, { now: () => new Date(atMs) });
    await collector.fastTick();
    await collector.slowTick();
    atMs += 5 * 60_000;
    await collector.slowTick();
    expect(scripts[1]).toContain('--since 60s');
    expect(scripts[2]).toContain('--since 305s');
  });

  it('keeps the inspected containers when docker also reports one that vanished', async () => {
    const entry = {
      Id: CONTAINER,
      Name: '/visualizer',
      RestartCount: 3,
      State: { Status: 'running', OOMKilled: true },
      SizeRw: 120_000_000,
    };
    const inspect = `${JSON.stringify([entry])}\nError: No such object: 0123456789ab\n`;
    const outputs = () => ({
      containers: { stdout: `${PS_LINE}\n` },
      inspect: { stdout: inspect, exit: 1 },
    });
    const collector = new NodeCollector('vk01', node, standIn(outputs));
    await collector.fastTick();
    await collector.slowTick();
    expect(valid(collector.snapshot()).containers?.[0]).toMatchObject({
      restartCount: 3,
      oomKilled: true,
      sizeRwBytes: 120_000_000,
    });
  });
});

describe('health of channels read on the slow tier', () => {
  it('follows RabbitMQ, read once per slow tick, counting each observation once', async () => {
    const withRabbit = nodeSchema.parse({
      ...node,
      rabbitmq: { url: 'http://10.0.0.11:15672', user: 'guest' },
    });
    const fleet = {
      deployment: '03002',
      collection: { fastIntervalSeconds: 5, slowIntervalSeconds: 60 },
      nodes: { vk01: withRabbit },
    };
    const transports = standIn(() => ({}), {
      rabbitmq: async () => ({
        ok: false,
        error: { kind: 'socket', message: 'ECONNREFUSED' },
        durationMs: 1,
      }),
    });
    const collector = new Collector({ fleet, transportsFor: () => transports });
    await collector.collectOnce();
    expect(collector.health().nodes.vk01?.rabbitmq.state).toBe('unknown');
    await collector.collectOnce();
    expect(collector.health().nodes.vk01?.rabbitmq).toMatchObject({
      state: 'down',
      consecutiveFailures: 2,
    });
    // SSH answers on both tiers: two fast and two slow execs, each counted once.
    expect(collector.health().nodes.vk01?.ssh).toMatchObject({
      state: 'up',
      consecutiveSuccesses: 4,
    });
    expect(collector.health().nodes.vk01?.redis).toMatchObject({
      state: 'unknown',
      lastError: { kind: 'not-configured' },
    });
    await collector.stop();
  });
});
