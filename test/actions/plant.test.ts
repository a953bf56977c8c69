// Every action of the catalog on the test plant (real sshd, PostgreSQL and Redis; stand-in docker,
// nvidia-smi, timedatectl, chronyc, sudo and df that record each call in <node>/commands.log):
// the exact argv each action sends is read back from the stand-ins' record, a post-check that
// does not hold is reported as post-check-failed, and the audit records are complete and still
// there when the archive is opened again. Run alone: flock /tmp/plant.lock npx vitest run <this>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetActionService, type ActionService } from '../../electron/actions';
import { Archive } from '../../electron/archive';
import { createFleetCollector, type Collector } from '../../electron/collect/collector';
import type { ActionResult, RunRequest } from '../../shared/api/requests-actions';
import { fleetSchema, type Fleet } from '../../shared/fleet';
import { plantFleet } from '../helpers/plant-fleet';
import { temporaryDirectory } from '../helpers/temporary';
import { plantPrerequisiteProblem, startPlant, type NodeId, type Plant } from '../plant/plant';

const prerequisiteProblem = plantPrerequisiteProblem();
if (prerequisiteProblem !== undefined) {
  console.warn(`Skipping the actions-on-the-plant tests: ${prerequisiteProblem}.`);
}

const NODES: NodeId[] = ['vk01', 'vk02', 'vk03'];
const PORTAINER = 'https://127.0.0.13:9443/';
const PGADMIN = 'http://127.0.0.13:5050/';

let plant: Plant;
let fleet: Fleet;
let env: NodeJS.ProcessEnv;
let collector: Collector;
let archiveDir: string;
let archive: Archive;
let service: ActionService;
/** The same fleet with post-checks cut to a twentieth: 60 s becomes 3 s. */
let quickService: ActionService;
const results: ActionResult[] = [];

interface Recorded {
  result: ActionResult;
  /** Per node, the argv of every call its stand-ins received during the run. */
  commands: Record<NodeId, string[][]>;
}

async function runRecorded(request: RunRequest, on = service): Promise<Recorded> {
  const marks = Object.fromEntries(NODES.map((node) => [node, plant.commands(node).length]));
  const run = await on.run(request);
  if (!run.ok) throw new Error(`${request.actionId}: ${run.reason}`);
  const result = await on.finished(run.runId);
  if (!result) throw new Error(`${request.actionId}: no result`);
  results.push(result);
  const commands = Object.fromEntries(
    NODES.map((node) => [
      node,
      plant
        .commands(node)
        .slice(marks[node])
        .map((call) => call.argv),
    ]),
  ) as Record<NodeId, string[][]>;
  return { result, commands };
}

const inspect = (name: string) => ['docker', 'inspect', '--size', name];

/** The run's own commands, then one or more post-check reads and nothing else. */
function expectCommands(got: string[][], plan: string[][], check: string[] | null): void {
  expect(got.slice(0, plan.length)).toEqual(plan);
  const rest = got.slice(plan.length);
  if (check === null) return expect(rest).toEqual([]);
  expect(rest.length).toBeGreaterThan(0);
  for (const call of rest) expect(call).toEqual(check);
}

function noCommandsOn(recorded: Recorded, ...nodes: NodeId[]): void {
  for (const node of nodes) expect(recorded.commands[node], node).toEqual([]);
}

beforeAll(async () => {
  if (prerequisiteProblem !== undefined) return;
  plant = await startPlant();
  const made = plantFleet(plant);
  env = made.env;
  const nodes = made.fleet.nodes as Record<string, Record<string, unknown>>;
  nodes.vk01 = { ...nodes.vk01, actions: { sudo: true } };
  nodes.vk03 = { ...nodes.vk03, endpoints: { portainer: PORTAINER, pgadmin: PGADMIN } };
  fleet = fleetSchema.parse(made.fleet);
  collector = createFleetCollector(fleet, { env, execTimeoutMs: 5_000 });
  await collector.collectOnce();
  const dataDir = temporaryDirectory('actions-plant');
  archiveDir = `${dataDir}/archive`;
  archive = Archive.open({ directory: archiveDir });
  const common = {
    env,
    archive,
    dataDir,
    roles: { initialRole: 'supervisor' as const },
    actor: 'plant-test',
    postCheckPollMs: 200,
  };
  service = createFleetActionService(fleet, collector, common);
  quickService = createFleetActionService(fleet, collector, {
    ...common,
    postCheckTimeScale: 0.05,
  });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await quickService?.stop();
  await collector?.stop();
  archive?.close();
  await plant?.stop();
});

