// Actions on the demo plant, through the core's API: a restart of database-server on vk01 passes
// its post-check (a new start time, running again, memory back to its base) and leaves an audit
// record in a real archive;
// stopping the inference container frees its GPU memory; a removal needs the typed name and
// the container is gone afterwards; NTP is refused without sudo. Everything runs on the demo
// engine's simulation, read back through the collector like the UI would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveAuditStore, createDemoActionService } from '../../electron/actions';
import type { ActionService } from '../../electron/actions';
import { Archive } from '../../electron/archive';
import { exportBundle, importBundle } from '../../electron/archive/bundle';
import { createCore, type Core } from '../../electron/core/core';
import { createDemoClock, createDemoPlant, type DemoPlant } from '../../electron/demo';
import { createClient, type ApiClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import type { ActionResult } from '../../shared/api/requests-actions';
import { temporaryDirectory } from '../helpers/temporary';

/** 22:30 local on the first night: the database, inference and the GPU all up on vk01. */
const START = '2026-02-18T22:30:00-03:00';

let plant: DemoPlant;
let archive: Archive;
let service: ActionService;
let core: Core;
let client: ApiClient;

async function waitForResult(runId: string): Promise<ActionResult> {
  const result = await service.finished(runId);
  if (!result) throw new Error(`no result for ${runId}`);
  return result;
}

async function collect(): Promise<void> {
  await plant.collector.collectOnce();
}

function container(node: string, name: string) {
  return plant.collector.snapshot().nodes[node]?.containers?.find((c) => c.name === name);
}

beforeEach(async () => {
  const dir = temporaryDirectory('actions-demo');
  // Real time at 60× so a restart's two simulated seconds pass while the post-check polls.
  const clock = createDemoClock({ startTime: START, speed: 60 });
  plant = createDemoPlant({ clock });
  archive = Archive.open({ directory: `${dir}/archive` });
  service = createDemoActionService(plant, {
    archive,
    dataDir: dir,
    roles: { initialRole: 'technician' },
    actor: 'test-operator',
    postCheckPollMs: 50,
  });
  core = createCore({
    mode: 'test',
    fleet: { source: 'demo', deployment: '03002', nodes: [] },
    collector: plant.collector,
    archive,
    actions: service,
  });
  const [clientPipe, corePipe] = createMemoryPipePair();
  core.router.attach(corePipe);
  client = createClient(clientPipe);
  await collect();
});

afterEach(async () => {
  await service.stop();
  await core.stop();
  archive.close();
});

describe('actions on the demo plant', () => {
  it('restarts database-server via preview and run; post-check passes; audit appears', async () => {
    const before = container('vk01', 'database-server');
    expect(before?.state).toBe('running');
    const output: string[] = [];
    const finished: ActionResult[] = [];
    client.on('action.output', ({ text }) => output.push(text));
    client.on('action.finished', ({ result }) => finished.push(result));

    const preview = await client.call('actions.preview', {
      actionId: 'container.restart',
      target: { node: 'vk01', container: 'database-server' },
      findingId: 'container.memoryGrowth:vk01/database-server',
    });
    if (!preview.ok) throw new Error(preview.reason);
    expect(preview.preview.steps.map((step) => step.argv)).toEqual([
      ['docker', 'restart', '-t', '30', 'database-server'],
    ]);
    expect(preview.preview.confirmation).toEqual({ kind: 'click', expected: null });

    const run = await client.call('actions.run', { previewId: preview.preview.previewId });
    if (!run.ok) throw new Error(run.reason);
    expect(run.preview.previewId).toBe(preview.preview.previewId);
    // A preview runs once: a second click does not restart it again.
    const twice = await client.call('actions.run', { previewId: preview.preview.previewId });
    expect(twice).toMatchObject({ ok: false, code: 'expired' });
    const result = await waitForResult(run.runId);
    expect(result.status, result.summary).toBe('succeeded');
    expect(result.postCheck.state).toBe('passed');
    expect(result.exitCode).toBe(0);

    await collect();
    const after = container('vk01', 'database-server');
    expect(after?.state).toBe('running');
    expect(Date.parse(after!.startedAt!)).toBeGreaterThan(Date.parse(before!.startedAt!));
    expect(after!.memoryBytes!).toBeLessThan(before!.memoryBytes!);

    const audit = await client.call('actions.audit', { since: '2000-01-01T00:00:00Z' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'test-operator',
      role: 'technician',
      actionId: 'container.restart',
      risk: 'disruptive',
      target: { node: 'vk01', container: 'database-server' },
      status: 'succeeded',
      exitCode: 0,
      findingId: 'container.memoryGrowth:vk01/database-server',
      postCheck: { state: 'passed' },
      runId: run.runId,
    });
    expect(audit[0]!.outputDigest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(audit[0]!.outputDigest.firstLines[0]).toContain('docker restart -t 30 database-server');
    await vi_waitFor(() => finished.length === 1);
    expect(finished[0]!.auditId).toBe(audit[0]!.id);
    expect(output.join('')).toContain('database-server\n');
  });

  it('audit records survive a bundle export and import; its review is viewer-only', async () => {
    const run = await service.run({
      actionId: 'container.logs',
      target: { node: 'vk02', container: 'keydb' },
      args: { lines: 3 },
      findingId: 'redis.empty:vk02',
    });
    if (!run.ok) throw new Error(run.reason);
    await waitForResult(run.runId);
    const records = service.audit();
    expect(records).toHaveLength(1);
    const dir = temporaryDirectory('actions-bundle');
    const outFile = `${dir}/audit.vkbundle`;
    const nowMs = Date.now();
    await exportBundle(archive, { fromMs: nowMs - 86_400_000, toMs: nowMs + 86_400_000, outFile });
    await importBundle(outFile, `${dir}/imported`);
    // While a review of it is open the operator is a viewer: nothing runs.
    await client.call('review.open', { path: outFile });
    expect(await client.call('role.current', {})).toMatchObject({
      role: 'viewer',
      actionsAvailable: false,
    });
    const refused = await client.call('actions.run', {
      actionId: 'container.logs',
      target: { node: 'vk02', container: 'keydb' },
    });
    expect(refused).toMatchObject({ ok: false, code: 'unavailable', reason: /review session/ });
    await client.call('review.close', {});
    expect(await client.call('role.current', {})).toMatchObject({ role: 'technician' });
    const imported = Archive.open({ directory: `${dir}/imported`, readOnly: true });
    try {
      const copies = archiveAuditStore(imported).since(0);
      expect(copies.map(({ id: _id, ...record }) => record)).toEqual(
        records.map(({ id: _id, ...record }) => record),
      );
    } finally {
      imported.close();
    }
  });

  it('stopping inference frees its GPU memory; starting it holds it again', async () => {
    const gpuBefore = plant.collector.snapshot().nodes.vk01?.gpus?.[0]?.memoryUsedBytes ?? 0;
    const stop = await service.run({
      actionId: 'inference.stop',
      target: { node: 'vk01', container: 'visionking-inference' },
    });
    if (!stop.ok) throw new Error(stop.reason);
    const stopped = await waitForResult(stop.runId);
    expect(stopped.status, stopped.summary).toBe('succeeded');
    await collect();
    const gpuAfter = plant.collector.snapshot().nodes.vk01?.gpus?.[0]?.memoryUsedBytes ?? 0;
    expect(gpuAfter).toBeLessThan(gpuBefore / 2);

    const start = await service.run({
      actionId: 'inference.start',
      target: { node: 'vk01', container: 'visionking-inference' },
    });
    if (!start.ok) throw new Error(start.reason);
    expect((await waitForResult(start.runId)).status).toBe('succeeded');
  });

  it('removes a container only with the typed name, as a supervisor', async () => {
    const target = { node: 'vk01', container: 'intel-gpu-exporter' };
    const asTechnician = await service.run({ actionId: 'container.remove', target });
    expect(asTechnician).toMatchObject({ ok: false, code: 'role' });

    expect(service.setPin('4821')).toEqual({ ok: true });
    expect(service.setRole('supervisor', '4821')).toMatchObject({ ok: true });
    const untyped = await service.run({ actionId: 'container.remove', target });
    expect(untyped).toMatchObject({ ok: false, code: 'confirmation' });
    const wrong = await service.run({
      actionId: 'container.remove',
      target,
      confirmation: 'keydb',
    });
    expect(wrong).toMatchObject({ ok: false, code: 'confirmation' });

    const run = await service.run({
      actionId: 'container.remove',
      target,
      confirmation: 'intel-gpu-exporter',
    });
    if (!run.ok) throw new Error(run.reason);
    const result = await waitForResult(run.runId);
    expect(result.status, result.summary).toBe('succeeded');
    await collect();
    expect(container('vk01', 'intel-gpu-exporter')).toBeUndefined();
    const again = await service.preview({ actionId: 'container.logs', target, args: {} });
    expect(again).toMatchObject({ ok: false, code: 'no-such-container' });
  });

  it('runs the diagnostics on the simulation', async () => {
    const runs = [
      { actionId: 'gpu.diagnostics', target: { node: 'vk01' } },
      { actionId: 'clock.check', target: { node: 'vk01' } },
      { actionId: 'disk.usage', target: { node: 'vk02' } },
      { actionId: 'versions.compare', target: { node: 'vk01' } },
      { actionId: 'postgres.diagnostics', target: { node: 'vk01' } },
      { actionId: 'redis.diagnostics', target: { node: 'vk01' } },
      { actionId: 'container.logs', target: { node: 'vk03', container: 'visionking-backend' } },
    ];
    for (const request of runs) {
      const run = await service.run({ ...request, args: {} });
      if (!run.ok) throw new Error(`${request.actionId}: ${run.reason}`);
      const result = await waitForResult(run.runId);
      expect(result.status, `${request.actionId}: ${result.summary}`).toBe('succeeded');
      expect(result.steps.length).toBeGreaterThan(0);
    }
  });

  it('refuses NTP without sudo in the fleet file, saying why', async () => {
    const answer = await service.preview({
      actionId: 'clock.enableNtp',
      target: { node: 'vk01' },
      args: {},
    });
    expect(answer).toMatchObject({ ok: false, code: 'precondition' });
    if (!answer.ok) expect(answer.reason).toMatch(/actions\.sudo/);
  });

  it('opens Portainer at the fleet file URL only', async () => {
    const run = await service.run({ actionId: 'node.openPortainer', target: { node: 'vk03' } });
    if (!run.ok) throw new Error(run.reason);
    const result = await waitForResult(run.runId);
    expect(result.url).toBe(plant.fleet.nodes.vk03?.endpoints?.portainer);
  });
});

async function vi_waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
