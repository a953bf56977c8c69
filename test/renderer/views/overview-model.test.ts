import { describe, expect, it } from 'vitest';
import type { FleetSummary } from '../../../shared/api/contract';
import { channelNames, parseSnapshot } from '../../../shared/snapshot';
import {
  channelViews,
  everyNodeUnreachable,
  fullestDisk,
  maxGpuTemperature,
  memoryUsedPct,
  nodeCards,
} from '../../../renderer/views/overview-model';
import {
  channelHealth,
  container,
  downChannel,
  GIBIBYTE,
  gpu,
  healthView,
  host,
  nodeSnapshot,
  reachability,
  snapshot,
} from '../snapshot-factory';

const fleet: FleetSummary = {
  source: 'demo',
  deployment: '03002',
  nodes: [
    { id: 'vk01', role: 'processing', host: '10.244.70.50' },
    { id: 'vk03', role: 'dashboard', host: '10.244.70.20' },
  ],
};
const takenAt = '2026-02-19T00:35:00.000Z';

describe('the Overview model', () => {
  it('is built from valid snapshots (the factory matches the schema)', () => {
    const example = snapshot(takenAt, {
      vk01: nodeSnapshot({ containers: [container('camera'), container('pgadmin', 'exited')] }),
    });
    expect(parseSnapshot(example)).toMatchObject({ ok: true });
  });

  it("gives one card per fleet node in the fleet's order, then nodes only the snapshot has", () => {
    const latest = snapshot(takenAt, { vk09: nodeSnapshot(), vk01: nodeSnapshot() });
    const cards = nodeCards(fleet, latest, null);
    expect(cards.map(({ id, role, host }) => ({ id, role, host }))).toEqual([
      { id: 'vk01', role: 'processing', host: '10.244.70.50' },
      { id: 'vk03', role: 'dashboard', host: '10.244.70.20' },
      { id: 'vk09', role: null, host: null },
    ]);
  });

  it('reads uptime, load, memory, containers and GPUs of a node', () => {
    const node = nodeSnapshot({
      containers: [container('camera-1'), container('camera-2'), container('pgadmin', 'exited')],
      gpus: [gpu(0, 58), gpu(1, 71), gpu(2, null)],
    });
    const [card] = nodeCards(fleet, snapshot(takenAt, { vk01: node }), null);

    expect(card).toMatchObject({
      uptimeSeconds: { value: 8_495 },
      load1: { value: 1.75 },
      memoryUsedPct: { value: 25 },
      containers: { value: { running: 2, restarting: 0, exited: 1, total: 3 } },
      gpuCount: { value: 3 },
      maxGpuTemperatureC: { value: 71 },
    });
  });

  it('says it is waiting, not 0, before the first snapshot', () => {
    const [card] = nodeCards(fleet, null, null);
    const waiting = { value: null, reason: { kind: 'waiting' } };
    expect(card).toMatchObject({ uptimeSeconds: waiting, containers: waiting, gpuCount: waiting });
  });

  it("gives the snapshot's reason when a section could not be read", () => {
    const down = { kind: 'channel-down' as const, detail: 'timed out while waiting for handshake' };
    const node = nodeSnapshot({
      host: null,
      containers: null,
      missing: { ...nodeSnapshot().missing, host: down, containers: down },
    });
    const [card] = nodeCards(fleet, snapshot(takenAt, { vk01: node }), null);
    const missing = { value: null, reason: { kind: 'reported', detail: down.detail } };
    expect(card).toMatchObject({ uptimeSeconds: missing, load1: missing, containers: missing });
  });
});

describe('the hottest GPU', () => {
  it('is "no reading" with the first GPU\'s reason when no GPU reported a temperature', () => {
    const node = nodeSnapshot({ gpus: [gpu(0, null), gpu(1, null)] });
    expect(maxGpuTemperature(node)).toEqual({
      value: null,
      reason: { kind: 'reported', detail: '[N/A]' },
    });
  });

  it('says a node without GPUs has none, and a node without nvidia-smi why', () => {
    expect(maxGpuTemperature(nodeSnapshot({ gpus: [] }))).toEqual({
      value: null,
      reason: { kind: 'no-gpus' },
    });
    const noTool = { kind: 'not-applicable' as const, detail: 'no nvidia-smi on this node' };
    const node = nodeSnapshot({ gpus: null, missing: { ...nodeSnapshot().missing, gpus: noTool } });
    expect(maxGpuTemperature(node)).toMatchObject({ reason: { detail: noTool.detail } });
  });
});

