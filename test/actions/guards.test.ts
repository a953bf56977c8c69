// The runner's guards and flow on the demo plant: one disruptive action per target at a time,
// refusal while the node is unreachable, the viewer refused, a cancel that ends as cancelled
// with its audit record, an expired preview, and a post-check that fails is reported as such.
import { describe, expect, it } from 'vitest';
import type { FleetHealthView } from '../../shared/api/contract';
import { countedDemoSession } from './helpers';

const keydb = { node: 'vk01', container: 'keydb' };

describe('guards', () => {
  it('holds a target for one disruptive run at a time; read-only runs still go', async () => {
    const { service } = await countedDemoSession({ role: 'technician', sshDelayMs: 300 });
    const first = await service.run({ actionId: 'container.restart', target: keydb });
    if (!first.ok) throw new Error(first.reason);
    const second = await service.run({ actionId: 'gunicorn.recycle', target: keydb });
    expect(second).toMatchObject({ ok: false, code: 'busy', reason: /keydb on vk01/ });
    const logs = await service.run({ actionId: 'container.logs', target: keydb });
    expect(logs.ok).toBe(true);
    const other = await service.run({
      actionId: 'container.restart',
      target: { node: 'vk01', container: 'portainer' },
    });
    expect(other.ok).toBe(true);
    expect((await service.finished(first.runId))?.status).toBe('succeeded');
    const third = await service.run({ actionId: 'container.restart', target: keydb });
    expect(third.ok).toBe(true);
    await service.stop();
  });

  it('refuses while a channel the plan needs is down, saying since when and why', async () => {
    const since = '2026-02-18T22:29:00.000-03:00';
    const down = {
      state: 'down' as const,
      consecutiveFailures: 3,
      consecutiveSuccesses: 0,
      lastError: { kind: 'timeout' as const, message: 'no answer in 10000 ms' },
      since,
    };
    const health: FleetHealthView = { nodes: { vk01: { ssh: down } }, verdict: null };
    const { service, calls } = await countedDemoSession({ health });
    const answer = await service.preview({
      actionId: 'container.restart',
      target: keydb,
      args: {},
    });
    expect(answer).toMatchObject({ ok: false, code: 'unreachable' });
    if (!answer.ok)
      expect(answer.reason).toBe(
        `vk01 is unreachable over ssh since ${since}: ${down.lastError.message}`,
      );
    const redis = await service.preview({
      actionId: 'redis.diagnostics',
      target: { node: 'vk01' },
      args: {},
    });
    expect(redis.ok).toBe(true);
    const versions = await service.preview({
      actionId: 'versions.compare',
      target: { node: 'vk02' },
      args: {},
    });
    if (!versions.ok) throw new Error(versions.reason);
    expect(versions.preview.nodes).toEqual(['vk02', 'vk03']);
    expect(calls).toEqual([]);
  });

  it('refuses a viewer, and a technician a destructive action', async () => {
    const viewer = await countedDemoSession({ role: 'viewer' });
    const answer = await viewer.service.preview({
      actionId: 'container.logs',
      target: keydb,
      args: {},
    });
    expect(answer).toMatchObject({ ok: false, code: 'role', reason: /viewer runs no actions/ });
    const technician = await countedDemoSession({ role: 'technician' });
    const remove = await technician.service.preview({
      actionId: 'container.remove',
      target: keydb,
      args: {},
    });
    expect(remove).toMatchObject({ ok: false, code: 'role', reason: /only a supervisor/ });
  });

  it('refuses preconditions: stopping a stopped container, a non-inference one', async () => {
    const { service } = await countedDemoSession();
    const notInference = await service.preview({
      actionId: 'inference.stop',
      target: keydb,
      args: {},
    });
    expect(notInference).toMatchObject({
      ok: false,
      code: 'precondition',
      reason: /not an inference/,
    });
    const running = await service.preview({
      actionId: 'inference.start',
      target: { node: 'vk01', container: 'visionking-inference' },
      args: {},
    });
    expect(running).toMatchObject({ ok: false, code: 'precondition', reason: /already running/ });
  });

  it('a container name reported by the node passes the same checks before use', async () => {
    const hostile = '--nvidia-gpu-exporter;reboot';
    const { service } = await countedDemoSession({
      snapshot: (snapshot) => {
        const vk01 = snapshot.nodes.vk01!;
        const containers = (vk01.containers ?? []).map((container) =>
          container.name === 'nvidia-gpu-exporter' ? { ...container, name: hostile } : container,
        );
        return { ...snapshot, nodes: { ...snapshot.nodes, vk01: { ...vk01, containers } } };
      },
    });
    const preview = await service.preview({
      actionId: 'gpu.diagnostics',
      target: { node: 'vk01' },
      args: {},
    });
    if (!preview.ok) throw new Error(preview.reason);
    expect(preview.preview.steps.map((step) => step.text)).toEqual(['nvidia-smi -q']);
  });

  it('a cancelled run ends as cancelled and is audited', async () => {
    const { service } = await countedDemoSession({ sshDelayMs: 500 });
    const run = await service.run({ actionId: 'disk.usage', target: { node: 'vk01' } });
    if (!run.ok) throw new Error(run.reason);
    expect(service.cancel(run.runId)).toEqual({ ok: true });
    const result = await service.finished(run.runId);
    expect(result?.status).toBe('cancelled');
    expect(result?.steps[0]?.error).toMatch(/cancelled/);
    expect(service.cancel(run.runId)).toMatchObject({ ok: false, code: 'not-found' });
    expect(service.audit().map((record) => record.status)).toEqual(['cancelled']);
  });

  it('an unknown or expired preview is refused', async () => {
    const { service } = await countedDemoSession();
    expect(await service.run({ previewId: 'p-nope' })).toMatchObject({
      ok: false,
      code: 'expired',
    });
  });

  it('a post-check that does not hold is reported as post-check-failed', async () => {
    const { service, plant } = await countedDemoSession({ postCheckTimeScale: 0.05 });
    // Stopping keydb behind the runner's back: the recycle's "still running" check cannot hold.
    const run = await service.run({ actionId: 'gunicorn.recycle', target: keydb });
    if (!run.ok) throw new Error(run.reason);
    plant.engine.apply({ node: 'vk01', action: 'stop', container: 'keydb' });
    const result = await service.finished(run.runId);
    expect(result?.status).toBe('post-check-failed');
    expect(result?.postCheck).toMatchObject({
      state: 'failed',
      detail: /^not within 3 s: keydb is exited/,
    });
    expect(service.audit()[0]).toMatchObject({
      status: 'post-check-failed',
      postCheck: { state: 'failed' },
    });
  });
});
