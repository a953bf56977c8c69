// A demo moment as scenario files, without a plant: every value is the engine's, on the plant's
// clock, in the stand-ins' formats (docs/test-plant.md, "A demo moment").
import { describe, expect, it } from 'vitest';
import { createDemoEngine, loadDefaultScenario, type DemoEngine } from '../../electron/demo';
import { parseContainerFile } from './containers';
import { memoryStat } from './cgroups';
import { plantMemoryFor, PlantClock, renderNodeMoment, type NodeMoment } from './demo-render';

const SHOWN_AT_MS = Date.parse('2026-12-03T19:00:00Z');
const OPTIONS = { logWindowMs: 15 * 60_000, maxLogLines: 1_000 };

function engineAt(at: string): { engine: DemoEngine; clock: PlantClock } {
  const atMs = Date.parse(at);
  const engine = createDemoEngine(loadDefaultScenario(), { now: () => atMs });
  return { engine, clock: new PlantClock(atMs, SHOWN_AT_MS) };
}

function render(at: string, node: string): NodeMoment & { engine: DemoEngine; atMs: number } {
  const { engine, clock } = engineAt(at);
  return { ...renderNodeMoment(engine, node, clock, OPTIONS), engine, atMs: clock.atMs };
}

function containerFields(moment: NodeMoment, name: string): Record<string, string> {
  const text = moment.files.get(`containers/${name}`);
  if (text === undefined) throw new Error(`no container file for ${name}`);
  return parseContainerFile(text);
}

describe('a demo moment rendered for the test plant', () => {
  it('writes one container file per container, with the engine state on the plant clock', () => {
    const moment = render('2026-02-18T22:08:00-03:00', 'vk02');
    const view = moment.engine.node('vk02', moment.atMs);
    const names = [...moment.files.keys()].filter((name) => name.startsWith('containers/'));
    expect(names.sort()).toEqual(view.containers.map((c) => `containers/${c.spec.name}`).sort());
    const exporter = view.containers.find((c) => c.spec.name === 'intel-gpu-exporter')!;
    const fields = containerFields(moment, 'intel-gpu-exporter');
    expect(fields).toMatchObject({
      Id: exporter.id,
      Image: 'restreamio/intel-prometheus:latest',
      State: 'restarting',
      RestartCount: String(exporter.restartCount),
      ExitCode: '1',
    });
    // Ages are kept: started as long before the plant's moment as before the engine's.
    const startedAgoMs = moment.atMs - (exporter.startedMs ?? 0);
    expect(SHOWN_AT_MS - Date.parse(fields.StartedAt ?? '')).toBe(startedAgoMs);
  });

  it('gives running containers plant.memory and plant.cpu from the engine cgroup counters', () => {
    const moment = render('2026-02-18T22:08:00-03:00', 'vk02');
    const visualizer = containerFields(moment, 'visionking-visualizer');
    expect(visualizer.MemoryLimit).toBe(String(416 * 1024 * 1024));
    expect(Number(visualizer['plant.cpu'])).toBeCloseTo(0.48, 1);
    expect(containerFields(moment, 'database-server')['plant.logs']).toBe('postgres');
    expect(containerFields(moment, 'visionking-inference').Gpus).toBe('all');
  });

  it('solves plant.memory so that memory.current less inactive_file is the target', () => {
    for (const target of [12 * 1024 ** 2, 414 * 1024 ** 2 + 123, 16.1 * 1024 ** 3]) {
      const current = plantMemoryFor(target);
      const paged = Math.floor(current / 4096) * 4096;
      const inactive = Number(/^inactive_file (\d+)$/m.exec(memoryStat(paged))?.[1]);
      expect(Math.abs(paged - inactive - target)).toBeLessThanOrEqual(3 * 4096);
    }
  });

  it('writes [N/A] into the nvidia-smi CSV during the telemetry gap', () => {
    const csv = render('2026-02-19T00:37:00-03:00', 'vk01').files.get('nvidia-smi.csv');
    expect(csv?.split('\n')[0]).toContain('temperature.gpu');
    expect(csv?.split('\n')[1]).toMatch(/^0, NVIDIA GeForce RTX 3070, GPU-[^,]+, \[N\/A\], /);
  });

  it("answers for a node without nvidia-smi with the engine's words and exit code", () => {
    const moment = render('2026-02-19T00:37:00-03:00', 'vk03');
    expect(moment.files.has('nvidia-smi.csv')).toBe(false);
    expect(moment.files.get('nvidia-smi-error.txt')).toMatch(/nvidia-smi: command not found/);
    expect(moment.files.get('nvidia-smi-error-code.txt')).toBe('127\n');
  });

  it('writes versions and clock settings, leaving the live times to the stand-in', () => {
    const moment = render('2026-02-19T00:37:00-03:00', 'vk02');
    expect(moment.files.get('compose-version.txt')).toBe('2.29.7\n');
    const timedatectl = moment.files.get('timedatectl-show.txt') ?? '';
    expect(timedatectl).toContain('NTPSynchronized=no\n');
    expect(timedatectl).not.toMatch(/TimeUSec/);
  });

  it('bounds each log to the window and the line limit, stamped on the plant clock', () => {
    const moment = render('2026-02-22T18:30:00-03:00', 'vk01');
    const plc = (moment.files.get('logs/visionking-plc-monitor.log') ?? '').trimEnd().split('\n');
    expect(plc).toHaveLength(OPTIONS.maxLogLines);
    const newest = plc.at(-1) ?? '';
    expect(newest).toMatch(/^\S+Z stdout .* - WARNING - /);
    const stampMs = Date.parse(newest.split(' ')[0] ?? '');
    expect(SHOWN_AT_MS - stampMs).toBeGreaterThanOrEqual(0);
    expect(SHOWN_AT_MS - stampMs).toBeLessThan(1_000);
    expect(moment.files.has('logs/database-server.log')).toBe(false);
  });

  it('names the database the FATAL probe asks for, and the production Redis keys', () => {
    const moment = render('2026-02-22T18:30:00-03:00', 'vk01');
    expect(moment.badDatabase).toBe('visionking');
    expect(moment.files.get('postgres-bad-database.txt')).toBe('visionking\n');
    expect(moment.redis.map(({ db, keys }) => [db, keys])).toEqual([
      [0, 3],
      [1, 12],
      [2, 4],
      [3, 18],
    ]);
    expect(moment.redis[0]?.hashes[0]).toMatchObject({ key: 'DB_Speed' });
    expect(moment.redis[0]?.hashes[0]?.fields).not.toHaveProperty('Velocidade_Tratada');
  });

  it('leaves Redis empty while the line is idle and writes no containers for a dark node', () => {
    expect(render('2026-02-18T22:08:00-03:00', 'vk01').redis).toEqual([]);
    const dark = render('2026-02-22T20:00:00-03:00', 'vk02');
    expect([...dark.files.keys()].some((name) => name.startsWith('containers/'))).toBe(false);
  });
});
