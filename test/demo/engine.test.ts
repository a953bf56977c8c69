// Actions change the plant the way they would change a real one, and the plant is a pure
// function of scenario, seed, time and actions: the same seed gives the same snapshots.
import { describe, expect, it } from 'vitest';
import { createDemoEngine } from '../../electron/demo/engine';
import { lastBoot } from '../../electron/demo/node-view';
import { parseRedisClientErrors } from '../../electron/probes/redis-client-log';
import { container, local, logTexts, memoryMiB, MINUTE, node, scenario, Walk } from './walk';

describe('actions on the demo plant', () => {
  it('restarting the visualizer drops its memory to its base and postpones the kill', async () => {
    const walk = new Walk();
    await walk.at(local('2026-02-18 22:30'));
    const outcome = walk.plant.engine.apply({
      node: 'vk02',
      action: 'restart',
      container: 'visionking-visualizer',
    });
    expect(outcome).toMatchObject({ ok: true, output: 'visionking-visualizer' });
    const after = await walk.at(local('2026-02-18 22:31'));
    expect(memoryMiB(after, 'vk02', 'visionking-visualizer')).toBeLessThan(316);
    // `docker restart` resets the restart count; the 22:52 OOM kill no longer happens.
    const later = await walk.at(local('2026-02-18 23:30'));
    expect(container(later, 'vk02', 'visionking-visualizer').restartCount).toBe(0);
    expect(memoryMiB(later, 'vk02', 'visionking-visualizer')).toBeLessThan(320);
  });

  it('restarting the backend ends its Redis reconnect loop', async () => {
    const walk = new Walk();
    const errors = (snapshot: Parameters<typeof logTexts>[0]) =>
      parseRedisClientErrors(
        logTexts(snapshot, 'vk03', 'visionking-backend')
          .map((line) => line.replace(/^\S+Z /, ''))
          .join('\n'),
      ).value;
    await walk.at(local('2026-02-18 22:10'));
    expect(errors(await walk.at(local('2026-02-18 22:11'))).length).toBeGreaterThan(20);
    walk.plant.engine.apply({ node: 'vk03', action: 'restart', container: 'visionking-backend' });
    const restarted = await walk.at(local('2026-02-18 22:12'));
    expect(logTexts(restarted, 'vk03', 'visionking-backend').join('\n')).toMatch(
      /LOG \[RedisService\] Conectado ao Redis em 10\.244\.70\.26:4000/,
    );
    expect(errors(await walk.at(local('2026-02-18 22:20')))).toEqual([]);
  });

  it('removing the crash-looping exporter stops its restarts', async () => {
    const walk = new Walk();
    const before = await walk.at(local('2026-02-18 23:10'));
    expect(container(before, 'vk02', 'intel-gpu-exporter').restartCount).toBeGreaterThan(136);
    walk.plant.engine.apply({ node: 'vk02', action: 'remove', container: 'intel-gpu-exporter' });
    const after = await walk.at(local('2026-02-18 23:20'));
    const names = node(after, 'vk02').containers?.map((entry) => entry.name);
    expect(names).not.toContain('intel-gpu-exporter');
    expect(logTexts(after, 'vk02', 'intel-gpu-exporter')).toEqual([]);
  });

  it('answers as Docker does for a container that is not there, and changes nothing', () => {
    const engine = createDemoEngine(scenario(), { now: () => local('2026-02-18 23:10') });
    const outcome = engine.apply({
      node: 'vk01',
      action: 'restart',
      container: 'intel-gpu-exporter',
    });
    expect(outcome).toMatchObject({
      ok: false,
      output: 'Error response from daemon: No such container: intel-gpu-exporter',
    });
    expect(engine.actions).toEqual([]);
  });

  it('leaves the past alone: an action shows only from its moment on', () => {
    const engine = createDemoEngine(scenario(), { now: () => local('2026-02-18 23:00') });
    engine.apply({ node: 'vk02', action: 'stop', container: 'keydb' });
    const state = (text: string) =>
      engine.node('vk02', local(text)).containers.find((entry) => entry.spec.name === 'keydb')
        ?.state;
    expect(state('2026-02-18 22:59')).toBe('running');
    expect(state('2026-02-18 23:01')).toBe('exited');
    expect(engine.node('vk02', local('2026-02-18 23:01')).faults.redis).toBe('refused');
  });
});

describe('determinism', () => {
  async function snapshots(seed: number): Promise<string[]> {
    const walk = new Walk(seed);
    const taken: string[] = [];
    for (let at = local('2026-02-18 21:31'); at <= local('2026-02-18 23:31'); at += 20 * MINUTE) {
      taken.push(JSON.stringify(await walk.at(at)));
    }
    return taken;
  }

  it('gives the same snapshots for the same seed, and different ones for another', async () => {
    const first = await snapshots(3002);
    expect(await snapshots(3002)).toEqual(first);
    expect(await snapshots(7)).not.toEqual(first);
  });
});

describe('boots', () => {
  const boots = [Date.UTC(2026, 1, 18, 19, 13), Date.UTC(2026, 1, 19, 0, 38)];

  it('answers the boot in effect, and before the first known one an earlier boot', () => {
    expect(lastBoot(boots, Date.UTC(2026, 1, 18, 22, 0))).toBe(boots[0]);
    expect(lastBoot(boots, Date.UTC(2026, 1, 19, 1, 0))).toBe(boots[1]);
    // A replay that starts before the scenario's first boot: the node was already up.
    const early = Date.UTC(2026, 1, 18, 0, 30);
    expect(lastBoot(boots, early)).toBeLessThan(early);
  });
});