describe('memory used', () => {
  it('is total minus available, in percent', () => {
    const reading = memoryUsedPct(
      host({ memTotalBytes: 32 * GIBIBYTE, memAvailableBytes: 8 * GIBIBYTE }),
    );
    expect(reading).toEqual({ value: 75 });
  });

  it('is never a number when a counter is missing or the total is 0', () => {
    const unparsed = { kind: 'unparsed' as const, detail: 'MemAvailable: ?' };
    const withoutAvailable = host({
      memAvailableBytes: null,
      missing: { memAvailableBytes: unparsed },
    });
    expect(memoryUsedPct(withoutAvailable)).toMatchObject({
      value: null,
      reason: { detail: unparsed.detail },
    });
    expect(memoryUsedPct(host({ memTotalBytes: 0 }))).toMatchObject({ value: null });
  });
});

describe('channel pills', () => {
  it('follow health, and fall back to the raw reachability when health has no word yet', () => {
    const timeout = { kind: 'timeout' as const, message: 'timed out' };
    const node = nodeSnapshot({ reachability: reachability({ ssh: downChannel(timeout) }) });
    const health = healthView(['vk01'], { postgres: channelHealth('degraded', timeout) }).nodes
      .vk01;

    expect(channelViews(node, undefined)[0]).toEqual({
      name: 'ssh',
      status: 'down',
      detail: 'timed out',
    });
    expect(channelViews(node, health).slice(0, 2)).toEqual([
      { name: 'ssh', status: 'up', detail: null },
      { name: 'postgres', status: 'degraded', detail: 'timed out' },
    ]);
    expect(channelViews(null, undefined).map((view) => view.status)).toEqual(
      Array(6).fill('unknown'),
    );
  });

  it('show a channel the fleet file does not configure as not configured, never as down', () => {
    const notConfigured = { kind: 'not-configured' as const, message: 'no Redis settings' };
    // The collector's health counts it as failing; the snapshot says unknown.
    const health = healthView(['vk03'], { redis: channelHealth('down', notConfigured) }).nodes.vk03;
    delete health?.rabbitmq;
    const node = nodeSnapshot({
      reachability: reachability({ rabbitmq: { ...downChannel(notConfigured), state: 'unknown' } }),
    });

    const views = channelViews(node, health);
    expect(views.find((view) => view.name === 'redis')?.status).toBe('not-configured');
    expect(views.find((view) => view.name === 'rabbitmq')?.status).toBe('not-configured');
  });
});

describe('the Overview model, refined', () => {
  it('reads the fullest real disk, leaving tmpfs out, and says why when none reports', () => {
    const disk = (mount: string, usedPct: number, filesystem = '/dev/sda1') => ({
      mount,
      filesystem,
      sizeBytes: 100,
      usedBytes: usedPct,
      availableBytes: 100 - usedPct,
      usedPct,
      missing: {},
    });
    const node = nodeSnapshot({
      host: host({ disks: [disk('/boot', 2), disk('/', 88), disk('/run', 99, 'tmpfs')] }),
    });
    expect(fullestDisk(node)).toEqual({ value: { mount: '/', usedPct: 88 } });
    expect(fullestDisk(nodeSnapshot({ host: host({ disks: [] }) }))).toMatchObject({
      value: null,
      reason: { kind: 'reported' },
    });
    expect(fullestDisk(null)).toEqual({ value: null, reason: { kind: 'waiting' } });
  });

  it('gives each GPU its own readings, a missing one with its reason', () => {
    const [card] = nodeCards(
      fleet,
      snapshot(takenAt, { vk01: nodeSnapshot({ gpus: [gpu(0, null)] }) }),
      null,
    );
    expect(card?.gpus).toEqual([
      {
        index: 0,
        name: 'NVIDIA GeForce RTX 3070',
        temperatureC: { value: null, reason: { kind: 'reported', detail: '[N/A]' } },
        memoryUsedPct: { value: 12.5 },
        utilizationPct: { value: 40 },
      },
    ]);
  });

  it('keeps the last success of each channel for its age', () => {
    const [card] = nodeCards(fleet, snapshot(takenAt, { vk01: nodeSnapshot() }), null);
    expect(card?.channels[0]?.lastSuccessAt).toBe('2026-02-18T21:30:00-03:00');
  });

  it('calls the fleet unreachable only when every node is down with nothing up', () => {
    const down = downChannel({ kind: 'timeout', message: 'no answer' });
    const dark = nodeSnapshot({ reachability: reachability(allChannels(down)) });
    const darkFleet = snapshot(takenAt, { vk01: dark, vk03: dark });
    expect(everyNodeUnreachable(nodeCards(fleet, darkFleet, null))).toBe(true);
    const oneUp = snapshot(takenAt, { vk01: dark, vk03: nodeSnapshot() });
    expect(everyNodeUnreachable(nodeCards(fleet, oneUp, null))).toBe(false);
    // Before anything is known nothing is down: no banner.
    expect(everyNodeUnreachable(nodeCards(fleet, null, null))).toBe(false);
  });
});

function allChannels(channel: ReturnType<typeof downChannel>) {
  return Object.fromEntries(channelNames.map((name) => [name, channel]));
}