describe.skipIf(prerequisiteProblem !== undefined)('actions on the test plant', () => {
  it('container.logs: docker logs --tail N --timestamps NAME', async () => {
    const recorded = await runRecorded({
      actionId: 'container.logs',
      target: { node: 'vk01', container: 'keydb' },
      args: { lines: 20 },
    });
    expect(recorded.result.status).toBe('succeeded');
    expectCommands(
      recorded.commands.vk01,
      [['docker', 'logs', '--tail', '20', '--timestamps', 'keydb']],
      null,
    );
    noCommandsOn(recorded, 'vk02', 'vk03');
  });

  it('container.restart: docker restart -t 30, then running with a new start time', async () => {
    const before = await plant.readContainer('vk01', 'keydb');
    const recorded = await runRecorded({
      actionId: 'container.restart',
      target: { node: 'vk01', container: 'keydb' },
      findingId: 'container.memoryGrowth:vk01/keydb',
    });
    expect(recorded.result.status, recorded.result.summary).toBe('succeeded');
    expect(recorded.result.postCheck.state).toBe('passed');
    expect(recorded.commands.vk01[0]).toEqual(inspect('keydb'));
    expectCommands(
      recorded.commands.vk01.slice(1),
      [['docker', 'restart', '-t', '30', 'keydb']],
      inspect('keydb'),
    );
    expect(plant.dockerActions('vk01').at(-1)).toMatchObject({
      verb: 'restart',
      args: ['-t', '30', 'keydb'],
    });
    expect((await plant.readContainer('vk01', 'keydb'))?.StartedAt).not.toBe(before?.StartedAt);
  });

  it('gunicorn.recycle: docker kill --signal HUP, and the container keeps running', async () => {
    const recorded = await runRecorded({
      actionId: 'gunicorn.recycle',
      target: { node: 'vk01', container: 'visionking-visualizer' },
    });
    expect(recorded.result.status, recorded.result.summary).toBe('succeeded');
    expectCommands(
      recorded.commands.vk01,
      [['docker', 'kill', '--signal', 'HUP', 'visionking-visualizer']],
      inspect('visionking-visualizer'),
    );
    expect((await plant.readContainer('vk01', 'visionking-visualizer'))?.State).toBe('running');
  });

  it('inference.stop and inference.start: docker stop -t 30, docker start', async () => {
    const target = { node: 'vk02', container: 'visionking-inference' };
    const stop = await runRecorded({ actionId: 'inference.stop', target });
    expect(stop.result.status, stop.result.summary).toBe('succeeded');
    expectCommands(
      stop.commands.vk02,
      [['docker', 'stop', '-t', '30', 'visionking-inference']],
      inspect('visionking-inference'),
    );
    expect((await plant.readContainer('vk02', 'visionking-inference'))?.State).toBe('exited');

    const refused = await service.preview({ actionId: 'inference.start', target, args: {} });
    expect(refused).toMatchObject({ ok: false, code: 'precondition' });
    await collector.collectOnce();
    const start = await runRecorded({ actionId: 'inference.start', target });
    expect(start.result.status, start.result.summary).toBe('succeeded');
    expect(start.commands.vk02[0]).toEqual(inspect('visionking-inference'));
    expectCommands(
      start.commands.vk02.slice(1),
      [['docker', 'start', 'visionking-inference']],
      inspect('visionking-inference'),
    );
    noCommandsOn(start, 'vk01', 'vk03');
  });

  it('container.remove: needs the typed name; docker rm --force; then gone', async () => {
    const target = { node: 'vk02', container: 'intel-gpu-exporter' };
    const before = plant.commands('vk02').length;
    const untyped = await service.run({ actionId: 'container.remove', target });
    expect(untyped).toMatchObject({ ok: false, code: 'confirmation' });
    expect(plant.commands('vk02')).toHaveLength(before);
    const recorded = await runRecorded({
      actionId: 'container.remove',
      target,
      confirmation: 'intel-gpu-exporter',
    });
    expect(recorded.result.status, recorded.result.summary).toBe('succeeded');
    expectCommands(
      recorded.commands.vk02,
      [['docker', 'rm', '--force', 'intel-gpu-exporter']],
      inspect('intel-gpu-exporter'),
    );
    expect(await plant.readContainer('vk02', 'intel-gpu-exporter')).toBeUndefined();
  });

  it('gpu.diagnostics: nvidia-smi -q and the DCGM exporter log', async () => {
    const recorded = await runRecorded({ actionId: 'gpu.diagnostics', target: { node: 'vk01' } });
    expect(recorded.result.status, recorded.result.summary).toBe('succeeded');
    expectCommands(
      recorded.commands.vk01,
      [
        ['nvidia-smi', '-q'],
        ['docker', 'logs', '--tail', '100', '--timestamps', 'dcgm-exporter'],
      ],
      null,
    );
  });

  it('clock.check: timedatectl show and chronyc tracking (no chronyd is an answer)', async () => {
    await plant.writeScenarioFile('vk01', 'chronyc-tracking.txt', 'Reference ID    : C8A00101\n');
    const withChrony = await runRecorded({ actionId: 'clock.check', target: { node: 'vk01' } });
    expect(withChrony.result.status).toBe('succeeded');
    expectCommands(
      withChrony.commands.vk01,
      [
        ['timedatectl', 'show'],
        ['chronyc', 'tracking'],
      ],
      null,
    );
    const without = await runRecorded({ actionId: 'clock.check', target: { node: 'vk02' } });
    expect(without.result).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(without.result.steps.map((step) => step.exitCode)).toEqual([0, 1]);
    expect(without.commands.vk02).toEqual([
      ['timedatectl', 'show'],
      ['chronyc', 'tracking'],
    ]);
  });

  it('clock.enableNtp: sudo -n timedatectl set-ntp true where sudo is allowed', async () => {
    const settings = 'Timezone=America/Sao_Paulo\nLocalRTC=no\nCanNTP=yes\nNTP=no\n';
    await plant.writeScenarioFile('vk01', 'timedatectl-show.txt', settings);
    await plant.writeScenarioFile('vk01', 'sudo-allowed', '');
    const recorded = await runRecorded({ actionId: 'clock.enableNtp', target: { node: 'vk01' } });
    expect(recorded.result.status, recorded.result.summary).toBe('succeeded');
    expect(recorded.result.postCheck).toMatchObject({ state: 'passed', detail: /NTP=yes/ });
    expectCommands(
      recorded.commands.vk01,
      [['sudo', '-n', 'timedatectl', 'set-ntp', 'true']],
      ['timedatectl', 'show'],
    );
    const before = plant.commands('vk02').length;
    const refused = await service.run({ actionId: 'clock.enableNtp', target: { node: 'vk02' } });
    expect(refused).toMatchObject({ ok: false, code: 'precondition', reason: /actions\.sudo/ });
    expect(plant.commands('vk02')).toHaveLength(before);
  });

  it('postgres.diagnostics: sizes and sessions over SQL, the server log over SSH', async () => {
    const recorded = await runRecorded({
      actionId: 'postgres.diagnostics',
      target: { node: 'vk01' },
    });
    expect(recorded.result.status, recorded.result.summary).toBe('succeeded');
    expect(recorded.result.steps.map((step) => step.text.split(' ')[0])).toEqual([
      'select',
      'select',
      'docker',
    ]);
    expectCommands(
      recorded.commands.vk01,
      [['docker', 'logs', '--tail', '5000', '--timestamps', 'database-server']],
      null,
    );
    expect(recorded.result.outputDigest.bytes).toBeGreaterThan(100);
    // The plant logs in to "visionking" once at start, as 03002's unknown client does.
    expect(recorded.result.summary).toMatch(/database "visionking" asked for \d+× by/);
  });

  it('redis.diagnostics: over the Redis protocol only', async () => {
    const recorded = await runRecorded({ actionId: 'redis.diagnostics', target: { node: 'vk01' } });
    expect(recorded.result.status, recorded.result.summary).toBe('succeeded');
    expect(recorded.result.steps.map((step) => step.text)).toEqual([
      'INFO keyspace',
      'SELECT 0; HGETALL DB_Speed',
    ]);
    noCommandsOn(recorded, 'vk01', 'vk02', 'vk03');
  });

  it('disk.usage: df -P -B1 and docker system df', async () => {
    const recorded = await runRecorded({ actionId: 'disk.usage', target: { node: 'vk03' } });
    expect(recorded.result.status, recorded.result.summary).toBe('succeeded');
    expectCommands(
      recorded.commands.vk03,
      [
        ['df', '-P', '-B1'],
        ['docker', 'system', 'df'],
      ],
      null,
    );
  });

  it('versions.compare: both versions asked of every node', async () => {
    const recorded = await runRecorded({ actionId: 'versions.compare', target: { node: 'vk01' } });
    // The plant's nodes run different Compose versions, as 03002's do.
    expect(recorded.result.summary).toContain(
      'vk01 Docker 28.2.2 / Compose 2.32.4; vk02 Docker 28.2.2 / Compose 2.29.7; ' +
        'vk03 Docker 28.2.2 / Compose 2.31.0 (they differ)',
    );
    for (const node of NODES) {
      expectCommands(
        recorded.commands[node],
        [
          ['docker', 'version', '--format', '{{.Server.Version}}'],
          ['docker', 'compose', 'version', '--short'],
        ],
        null,
      );
    }
  });

  it('node.openPortainer and node.openPgadmin: the fleet URL, nothing sent to a node', async () => {
    const portainer = await runRecorded({
      actionId: 'node.openPortainer',
      target: { node: 'vk03' },
    });
    expect(portainer.result).toMatchObject({ status: 'succeeded', url: PORTAINER });
    const pgadmin = await runRecorded({ actionId: 'node.openPgadmin', target: { node: 'vk03' } });
    expect(pgadmin.result).toMatchObject({ status: 'succeeded', url: PGADMIN });
    noCommandsOn(portainer, 'vk01', 'vk02', 'vk03');
    noCommandsOn(pgadmin, 'vk01', 'vk02', 'vk03');
    const none = await service.preview({
      actionId: 'node.openPortainer',
      target: { node: 'vk01' },
      args: {},
    });
    expect(none).toMatchObject({ ok: false, code: 'precondition' });
  });

  it('a restart whose container stays unhealthy is reported as post-check-failed', async () => {
    await plant.updateContainer('vk01', 'rabbitmq', { Health: 'unhealthy' });
    const recorded = await runRecorded(
      { actionId: 'container.restart', target: { node: 'vk01', container: 'rabbitmq' } },
      quickService,
    );
    expect(recorded.result.status).toBe('post-check-failed');
    expect(recorded.result.exitCode).toBe(0);
    expect(recorded.result.postCheck).toEqual({
      state: 'failed',
      detail: 'not within 3 s: rabbitmq is running but unhealthy',
    });
    expect(recorded.result.summary).toMatch(/post-check-failed/);
  });

  it('every run left a complete audit record that outlives the archive being reopened', () => {
    // Both services write into the same archive.
    const records = service.audit();
    expect(quickService.audit()).toEqual(records);
    const byRun = new Map(records.map((record) => [record.runId, record]));
    expect(byRun.size).toBe(results.length);
    for (const result of results) {
      const record = byRun.get(result.runId)!;
      expect(record, result.runId).toBeDefined();
      expect(record).toMatchObject({
        id: result.auditId,
        actor: 'plant-test',
        role: 'supervisor',
        actionId: result.actionId,
        target: result.target,
        status: result.status,
        exitCode: result.exitCode,
        postCheck: result.postCheck,
        outputDigest: result.outputDigest,
        startedAt: result.startedAt,
        finishedAt: result.finishedAt,
      });
      expect(record.nodes.length).toBeGreaterThan(0);
    }
    const restart = records.find((record) => record.findingId !== null);
    expect(restart).toMatchObject({
      actionId: 'container.restart',
      findingId: 'container.memoryGrowth:vk01/keydb',
    });
    archive.close();
    archive = Archive.open({ directory: archiveDir, readOnly: true });
    const reopened = createFleetActionService(fleet, collector, { archive, env });
    expect(reopened.audit().map((record) => record.runId)).toEqual(
      records.map((record) => record.runId),
    );
  });
});
