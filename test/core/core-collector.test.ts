// The core hands the collector's snapshots and health changes to its clients through the contract.
import { describe, expect, it } from 'vitest';
import { createFleetCollector } from '../../electron/collect/collector';
import { createCore } from '../../electron/core/core';
import { createClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { fleetSchema } from '../../shared/fleet';
import type { SnapshotNodePart } from '../../shared/api/requests-snapshot';

const fleet = fleetSchema.parse({
  deployment: '03002',
  nodes: { vk09: { role: 'processing', host: '127.0.0.99', redis: { port: 4000 } } },
});

describe('the core with a collector', () => {
  it('pushes snapshots and health changes, and answers for the latest of each', async () => {
    const collector = createFleetCollector(fleet, { fastIntervalMs: 150, slowIntervalMs: 1_000 });
    const summary = { source: 'file' as const, deployment: '03002', nodes: [] };
    const core = createCore({ mode: 'test', fleet: summary, collector });
    const [clientPipe, corePipe] = createMemoryPipePair();
    core.router.attach(corePipe);
    const client = createClient(clientPipe);
    try {
      const firstPart = new Promise<SnapshotNodePart>((resolve) =>
        client.on('snapshot.node', resolve),
      );
      const firstTick = new Promise((resolve) => client.on('snapshot.new', resolve));
      const redisDown = new Promise<void>((resolve) =>
        client.on('health.changed', (health) => {
          if (health.nodes.vk09?.redis?.state === 'down') resolve();
        }),
      );
      collector.start();

      const part = await firstPart;
      expect(part.node).toBe('vk09');
      expect(part.snapshot.reachability.redis.state).toMatch(/down|unknown/);
      expect(await firstTick).toMatchObject({ takenAt: part.takenAt, nodes: ['vk09'] });
      await redisDown;
      const health = await client.call('health.current', {});
      expect(health.nodes.vk09?.redis).toMatchObject({
        state: 'down',
        lastError: { kind: 'socket' },
      });
      // The core answers from the snapshot it pushed last: wait for one taken with Redis down.
      await new Promise<void>((resolve) => {
        const stop = client.on('snapshot.node', (pushed) => {
          if (pushed.snapshot.reachability.redis.state !== 'down') return;
          stop();
          resolve();
        });
      });
      const latest = await client.call('snapshot.latest', {});
      expect(latest).toMatchObject({ deployment: '03002', nodes: ['vk09'] });
      const node = await client.call('snapshot.node', { node: 'vk09' });
      expect(node?.snapshot.reachability.redis.state).toBe('down');
    } finally {
      client.close();
      await core.stop();
    }
  });

  it('answers null and empty health without a fleet', async () => {
    const core = createCore({
      mode: 'test',
      fleet: { source: 'empty', deployment: null, nodes: [] },
    });
    const [clientPipe, corePipe] = createMemoryPipePair();
    core.router.attach(corePipe);
    const client = createClient(clientPipe);
    await expect(client.call('snapshot.latest', {})).resolves.toBeNull();
    await expect(client.call('health.current', {})).resolves.toEqual({ nodes: {}, verdict: null });
    await core.stop();
  });
});
