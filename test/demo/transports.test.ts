// The demo transports answer in the real formats: every section of the collector's batches
// parses with the probes without a single problem, and failures are the real transports' errors.
import { describe, expect, it } from 'vitest';
import { collectPostgres } from '../../electron/collect/channels';
import { DCGM_QUERY, gpusFromDcgmSeries } from '../../electron/collect/dcgm-query';
import { fastCommands, slowCommands } from '../../electron/collect/ssh-sections';
import { createDemoEngine, type DemoEngine } from '../../electron/demo/engine';
import { createDemoTransports } from '../../electron/demo/transports';
import { parseDockerInspect, parseDockerPsJson } from '../../electron/probes/docker';
import { parseDf, parseLoadavg, parseMeminfo, parseProcUptime } from '../../electron/probes/host';
import { summarizeLogs } from '../../electron/probes/log-levels';
import { gpusFromNvidiaSmiCsv } from '../../electron/probes/nvidia-smi';
import { parsePostgresLog } from '../../electron/probes/postgres-log';
import { parseRedisInfo } from '../../electron/probes/redis-info';
import { parseTimedatectlShow } from '../../electron/probes/time-sync';
import { batchScript, splitBatch, type BatchSection } from '../../electron/transport/ssh-command';
import { local, scenario } from './walk';

function engineAt(text: string): { engine: DemoEngine; at: (text: string) => void } {
  let nowMs = local(text);
  const engine = createDemoEngine(scenario(), { now: () => nowMs });
  return { engine, at: (next) => (nowMs = local(next)) };
}

async function sections(engine: DemoEngine, nodeId: string, slow = false) {
  const transports = createDemoTransports(engine, nodeId);
  const fast = await transports.ssh!.exec(batchScript(fastCommands()));
  if (!fast.ok) throw new Error(fast.error.message);
  const byName = new Map(splitBatch(fast.stdout).map((section) => [section.name, section]));
  if (!slow) return byName;
  const ids = parseDockerPsJson(byName.get('containers')?.stdout ?? '').value.map(
    (entry) => entry.id,
  );
  const names = parseDockerPsJson(byName.get('containers')?.stdout ?? '').value.map((e) => e.name);
  const cursors = new Map(names.map((name) => [name, '120s']));
  const slowResult = await transports.ssh!.exec(
    batchScript(slowCommands({ containerIds: ids, logCursors: cursors })),
  );
  if (!slowResult.ok) throw new Error(slowResult.error.message);
  for (const section of splitBatch(slowResult.stdout)) byName.set(section.name, section);
  return byName;
}

function text(sectionsByName: Map<string, BatchSection>, name: string): string {
  const section = sectionsByName.get(name);
  expect(section?.exitCode, name).toBe(0);
  return section?.stdout ?? '';
}

