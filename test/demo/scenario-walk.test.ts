// Steps the whole 03002 scenario through collection — the real Collector, node collectors,
// parsers and snapshot builders over the demo transports — and checks, moment by moment, that the
// snapshots show what the reference report describes. Each `it` moves the simulated clock on, so
// they run in order; tolerances are stated beside each check. Times are the plant's (UTC-3).
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRedisClientErrors } from '../../electron/probes/redis-client-log';
import type { Container, Snapshot } from '../../shared/snapshot';
import {
  container,
  expectWithin,
  local,
  logTexts,
  memoryMiB,
  MIB,
  MINUTE,
  node,
  slope,
  Walk,
} from './walk';

const NODES = ['vk01', 'vk02', 'vk03'];
let walk: Walk;
let productionStart: Snapshot;

beforeAll(() => {
  walk = new Walk();
});

describe('the 03002 scenario, collected moment by moment', () => {
  it('21:31 — a plant with a down pgAdmin and visualizers that answer nothing', async () => {
    const snapshot = await walk.at(local('2026-02-18 21:31'));
    for (const id of NODES) expect(node(snapshot, id).reachability.ssh.state).toBe('up');
    const endpoint = (id: string, name: string) =>
      node(snapshot, id).endpoints.find((candidate) => candidate.name === name);
    // Report 21:53 #2: pgAdmin status 0 while the frontend answers 200.
    expect(endpoint('vk03', 'pgadmin')).toMatchObject({ status: 0, error: { kind: 'socket' } });
    expect(endpoint('vk03', 'frontend')?.status).toBe(200);
    expect(container(snapshot, 'vk03', 'pgadmin').state).toBe('exited');
    // Report 21:53 #3: the visualizer endpoints of vk01 and vk02 answer nothing.
    for (const id of ['vk01', 'vk02']) {
      expect(endpoint(id, 'visualizer')?.status).toBe(0);
      expect(endpoint(id, 'visualizer')?.error?.message).toMatch(/ECONNREFUSED/);
      expect(endpoint(id, 'portainer')?.status).toBe(200);
    }
  });

  it('21:32 — version drift and an asymmetric deployment of the processing nodes', async () => {
    const snapshot = await walk.at(local('2026-02-18 21:32'));
    // Report 23:18 #2: inference c014 (dev image) on vk01, c009 on vk02.
    expect(container(snapshot, 'vk01', 'visionking-inference')).toMatchObject({
      image: 'dev-visionking-inference:c014',
      tag: 'c014',
    });
    expect(container(snapshot, 'vk02', 'visionking-inference').tag).toBe('c009');
    // Report 23:36 #4: Compose 2.32.4 / 2.29.7 / 2.31.0.
    const compose = NODES.map((id) => node(snapshot, id).host?.composeVersion);
    expect(compose).toEqual(['2.32.4', '2.29.7', '2.31.0']);
    expect(new Set(NODES.map((id) => node(snapshot, id).host?.dockerVersion)).size).toBe(3);
    // Report 23:18 #3: length-measure, rc-* and pm-* only on vk02.
    const names = (id: string) => node(snapshot, id).containers?.map((entry) => entry.name) ?? [];
    const onlyOnVk02 = names('vk02').filter((name) => !names('vk01').includes(name));
    expect(onlyOnVk02).toEqual(
      expect.arrayContaining(['visionking-length-measure', 'rc-sis-surface', 'pm-sis-surface']),
    );
  });

  it('21:37:30 — vk01 is rebooting: every channel fails, Portainer included', async () => {
    const snapshot = await walk.at(local('2026-02-18 21:37:30'));
    const vk01 = node(snapshot, 'vk01');
    expect(vk01.reachability.ssh).toMatchObject({ state: 'down', error: { kind: 'timeout' } });
    expect(vk01.reachability.postgres.error?.message).toMatch(/EHOSTUNREACH 10\.244\.70\.50:2345/);
    expect(vk01.endpoints.every((endpoint) => endpoint.status === 0)).toBe(true);
    expect(vk01.host).toBeNull();
    expect(node(snapshot, 'vk02').reachability.ssh.state).toBe('up');
  });

  it('21:41 - vk01 is back, its cameras warn about LUTs at boot; vk02 KeyDB is down', async () => {
    // Full collections once a minute, the collector's real slow cadence.
    const collected = await walk.walkTo(local('2026-02-18 21:41'), MINUTE, MINUTE);
    const snapshot = await walk.at(local('2026-02-18 21:41'));
    expect(node(snapshot, 'vk01').host?.uptimeSeconds).toBeLessThan(3 * 60);
    // Report 22:08 #4: one LUTValueAll warning per camera at boot.
    const lut = collected.flatMap((read) =>
      logTexts(read, 'vk01', 'camera-acquisition').filter((text) =>
        text.includes("WARNING - LUTValueAll: Don't know how to set value from string"),
      ),
    );
    expect(lut).toHaveLength(4);
    // Report 22:08 #1: KeyDB went down with vk02's monitoring stack.
    expect(node(snapshot, 'vk02').reachability.redis.error?.message).toBe(
      'connect ECONNREFUSED 10.244.70.26:4000',
    );
    expect(container(snapshot, 'vk02', 'keydb').state).toBe('exited');
    expect(backendRedisErrors(snapshot).at(-1)).toMatchObject({ kind: 'refused' });
  });

  it('21:42:30 — the backend meets EHOSTUNREACH, then 21:45 ECONNREFUSED again', async () => {
    const unreachable = await walk.at(local('2026-02-18 21:42:30'));
    expect(node(unreachable, 'vk02').reachability.redis.error?.message).toMatch(/EHOSTUNREACH/);
    expect(backendRedisErrors(unreachable).at(-1)).toMatchObject({
      kind: 'unreachable',
      target: '10.244.70.26:4000',
    });
    const refused = await walk.at(local('2026-02-18 21:44:30'));
    expect(node(refused, 'vk02').reachability.redis.state).toBe('up');
    expect(backendRedisErrors(refused).at(-1)?.kind).toBe('refused');
  });

  it('21:53 — SSH times out on all nodes while Portainer and the databases answer', async () => {
    await walk.walkTo(local('2026-02-18 21:53'), 2 * MINUTE);
    const snapshot = await walk.at(local('2026-02-18 21:53'));
    for (const id of NODES) {
      const reached = node(snapshot, id);
      expect(reached.reachability.ssh).toMatchObject({ state: 'down', error: { kind: 'timeout' } });
      expect(reached.reachability.postgres.state).toBe('up');
      expect(reached.endpoints.find((endpoint) => endpoint.name === 'portainer')?.status).toBe(200);
      expect(reached.containers).toBeNull();
    }
    // The GPUs stay in view through Prometheus and the DCGM exporter.
    for (const id of ['vk01', 'vk02']) {
      expect(Math.abs((node(snapshot, id).gpus?.[0]?.memoryUsedPct ?? 0) - 67.4)).toBeLessThan(0.5);
    }
    // Report 21:53 #1: the verdict points at our side, not at the nodes.
    expect(walk.plant.collector.health().verdict?.kind).toBe('ssh-unreachable-everywhere');
  });

  it('22:08 — the backend still loops, FATAL once a minute on vk01 and vk02', async () => {
    await walk.walkTo(local('2026-02-18 22:06'), 5 * MINUTE);
    const resumed = await walk.at(local('2026-02-18 22:06'));
    // Report 22:08 #5: vk02 writes lines stamped three days ahead, Docker's stamps are right.
    const ahead = node(resumed, 'vk02').logs?.['dw-sis-surface']?.lines.filter((line) =>
      line.text.includes(' 2026-02-21 18:00:01,'),
    );
    expect(ahead).toHaveLength(1);
    expect(ahead?.[0]?.at).toMatch(/^2026-02-19T01:00:01\.\d{3}Z$/);
    expect(node(resumed, 'vk02').host?.clock?.ntpSynced).toBe(false);
    const snapshot = await walk.at(local('2026-02-18 22:08'));
    for (const id of NODES) expect(node(snapshot, id).reachability.ssh.state).toBe('up');
    // Report 22:08 #1: ECONNREFUSED to 10.244.70.26:4000 long after KeyDB came back.
    expect(node(snapshot, 'vk02').reachability.redis.state).toBe('up');
    expect(backendRedisErrors(snapshot).length).toBeGreaterThan(0);
    expect(backendRedisErrors(snapshot).every((error) => error.kind === 'refused')).toBe(true);
    // Report 22:08 #2, 02:43 #2: 2 minutes read, 2 FATALs (± 1) per node, the same seconds.
    for (const id of ['vk01', 'vk02']) {
      const fatal = node(snapshot, id).postgresServer?.logErrors?.find(
        (error) => error.message === 'database "visionking" does not exist',
      );
      expect(fatal?.severity).toBe('FATAL');
      expect(Math.abs((fatal?.count ?? 0) - 2)).toBeLessThanOrEqual(1);
    }
  });

  it('22:08 — the visualizer holds 414 MiB; GPUs hold 67.4 % at 0 % utilization', async () => {
    const snapshot = await walk.at(local('2026-02-18 22:08:30'));
    // Report 22:08 #3: 414 MB (± 1 MiB).
    expectWithin(memoryMiB(snapshot, 'vk02', 'visionking-visualizer'), 414, 1 / 414);
    // Report 22:08 #4 and 23:33 #2: ± 0.5 percentage points.
    for (const id of ['vk01', 'vk02']) {
      const gpu = node(snapshot, id).gpus?.[0];
      expect(Math.abs((gpu?.memoryUsedPct ?? 0) - 67.4)).toBeLessThanOrEqual(0.5);
      expect(gpu?.utilizationPct).toBe(0);
    }
  });

  it('22:18 — ten minutes read, ten FATALs on each node, in the same second', async () => {
    const snapshot = await walk.at(local('2026-02-18 22:18:30'));
    const fatals = ['vk01', 'vk02'].map((id) =>
      node(snapshot, id).postgresServer?.logErrors?.find((error) => error.severity === 'FATAL'),
    );
    // Report 02:43 #2: exactly one per minute per node (± 1 over 10 minutes).
    for (const fatal of fatals) expect(Math.abs((fatal?.count ?? 0) - 10)).toBeLessThanOrEqual(1);
    // Report 23:33 #1: synchronized on both nodes, a central client (within 1 s).
    const lastAt = fatals.map((fatal) => Date.parse(fatal?.lastAt ?? ''));
    expect(Math.abs((lastAt[0] ?? 0) - (lastAt[1] ?? 0))).toBeLessThan(1_000);
  });

  it('22:52 - the visualizer nears 400 MiB, is OOM-killed and comes back at its base', async () => {
    await walk.walkTo(local('2026-02-18 22:50'), 10 * MINUTE, 20 * MINUTE);
    const before = await walk.at(local('2026-02-18 22:50'));
    const peak = memoryMiB(before, 'vk02', 'visionking-visualizer');
    // "killed near ~400 MB": within 5 % of 400 MiB, just under its 416 MiB limit.
    expectWithin(peak, 400, 0.05);
    const restarts = container(before, 'vk02', 'visionking-visualizer').restartCount ?? 0;
    const collected = await walk.walkTo(local('2026-02-18 22:55'), MINUTE, MINUTE);
    const after = await walk.at(local('2026-02-18 22:55'));
    const visualizer = container(after, 'vk02', 'visionking-visualizer');
    expect(visualizer.restartCount).toBe(restarts + 1);
    // Report 23:02 #3: back to 315 MB (± 1 MiB).
    expectWithin(memoryMiB(after, 'vk02', 'visionking-visualizer'), 315, 1 / 315);
    expect(Date.parse(visualizer.startedAt ?? '')).toBeGreaterThan(local('2026-02-18 22:52'));
    const logs = collected.flatMap((read) => logTexts(read, 'vk02', 'visionking-visualizer'));
    expect(logs.join('\n')).toMatch(
      /\[ERROR\] Worker \(pid:\d+\) was sent SIGKILL! Perhaps out of memory\?/,
    );
  });

  it('23:02 — intel-gpu-exporter gone from vk01, still crash-looping on vk02', async () => {
    const earlier = container(
      await walk.at(local('2026-02-18 22:58')),
      'vk02',
      'intel-gpu-exporter',
    );
    const snapshot = await walk.at(local('2026-02-18 23:02'));
    const names = node(snapshot, 'vk01').containers?.map((entry) => entry.name);
    expect(names).not.toContain('intel-gpu-exporter');
    const looping = container(snapshot, 'vk02', 'intel-gpu-exporter');
    // One restart a minute (± 1).
    expect(
      Math.abs((looping.restartCount ?? 0) - (earlier.restartCount ?? 0) - 4),
    ).toBeLessThanOrEqual(1);
    // Report 23:02 #4: vk03 database-server writable layer 5.78 GB (± 0.01 GB).
    expectWithin(container(snapshot, 'vk03', 'database-server').sizeRwBytes, 5.78e9, 0.01 / 5.78);
  });

  it('23:02 — the PLC monitors log ~170 WARNING lines a second of normal flow', async () => {
    await walk.at(local('2026-02-18 23:03'));
    const snapshot = await walk.at(local('2026-02-18 23:03:02'));
    // Report 23:02 #2: ~170 lines/s (± 10 %), measured over 2 s.
    for (const [id, name] of [
      ['vk01', 'visionking-plc-monitor'],
      ['vk02', 'pm-sis-surface'],
    ] as const) {
      const counts = node(snapshot, id).logs?.[name]?.countsByLevel;
      expectWithin((counts?.warning ?? 0) / 2, 170, 0.1);
      expect(logTexts(snapshot, id, name).some((text) => text.includes('Inicio readBar'))).toBe(
        true,
      );
    }
  });

  it('23:18 — every Redis database is empty during the downtime, DB_Speed absent', async () => {
    await walk.walkTo(local('2026-02-18 23:18'), 5 * MINUTE, 15 * MINUTE);
    const snapshot = await walk.at(local('2026-02-18 23:18'));
    for (const id of ['vk01', 'vk02']) {
      const redis = node(snapshot, id).redis;
      // Report 23:18 #4: DB0–DB3 empty.
      expect(redis?.databases.map((database) => [database.db, database.keys])).toEqual([
        [0, 0],
        [1, 0],
        [2, 0],
        [3, 0],
      ]);
      expect(redis?.watched[0]).toMatchObject({ key: 'DB_Speed', exists: false });
    }
  });

  it('23:20–23:50 — Prometheus on vk01 climbs 630 → 830 MiB and compacts', async () => {
    const samples: [number, number][] = [];
    const visualizer = new Map<number, Container>();
    for (let at = local('2026-02-18 23:20'); at <= local('2026-02-18 23:50'); at += MINUTE) {
      walk.clock.stepTo(at);
      const snapshot = await walk.fast();
      samples.push([at, memoryMiB(snapshot, 'vk01', 'prometheus')]);
      visualizer.set(at, container(snapshot, 'vk02', 'visionking-visualizer'));
    }
    // Report 02:43 #1 (23:43 here): the visualizer falls 18 MB in 10 minutes at idle (± 1 MiB,
    // less the 0.45 MiB it leaks meanwhile), a worker recycled with no restart.
    const before = visualizer.get(local('2026-02-18 23:36'))!;
    const after = visualizer.get(local('2026-02-18 23:46'))!;
    expectWithin((before.memoryBytes! - after.memoryBytes!) / MIB, 17.5, 1 / 17.5);
    expect(after.restartCount).toBe(before.restartCount);
    const values = samples.map(([, value]) => value);
    // Report 23:36 #1: a 630–830 MB cycle (± 10 MiB at either end).
    expectWithin(Math.max(...values), 830, 10 / 830);
    expectWithin(Math.min(...values), 630, 10 / 630);
    // Report 23:36 #1: 829 → 634, ~195 MB freed (± 15 MiB), between 23:35 and 23:36.
    const drops = samples
      .slice(1)
      .map(([time, value], index) => [time, (samples[index]?.[1] ?? value) - value] as const)
      .filter(([time]) => time > local('2026-02-18 23:30') && time <= local('2026-02-18 23:40'));
    const [dropAt, freed] = drops.reduce((best, drop) => (drop[1] > best[1] ? drop : best));
    expect(dropAt).toBe(local('2026-02-18 23:36'));
    expectWithin(freed, 195, 15 / 195);
    // Report 02:43 #3: 13.4 MB/min of ingestion (± 10 %), 634 → 768 in 10 minutes.
    const climb = samples.filter(([time]) => time >= local('2026-02-18 23:37'));
    expectWithin(slope(climb.slice(0, 10)) * MINUTE, 13.4, 0.1);
  });

  it('23:33 — staggered reboots: vk01 up 1.9 h, vk02 4.3 h, vk03 4.8 h', async () => {
    const snapshot = await walk.at(local('2026-02-18 23:51'));
    const uptime = (id: string) => node(snapshot, id).host?.uptimeSeconds ?? 0;
    const sinceReport = 18 * 60;
    // Report 23:33 #4: 6846 s, 15575 s and 17352 s at 23:33 (± 60 s).
    expect(Math.abs(uptime('vk01') - sinceReport - 6846)).toBeLessThanOrEqual(60);
    expect(Math.abs(uptime('vk02') - sinceReport - 15575)).toBeLessThanOrEqual(60);
    expect(Math.abs(uptime('vk03') - sinceReport - 17352)).toBeLessThanOrEqual(60);
  });

  it('00:03–00:18 — vk01 GPU cycles 18 → 27 °C at idle; vk02 database creeps', async () => {
    await walk.walkTo(local('2026-02-19 00:03'), 5 * MINUTE, 15 * MINUTE);
    const cool = await walk.at(local('2026-02-19 00:03'));
    // Report 00:03 #1 and 00:18 #1 (± 1 °C).
    expectWithin(node(cool, 'vk01').gpus?.[0]?.temperatureC, 18, 1 / 18);
    await walk.walkTo(local('2026-02-19 00:18'), 5 * MINUTE);
    const warm = await walk.at(local('2026-02-19 00:18'));
    expectWithin(node(warm, 'vk01').gpus?.[0]?.temperatureC, 27, 1 / 27);
    // Report 00:18 #2: 1082 → 1094 MiB in 15 minutes (± 5 MiB, ± 10 % on the growth).
    const atCool = memoryMiB(cool, 'vk02', 'database-server');
    expectWithin(atCool, 1082, 5 / 1082);
    expectWithin(memoryMiB(warm, 'vk02', 'database-server') - atCool, 12, 0.1);
    // Report 00:03 #3 and 00:18 #3: idle visualizer CPU 0.48 on vk02, 0.08 on vk01 (± 10 %).
    expectWithin(container(warm, 'vk02', 'visionking-visualizer').cpuPct, 48, 0.1);
    expectWithin(container(warm, 'vk01', 'visionking-visualizer').cpuPct, 8, 0.1);
  });

  it('00:33–00:48 — vk01 GPU telemetry goes null for 30+ minutes, then recovers', async () => {
    await walk.walkTo(local('2026-02-19 00:33'), 5 * MINUTE);
    const first = await walk.at(local('2026-02-19 00:33'));
    await walk.walkTo(local('2026-02-19 00:48'), 5 * MINUTE);
    const later = await walk.at(local('2026-02-19 00:48'));
    for (const snapshot of [first, later]) {
      const gpu = node(snapshot, 'vk01').gpus?.[0];
      // Report 00:33 #1, 00:48 #1: memory and temperature null, utilization still 0.
      expect(gpu?.temperatureC).toBeNull();
      expect(gpu?.missing.temperatureC).toEqual({
        kind: 'unavailable',
        detail: 'nvidia-smi: [N/A]',
      });
      expect(gpu?.memoryUsedPct).toBeNull();
      expect(gpu?.utilizationPct).toBe(0);
    }
    expect(logTexts(later, 'vk01', 'nvidia-gpu-exporter').join('\n')).toMatch(/level=error/);
    // Report 00:48 #3: vk02 stays between 21 and 23 °C.
    const vk02 = node(later, 'vk02').gpus?.[0]?.temperatureC ?? 0;
    expect(vk02).toBeGreaterThanOrEqual(21);
    expect(vk02).toBeLessThanOrEqual(23);
    // Report 00:48 #4: is-sis-surface's writable layer is 120 MB (± 1 MB).
    expectWithin(container(later, 'vk02', 'is-sis-surface').sizeRwBytes, 120e6, 1 / 120);
    // Report 00:48 #2: vk03 Prometheus 242 → 283 MiB (± 5 MiB).
    expectWithin(memoryMiB(first, 'vk03', 'prometheus'), 242, 5 / 242);
    expectWithin(memoryMiB(later, 'vk03', 'prometheus'), 283, 5 / 283);
    await walk.walkTo(local('2026-02-19 01:20'), 5 * MINUTE, 15 * MINUTE);
    const back = node(await walk.at(local('2026-02-19 01:20')), 'vk01').gpus?.[0];
    expect(back?.temperatureC).not.toBeNull();
    expect(Math.abs((back?.memoryUsedPct ?? 0) - 67.4)).toBeLessThanOrEqual(0.5);
  });

  it('19 -> 20 Feb - the visualizer leaks 2.7 MiB/h and is killed again near 400 MiB', async () => {
    const samples: [number, number][] = [];
    // The 18 MiB its silent recycle freed at 23:41 puts the next kill at Feb 20 18:56.
    for (let at = walk.nowMs + 30 * MINUTE; at < local('2026-02-20 18:00'); at += 30 * MINUTE) {
      walk.clock.stepTo(at);
      samples.push([
        at / (60 * MINUTE),
        memoryMiB(await walk.fast(), 'vk02', 'visionking-visualizer'),
      ]);
    }
    // Report 23:36 #2: ~2.7 MB/h (± 10 %), over 34 hours of idle.
    expectWithin(slope(samples), 2.7, 0.1);
    const restarts = container(await walk.fast(), 'vk02', 'visionking-visualizer').restartCount;
    await walk.walkTo(local('2026-02-20 19:30'), 5 * MINUTE);
    const after = await walk.at(local('2026-02-20 19:30'));
    expect(container(after, 'vk02', 'visionking-visualizer').restartCount).toBe(
      (restarts ?? 0) + 1,
    );
    expect(memoryMiB(after, 'vk02', 'visionking-visualizer')).toBeLessThan(320);
  });

  it('22 Feb 17:45 — production: keys appear, DB_Speed lacks Velocidade_Tratada', async () => {
    await walk.walkTo(local('2026-02-22 17:40'), 2 * 60 * MINUTE, 6 * 60 * MINUTE);
    await walk.at(local('2026-02-22 17:40'));
    productionStart = await walk.at(local('2026-02-22 17:46'));
    const snapshot = await walk.at(local('2026-02-22 17:50'));
    const redis = node(snapshot, 'vk01').redis;
    for (const database of redis?.databases ?? []) expect(database.keys).toBeGreaterThan(0);
    // Report 20:16 #2: the hash exists, the field does not.
    expect(redis?.watched[0]).toMatchObject({ key: 'DB_Speed', exists: true });
    expect(redis?.watched[0]?.fields[0]).toMatchObject({
      field: 'Velocidade_Tratada',
      value: null,
      missing: { value: { kind: 'absent', detail: 'the hash has no field Velocidade_Tratada' } },
    });
    // Report 20:16 #3, #4: the GPU works at 36 °C, inference holds 15.1 GiB.
    const gpu = node(snapshot, 'vk01').gpus?.[0];
    expect(gpu?.utilizationPct).toBeGreaterThan(0);
    expectWithin(gpu?.temperatureC, 36, 1 / 36);
    expectWithin(memoryMiB(snapshot, 'vk01', 'visionking-inference'), 15.1 * 1024, 0.01);
  });

  it('22 Feb 20:16 - every message rejected, File is empty on 4 cameras every 3-4 s', async () => {
    const start = memoryMiB(productionStart, 'vk01', 'database-server');
    await walk.walkTo(local('2026-02-22 20:10'), 10 * MINUTE, 30 * MINUTE);
    await walk.at(local('2026-02-22 20:10'));
    const snapshot = await walk.at(local('2026-02-22 20:16'));
    // Report 20:16 #1: ERROR in dw-sis-surface, WARNING in the result writer, bar_uuid 'empty'.
    const rejected = node(snapshot, 'vk01').logs?.['dw-sis-surface'];
    expect(rejected?.countsByLevel.error).toBeGreaterThan(100);
    expect(rejected?.lines.at(-1)?.text).toMatch(/bar_uuid = 'empty'.*F323314008\d\d/);
    expect(logTexts(snapshot, 'vk01', 'visionking-result-writer').at(-1)).toMatch(
      / - WARNING - .*bar_uuid = 'empty'/,
    );
    // Report 20:16 #5: each camera's retries 3–4 s apart (median).
    for (const camera of ['DA3488406', 'DA3488407', 'DA3488408', 'DA3488409']) {
      const times = node(snapshot, 'vk01')
        .logs?.['visionking-inference']?.lines.filter((line) => line.text.includes(camera))
        .map((line) => Date.parse(line.at ?? ''));
      const gaps = (times ?? []).slice(1).map((time, index) => time - (times?.[index] ?? 0));
      const median = gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
      expect(median).toBeGreaterThanOrEqual(3_000);
      expect(median).toBeLessThanOrEqual(4_000);
    }
    // Report 20:16 #4: PostgreSQL on vk01 15.8 → 16.1 GB in 2.5 h (± 10 % on the growth).
    expectWithin(start, 15.8 * 1024, 0.005);
    expectWithin(memoryMiB(snapshot, 'vk01', 'database-server') - start, 300, 0.1);
  });

  it('22 Feb 20:16 — vk02 is dark: reachable, zero containers, its servers gone', async () => {
    const snapshot = await walk.at(local('2026-02-22 20:17'));
    const vk02 = node(snapshot, 'vk02');
    // Report 20:16 #6: an empty list (collected, none), not null (unknown).
    expect(vk02.containers).toEqual([]);
    expect(vk02.reachability.ssh.state).toBe('up');
    for (const channel of ['postgres', 'redis', 'prometheus'] as const) {
      expect(vk02.reachability[channel].error?.message).toMatch(/ECONNREFUSED 10\.244\.70\.26/);
    }
    // The node's Prometheus host metrics are gone with it; RabbitMQ still has consumers.
    expect(vk02.queues?.some((queue) => (queue.consumers ?? 0) > 0)).toBe(true);
    expect(vk02.endpoints.every((endpoint) => endpoint.status === 0)).toBe(true);
    expect(vk02.gpus?.[0]?.memoryUsedPct).toBeLessThan(1);
    expect(walk.checked).toBeGreaterThan(150);
  });
});

/** The backend's Redis client errors, read from its lines without Docker's timestamps. */
function backendRedisErrors(snapshot: Snapshot) {
  const lines = logTexts(snapshot, 'vk03', 'visionking-backend');
  const text = lines.map((line) => line.replace(/^\S+Z /, '')).join('\n');
  return parseRedisClientErrors(text).value;
}