describe('the demo transports', () => {
  it('answer every fast and slow section in a format the probes read cleanly', async () => {
    const { engine } = engineAt('2026-02-18 23:05');
    const read = await sections(engine, 'vk02', true);
    const ps = parseDockerPsJson(text(read, 'containers'));
    expect(ps.problems).toEqual([]);
    expect(ps.value.every((entry) => /^[0-9a-f]{64}$/.test(entry.id))).toBe(true);
    expect(ps.value.find((entry) => entry.name === 'intel-gpu-exporter')?.status).toMatch(
      /^(Up \d+ seconds|Restarting \(1\) \d+ seconds ago)$/,
    );
    for (const [name, parse] of [
      ['uptime', parseProcUptime],
      ['loadavg', parseLoadavg],
      ['meminfo', parseMeminfo],
      ['gpus', gpusFromNvidiaSmiCsv],
      ['df', parseDf],
      ['timedatectl', parseTimedatectlShow],
    ] as const) {
      expect(parse(text(read, name)).problems, name).toEqual([]);
    }
    const inspect = parseDockerInspect(text(read, 'inspect'));
    expect(inspect.problems).toEqual([]);
    expect(inspect.value).toHaveLength(ps.value.length);
    expect(text(read, 'compose-version')).toBe('Docker Compose version v2.29.7\n');
  });

  it('write docker logs lines with nanosecond stamps, in order, in each app format', async () => {
    const { engine } = engineAt('2026-02-18 23:05');
    const read = await sections(engine, 'vk01', true);
    const database = text(read, 'logs.database-server').trim().split('\n');
    expect(
      database.every((line) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z /.test(line)),
    ).toBe(true);
    expect([...database].sort()).toEqual(database);
    const entries = parsePostgresLog(database.map((line) => line.replace(/^\S+ /, '')).join('\n'));
    expect(entries.problems).toEqual([]);
    expect(entries.value.entries.filter((entry) => entry.severity === 'FATAL')).toHaveLength(2);
    const plc = summarizeLogs(text(read, 'logs.visionking-plc-monitor')).value;
    expect(plc.countsByLevel).toMatchObject({ warning: 500, unknown: 0 });
  });

  it('print [N/A] for memory and temperature in the blackout, utilization still 0', async () => {
    const { engine } = engineAt('2026-02-19 00:40');
    const gpus = gpusFromNvidiaSmiCsv(text(await sections(engine, 'vk01'), 'gpus'));
    expect(gpus.problems).toEqual([]);
    expect(gpus.value[0]).toMatchObject({ temperatureC: null, utilizationPct: 0 });
    const vk03 = await sections(engine, 'vk03');
    expect(vk03.get('gpus')).toMatchObject({ exitCode: 127 });
  });

  it('answer the DCGM query; memory and temperature vanish in the blackout', async () => {
    const { engine, at } = engineAt('2026-02-19 00:20');
    const vk01 = createDemoTransports(engine, 'vk01');
    const before = await vk01.prometheus!(DCGM_QUERY);
    const gpus = before.ok ? gpusFromDcgmSeries(before.value.series) : [];
    expect(gpus[0]).toMatchObject({ name: 'NVIDIA GeForce RTX 3070', utilizationPct: 0 });
    expect(Math.abs((gpus[0]?.memoryUsedPct ?? 0) - 67.4)).toBeLessThan(0.5);
    at('2026-02-19 00:40');
    const during = await vk01.prometheus!(DCGM_QUERY);
    const lost = during.ok ? gpusFromDcgmSeries(during.value.series) : [];
    expect(lost[0]).toMatchObject({ temperatureC: null, memoryUsedPct: null, utilizationPct: 0 });
  });

  it('answer the collector’s PostgreSQL queries and Redis commands', async () => {
    const { engine } = engineAt('2026-02-18 23:05');
    const vk03 = createDemoTransports(engine, 'vk03');
    const postgres = await collectPostgres(vk03.postgres);
    expect(postgres.databases?.map((database) => [database.name, database.connections])).toEqual([
      ['dashboard', 0],
      ['postgres', 0],
      ['visionking', 0],
    ]);
    // Report 23:36 #3: vk03's size probe reads 0 bytes for a database.
    expect(postgres.databases?.find((database) => database.name === 'visionking')?.sizeBytes).toBe(
      0,
    );
    expect(postgres.server).toMatchObject({ version: '15.6', maxConnections: 100 });
    expect(await vk03.postgres!.query('select 1')).toMatchObject({
      ok: true,
      rows: [{ '?column?': 1 }],
    });
    const vk01 = createDemoTransports(engine, 'vk01');
    const info = await vk01.redis!.info();
    expect(info.ok && parseRedisInfo(info.value).problems).toEqual([]);
    expect(await vk01.redis!.exists(0, 'DB_Speed')).toMatchObject({ ok: true, value: false });
  });

  it('fail the way the real transports fail: refused, unreachable, timed out', async () => {
    const { engine, at } = engineAt('2026-02-18 21:37');
    const vk01 = createDemoTransports(engine, 'vk01');
    const exec = await vk01.ssh!.exec('true', { timeoutMs: 4_000 });
    expect(exec).toMatchObject({
      ok: false,
      durationMs: 4_000,
      error: { kind: 'timeout', message: 'timed out: Timed out while waiting for handshake' },
    });
    expect(await vk01.postgres!.ping()).toMatchObject({
      ok: false,
      error: { kind: 'socket', message: 'connect EHOSTUNREACH 10.244.70.50:2345' },
    });
    at('2026-02-18 21:41');
    const vk02 = createDemoTransports(engine, 'vk02');
    expect(await vk02.redis!.info()).toMatchObject({
      ok: false,
      error: { kind: 'socket', message: 'connect ECONNREFUSED 10.244.70.26:4000' },
    });
  });

  it('probe endpoints: Portainer self-signed 200, pgAdmin and unknown URLs refused', async () => {
    const { engine } = engineAt('2026-02-18 21:31');
    const vk03 = createDemoTransports(engine, 'vk03');
    const portainer = await vk03.probeHttp('https://10.244.70.20:9443', { timeoutMs: 3_000 });
    expect(portainer).toMatchObject({
      status: 200,
      error: null,
      tls: { authorized: false, reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
    const pgadmin = await vk03.probeHttp('http://10.244.70.20:5050/', { timeoutMs: 3_000 });
    expect(pgadmin).toMatchObject({ status: 0, error: { kind: 'socket' } });
    const other = await vk03.probeHttp('http://10.244.70.20:9999/', { timeoutMs: 3_000 });
    expect(other.error?.message).toBe('connect ECONNREFUSED 10.244.70.20:9999');
  });

  it('count SSH round trips: one connection, one exec per batch', async () => {
    const { engine } = engineAt('2026-02-18 21:31');
    const vk02 = createDemoTransports(engine, 'vk02');
    await vk02.ssh!.exec(batchScript(fastCommands()));
    await vk02.ssh!.exec(batchScript(fastCommands()));
    expect(vk02.ssh!.counters).toEqual({ connections: 1, execs: 2 });
  });
});
