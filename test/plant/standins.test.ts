// The stand-ins over real SSH on the test plant, checked against the formats of the real commands
// (../shared/fixtures/real-outputs) and read with the control room's own parsers.
import { createHash } from 'node:crypto';
import { Client as SshClient } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cgroupScript } from '../../electron/collect/ssh-sections';
import { parseCgroupLines } from '../../electron/collect/cgroup';
import { parseDockerInspect, parseDockerPsJson } from '../../electron/probes/docker';
import { parseComposeVersion, parseDockerVersion } from '../../electron/probes/host';
import { classifyLogLevel } from '../../electron/probes/log-levels';
import {
  detectNvidiaSmiFailure,
  gpuQueryArguments,
  gpusFromNvidiaSmiCsv,
} from '../../electron/probes/nvidia-smi';
import { parsePostgresLog } from '../../electron/probes/postgres-log';
import { parseTimedatectlShow } from '../../electron/probes/time-sync';
import {
  NODE_IDS,
  plantPrerequisiteProblem,
  readPlantInfo,
  startPlant,
  type NodeId,
  type Plant,
} from './plant';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One SSH connection per node, reused for every command, as the collector does. */
class Session {
  private constructor(private readonly client: SshClient) {}

  static open(plant: Plant, node: NodeId): Promise<Session> {
    const target = plant.nodes[node];
    return new Promise((resolve, reject) => {
      const client = new SshClient();
      client.once('error', reject);
      client.once('ready', () => resolve(new Session(client)));
      client.connect({
        host: target.address,
        port: target.sshPort,
        username: plant.sshUser,
        privateKey: plant.clientPrivateKey,
        hostVerifier: (key: Buffer) => fingerprint(key) === target.hostKeyFingerprint,
        readyTimeout: 5_000,
      });
    });
  }

  run(command: string): Promise<Run> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (error, stream) => {
        if (error) return reject(error);
        const result: Run = { code: null, stdout: '', stderr: '' };
        stream.on('data', (chunk: Buffer) => (result.stdout += chunk.toString()));
        stream.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
        stream.on('exit', (code: number | null) => (result.code = code));
        stream.on('close', () => resolve(result));
      });
    });
  }

  close(): void {
    this.client.end();
  }
}

function fingerprint(hostKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`;
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** Docker's RFC 3339 time with nanoseconds, in milliseconds since 1970. */
function dockerTimeMs(stamp: string | undefined): number {
  return Date.parse(`${(stamp ?? '').slice(0, 23)}Z`);
}

function psRecords(stdout: string): Record<string, unknown>[] {
  return lines(stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
}

const PS_ALL = "docker ps -a --no-trunc --format '{{json .}}'";
// `docker ps --format` on Docker 28: the keys of formatter.ContainerContext, sorted.
const DOCKER_28_PS_KEYS = [
  'Command',
  'CreatedAt',
  'ID',
  'Image',
  'Labels',
  'LocalVolumes',
  'Mounts',
  'Names',
  'Networks',
  'Platform',
  'Ports',
  'RunningFor',
  'Size',
  'State',
  'Status',
];
const DOCKER_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /;
const DRIVER_ERROR =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that " +
  'the latest NVIDIA driver is installed and running.\n';

const prerequisiteProblem = plantPrerequisiteProblem();
if (prerequisiteProblem !== undefined) {
  console.warn(`Skipping the stand-in tests: ${prerequisiteProblem}.`);
}

describe.skipIf(prerequisiteProblem !== undefined)('the stand-ins over SSH', () => {
  let plant: Plant;
  const sessions = {} as Record<NodeId, Session>;
  const run = (node: NodeId, command: string): Promise<Run> => sessions[node].run(command);

  beforeAll(async () => {
    plant = await startPlant();
    for (const node of NODE_IDS) sessions[node] = await Session.open(plant, node);
  });

  afterAll(async () => {
    for (const session of Object.values(sessions)) session.close();
    await plant?.stop();
  });

  describe('docker ps', () => {
    it.each(NODE_IDS)('prints Docker 28 JSON lines that our parser reads on %s', async (node) => {
      const result = await run(node, PS_ALL);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const records = psRecords(result.stdout);
      expect(records.length).toBeGreaterThanOrEqual(8);
      for (const record of records) {
        expect(Object.keys(record)).toEqual(DOCKER_28_PS_KEYS);
        expect(record.ID).toMatch(/^[0-9a-f]{64}$/);
        expect(record.CreatedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d -0300 -03$/);
        expect(record.Command).toMatch(/^".*"$/);
      }
      const parsed = parseDockerPsJson(result.stdout);
      expect(parsed.problems).toEqual([]);
      const database = parsed.value.find((entry) => entry.name === 'database-server');
      expect(database).toMatchObject({ state: 'running', health: 'healthy', tag: '15' });
      expect(database?.labels['com.docker.compose.project']).toBe('visionking');
    });

    it('models deployment 03002: versions, crash loop, a stopped pgAdmin, sizes', async () => {
      const vk01 = parseDockerPsJson((await run('vk01', PS_ALL)).stdout).value;
      const vk02 = parseDockerPsJson((await run('vk02', PS_ALL)).stdout).value;
      const vk03 = parseDockerPsJson((await run('vk03', PS_ALL)).stdout).value;
      const byName = (list: typeof vk01, name: string) => list.find((c) => c.name === name);
      expect(byName(vk01, 'visionking-inference')?.tag).toBe('c014');
      expect(byName(vk02, 'visionking-inference')?.tag).toBe('c009');
      expect(byName(vk01, 'visionking-plc-monitor')).toBeDefined();
      expect(byName(vk02, 'visionking-length-measure')).toBeDefined();
      expect(byName(vk02, 'intel-gpu-exporter')).toMatchObject({
        state: 'restarting',
        exitCode: 1,
      });
      expect(byName(vk03, 'pgadmin')).toMatchObject({ state: 'exited', exitCode: 1 });
      expect(byName(vk03, 'pgadmin')?.status).toMatch(/^Exited \(1\) \d+ hours ago$/);
      // `{{json .}}` names .Size, so the real CLI computes sizes unless told --size=false.
      expect(byName(vk02, 'is-sis-surface')?.sizeRwBytes).toBe(120_000_000);
      const raw = psRecords((await run('vk02', PS_ALL)).stdout);
      expect(raw.find((record) => record.Names === 'is-sis-surface')?.Size).toBe(
        '120MB (virtual 295MB)',
      );
    });

    it('truncates, filters and skips sizes like the real CLI', async () => {
      const running = psRecords((await run('vk03', "docker ps --format '{{json .}}'")).stdout);
      expect(running.map((record) => record.Names)).not.toContain('pgadmin');
      for (const record of running) {
        expect(record.ID).toMatch(/^[0-9a-f]{12}$/);
        expect(String(record.Command).length).toBeLessThanOrEqual(22);
      }
      const frontend = running.find((record) => record.Names === 'visionking-frontend');
      expect(frontend?.Command).toBe('"/docker-entrypoint.…"');
      const noSize = await run('vk03', "docker ps -a --size=false --format '{{json .}}'");
      expect(new Set(psRecords(noSize.stdout).map((record) => record.Size))).toEqual(
        new Set(['0B']),
      );
      // Go's encoder escapes < > & in JSON strings, as in the real outputs.
      expect(noSize.stdout).toContain('0.0.0.0:80-\\u003e80/tcp');
      expect(noSize.stdout).toContain('\\u003cdocker-maint@nginx.com\\u003e');
    });
  });

  describe('docker inspect --size', () => {
    it.each(NODE_IDS)('prints a JSON array with sizes and state on %s', async (node) => {
      const ids = psRecords((await run(node, PS_ALL)).stdout).map((record) => String(record.ID));
      const result = await run(node, `docker inspect --size ${ids.join(' ')}`);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^\[\n {4}\{\n {8}"Id": "[0-9a-f]{64}",\n/);
      const documents = JSON.parse(result.stdout) as Record<string, unknown>[];
      expect(documents.map((document) => document.Id)).toEqual(ids);
      for (const document of documents) {
        expect(document).toHaveProperty('SizeRw');
        expect(document).toHaveProperty('SizeRootFs');
        expect(document.Name).toMatch(/^\/[a-z]/);
        expect(document.State).toHaveProperty('OOMKilled', false);
      }
      const parsed = parseDockerInspect(result.stdout);
      expect(parsed.problems).toEqual([]);
      expect(parsed.value.every((entry) => entry.sizeRwBytes !== null)).toBe(true);
    });

    it('reads names and short IDs, and reports the unknown ones like Docker', async () => {
      const ps = psRecords((await run('vk02', PS_ALL)).stdout);
      const visualizer = ps.find((record) => record.Names === 'visionking-visualizer');
      const shortId = String(visualizer?.ID).slice(0, 12);
      const result = await run('vk02', `docker inspect --size ${shortId} nope database-server`);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('Error: No such object: nope\n');
      const parsed = parseDockerInspect(result.stdout).value;
      expect(parsed.map((entry) => entry.name)).toEqual([
        'visionking-visualizer',
        'database-server',
      ]);
      expect(parsed[0]).toMatchObject({
        memoryLimitBytes: 512 * 1024 * 1024,
        restartPolicy: 'unless-stopped',
      });
      const none = await run('vk02', 'docker inspect nope');
      expect(none).toEqual({ code: 1, stdout: '[]\n', stderr: 'Error: No such object: nope\n' });
      const withoutSize = JSON.parse((await run('vk02', 'docker inspect keydb')).stdout);
      expect(withoutSize[0]).not.toHaveProperty('SizeRw');
    });

    it('prints sizes above 2^31 bytes whole (mawk would compare them as 5.78e+09)', async () => {
      const result = await run('vk03', 'docker inspect --size database-server');
      expect(JSON.parse(result.stdout)[0]).toMatchObject({ SizeRw: 5_780_000_000 });
    });
  });

  describe('versions', () => {
    it.each([
      ['vk01', '2.32.4'],
      ['vk02', '2.29.7'],
      ['vk03', '2.31.0'],
    ] as const)('gives %s Docker 28 and Compose %s', async (node, compose) => {
      const version = await run(node, "docker version --format '{{.Server.Version}}'");
      expect(parseDockerVersion(version.stdout).value.serverVersion).toBe('28.2.2');
      expect(await run(node, 'docker compose version --short')).toEqual({
        code: 0,
        stdout: `${compose}\n`,
        stderr: '',
      });
      const long = await run(node, 'docker compose version');
      expect(long.stdout).toBe(`Docker Compose version v${compose}\n`);
      expect(parseComposeVersion(long.stdout).value).toBe(compose);
    });
  });

  describe('docker logs', () => {
    it('returns the real PostgreSQL log on stderr with Docker timestamps', async () => {
      const result = await run('vk01', 'docker logs --timestamps --tail 50 database-server');
      expect(result).toMatchObject({ code: 0, stdout: '' });
      const logLines = lines(result.stderr);
      expect(logLines.every((line) => DOCKER_TIMESTAMP.test(line))).toBe(true);
      expect(result.stderr).toContain('database system is ready to accept connections');
      // Provoked at start from postgres-bad-database.txt, as the 03002 report saw every minute.
      expect(result.stderr).toContain('FATAL:  database "visionking" does not exist');
      const stamp = /^(\S+) (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) UTC/.exec(logLines[0] ?? '');
      expect(stamp?.[1]?.slice(0, 23)).toBe(`${stamp?.[2]}T${stamp?.[3]}`);
      const parsed = parsePostgresLog(result.stderr);
      expect(parsed.value.entries.some((entry) => entry.severity === 'FATAL')).toBe(true);
      const vk03 = await run('vk03', 'docker logs database-server');
      expect(vk03.stderr).not.toContain('"visionking" does not exist');
    });

    it('filters by --since (inclusive), by Unix seconds and by duration', async () => {
      const all = lines((await run('vk01', 'docker logs -t visionking-plc-monitor 2>&1')).stdout);
      expect(all.length).toBeGreaterThan(300);
      const cursor = all[all.length - 10]?.split(' ')[0] ?? '';
      const since = await run(
        'vk01',
        `docker logs --since ${cursor} -t visionking-plc-monitor 2>&1`,
      );
      expect(lines(since.stdout)).toEqual(all.slice(-10));
      const seconds = (dockerTimeMs(cursor) / 1000).toFixed(3);
      const unix = await run(
        'vk01',
        `docker logs --since ${seconds} -t visionking-plc-monitor 2>&1`,
      );
      expect(lines(unix.stdout).length).toBeGreaterThanOrEqual(10);
      expect(lines(unix.stdout).length).toBeLessThanOrEqual(11);
      const recent = await run('vk01', 'docker logs --since 1s visionking-plc-monitor 2>&1');
      expect(recent.stdout).toBe('');
      const tail = await run(
        'vk01',
        'docker logs --tail 3 --since 2000-01-01 visionking-plc-monitor',
      );
      expect(lines(tail.stderr).length).toBe(3);
      const bad = await run('vk01', 'docker logs --since yesterday keydb');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toBe(
        'invalid value for "since": failed to parse value as time or duration: "yesterday"\n',
      );
    });

    it('speaks each application’s own format, classified by our level reader', async () => {
      const plc = lines((await run('vk01', 'docker logs --tail 1 visionking-plc-monitor')).stderr);
      expect(plc[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - plc_monitor - WARNING - /);
      expect(classifyLogLevel(plc[0] ?? '')).toBe('warning');
      const gunicorn = (await run('vk02', 'docker logs visionking-visualizer 2>&1')).stdout;
      expect(gunicorn).toMatch(
        new RegExp(
          String.raw`^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000\] \[1\] \[ERROR\] ` +
            String.raw`Worker \(pid:9\) was sent SIGKILL! Perhaps out of memory\?$`,
          'm',
        ),
      );
      const nest = lines((await run('vk03', 'docker logs visionking-backend')).stdout);
      expect(nest[0]).toMatch(
        /^\[Nest\] 1 {2}- \d\d\/\d\d\/\d{4}, \d{1,2}:\d\d:\d\d [AP]M {5}LOG \[NestFactory\] /,
      );
      const redis = (await run('vk03', 'docker logs visionking-backend')).stderr;
      expect(redis).toContain('[ioredis] Unhandled error event: Error: connect EHOSTUNREACH');
    });

    it('keeps stdout and stderr in order when merged, as `2>&1` does', async () => {
      const merged = lines((await run('vk03', 'docker logs -t visionking-backend 2>&1')).stdout);
      const stamps = merged.map((line) => line.split(' ')[0] ?? '');
      expect([...stamps].sort()).toEqual(stamps);
      expect(merged.some((line) => line.includes('[ioredis]'))).toBe(true);
      expect(merged.some((line) => line.includes('[Nest]'))).toBe(true);
    });

    it("dates some of vk02's dw-sis-surface lines three days ahead, as in the report", async () => {
      const result = await run('vk02', 'docker logs -t dw-sis-surface');
      const ahead = lines(result.stderr).filter((line) => {
        const own = /^\S+ (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/.exec(line)?.[1];
        return (
          own !== undefined && Date.parse(`${own.replace(' ', 'T')}Z`) > Date.now() + 86_400_000
        );
      });
      expect(ahead.length).toBeGreaterThan(0);
    });

    it('moves the lines of a node whose clock is ahead (log-clock-offset-seconds)', async () => {
      const before =
        lines((await run('vk03', 'docker logs -t --tail 1 portainer')).stdout)[0] ?? '';
      await plant.writeScenarioFile('vk03', 'log-clock-offset-seconds', '259200\n');
      try {
        const after =
          lines((await run('vk03', 'docker logs -t --tail 1 portainer')).stdout)[0] ?? '';
        const shift = dockerTimeMs(after.split(' ')[0]) - dockerTimeMs(before.split(' ')[0]);
        expect(shift).toBe(259_200_000);
        expect(after.split(' ').slice(1, 3)).not.toEqual(before.split(' ').slice(1, 3));
      } finally {
        await plant.removeScenarioFile('vk03', 'log-clock-offset-seconds');
      }
    });

    it('answers an unknown container like the daemon', async () => {
      expect(await run('vk01', 'docker logs --since 60s --timestamps --tail 500 nope')).toEqual({
        code: 1,
        stdout: '',
        stderr: 'Error response from daemon: No such container: nope\n',
      });
    });
  });

  describe('restart, start, stop, kill and rm', () => {
    it('restarts a container: new StartedAt, counter reset, recorded', async () => {
      await plant.updateContainer('vk02', 'visionking-result', { RestartCount: 3 });
      const inspect = async () =>
        JSON.parse((await run('vk02', 'docker inspect visionking-result')).stdout)[0];
      const before = await inspect();
      expect(before.RestartCount).toBe(3);
      const restart = await run('vk02', 'docker restart -t 5 visionking-result');
      expect(restart).toEqual({ code: 0, stdout: 'visionking-result\n', stderr: '' });
      const after = await inspect();
      expect(Date.parse(after.State.StartedAt)).toBeGreaterThan(Date.parse(before.State.StartedAt));
      expect(after.State.Pid).not.toBe(before.State.Pid);
      // A manual restart resets the restart policy's counter, as moby does.
      expect(after.RestartCount).toBe(0);
      const ps = psRecords((await run('vk02', PS_ALL)).stdout);
      expect(ps.find((record) => record.Names === 'visionking-result')?.Status).toMatch(
        /^Up (Less than a second|\d seconds?)$/,
      );
      expect(plant.dockerActions('vk02').at(-1)).toMatchObject({
        verb: 'restart',
        args: ['-t', '5', 'visionking-result'],
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
      });
    });

    it('counts restarts the daemon makes, when a test simulates a crash loop', async () => {
      await plant.updateContainer('vk02', 'rc-sis-surface', { RestartCount: 7, ExitCode: 1 });
      const [document] = parseDockerInspect(
        (await run('vk02', 'docker inspect rc-sis-surface')).stdout,
      ).value;
      expect(document?.restartCount).toBe(7);
    });

    it('kills, starts, stops and removes like Docker, with its error messages', async () => {
      const state = async (name: string) =>
        psRecords((await run('vk01', PS_ALL)).stdout).find((record) => record.Names === name);
      expect(await run('vk01', 'docker kill -s SIGHUP keydb')).toMatchObject({ stdout: 'keydb\n' });
      expect((await state('keydb'))?.State).toBe('running');
      expect(await run('vk01', 'docker kill keydb')).toEqual({
        code: 0,
        stdout: 'keydb\n',
        stderr: '',
      });
      expect((await state('keydb'))?.Status).toMatch(/^Exited \(137\) /);
      const again = await run('vk01', 'docker kill keydb');
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(
        new RegExp(
          '^Error response from daemon: cannot kill container: keydb: ' +
            'container [0-9a-f]{64} is not running\n$',
        ),
      );
      expect(await run('vk01', 'docker start keydb')).toMatchObject({ code: 0, stdout: 'keydb\n' });
      expect((await state('keydb'))?.State).toBe('running');
      expect(await run('vk01', 'docker stop keydb')).toMatchObject({ code: 0, stdout: 'keydb\n' });
      expect((await state('keydb'))?.Status).toMatch(/^Exited \(0\) /);
      const busy = await run('vk01', 'docker rm rabbitmq');
      expect(busy.stderr).toBe(
        'Error response from daemon: cannot remove container "/rabbitmq": container is running: ' +
          'stop the container before removing or force remove\n',
      );
      expect(await run('vk01', 'docker rm -f rabbitmq nope')).toEqual({
        code: 1,
        stdout: 'rabbitmq\n',
        stderr: 'Error response from daemon: No such container: nope\n',
      });
      expect(await state('rabbitmq')).toBeUndefined();
      expect(await plant.readContainer('vk01', 'rabbitmq')).toBeUndefined();
      expect(plant.dockerActions('vk01').map(({ verb, args }) => [verb, ...args])).toEqual([
        ['kill', '-s', 'SIGHUP', 'keydb'],
        ['kill', 'keydb'],
        ['kill', 'keydb'],
        ['start', 'keydb'],
        ['stop', 'keydb'],
        ['rm', 'rabbitmq'],
        ['rm', '-f', 'rabbitmq', 'nope'],
      ]);
    });

    it('refuses what it does not know, without recording it', async () => {
      const before = plant.dockerActions('vk03').length;
      const unknown = await run('vk03', 'docker restart --bogus portainer');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('does not know --bogus');
      expect((await run('vk03', "docker rm -f 'a;b'")).code).toBe(1);
      expect(plant.dockerActions('vk03').length).toBe(before);
      expect((await run('vk03', 'docker system prune -f')).stderr).toContain(
        'not a docker command',
      );
    });
  });

  describe('cgroup v2 files', () => {
    const collectorScript = (node: NodeId): string =>
      `sh -c '${cgroupScript.replaceAll("'", "'\\''")}' cgroups ${plant.nodes[node].cgroupRoot}`;

    it("has a scope for every running container, read by the collector's own script", async () => {
      plant.refreshCgroups();
      const ps = parseDockerPsJson((await run('vk02', PS_ALL)).stdout).value;
      const result = await run('vk02', collectorScript('vk02'));
      expect(result.stderr).toBe('');
      const samples = parseCgroupLines(result.stdout);
      const running = ps.filter((entry) => entry.state === 'running').map((entry) => entry.id);
      expect([...samples.keys()].sort()).toEqual([...running].sort());
      const visualizer = ps.find((entry) => entry.name === 'visionking-visualizer');
      const sample = samples.get(visualizer?.id ?? '');
      expect(sample?.memoryLimitBytes).toBe(512 * 1024 * 1024);
      // `docker stats` shows memory.current − inactive_file: about 334 MB, as in the report.
      expect(sample?.memoryBytes).toBeGreaterThan(300_000_000);
      expect(sample?.memoryBytes).toBeLessThan(350_000_000);
      const database = samples.get(ps.find((entry) => entry.name === 'database-server')?.id ?? '');
      expect(database?.memoryLimitBytes).toBeNull();
    });

    it('advances cpu.stat with time and with advanceCgroups', async () => {
      const fields = await plant.readContainer('vk02', 'visionking-visualizer');
      const dir = `${plant.nodes.vk02.cgroupRoot}/system.slice/docker-${fields?.Id}.scope`;
      const usage = async () =>
        Number(/^usage_usec (\d+)$/m.exec((await run('vk02', `cat ${dir}/cpu.stat`)).stdout)?.[1]);
      const first = await usage();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const second = await usage();
      // plant.cpu=0.48 cores: ~480 ms of CPU per second, refreshed every 250 ms.
      expect(second - first).toBeGreaterThan(0.48 * 500_000);
      // The upper bound leaves room for slow SSH round trips on a loaded machine.
      expect(second - first).toBeLessThan(0.48 * 2_500_000);
      plant.advanceCgroups('vk02', 60);
      const third = await usage();
      expect(third - second).toBeGreaterThan(0.48 * 60_000_000);
      expect(third - second).toBeLessThan(0.48 * 63_000_000);
      const stat = (await run('vk02', `cat ${dir}/cpu.stat ${dir}/memory.max`)).stdout;
      expect(stat).toMatch(/^usage_usec \d+\nuser_usec \d+\nsystem_usec \d+\nnr_periods 0\n/);
      expect(stat).toMatch(/^536870912$/m);
    });

    it('drops a stopped container’s scope and gives a restarted one fresh counters', async () => {
      const fields = await plant.readContainer('vk03', 'cadvisor');
      const dir = `${plant.nodes.vk03.cgroupRoot}/system.slice/docker-${fields?.Id}.scope`;
      await run('vk03', 'docker stop cadvisor');
      expect((await run('vk03', `test -d ${dir}`)).code).toBe(1);
      await run('vk03', 'docker start cadvisor');
      plant.refreshCgroups();
      const usage = /^usage_usec (\d+)$/m.exec((await run('vk03', `cat ${dir}/cpu.stat`)).stdout);
      expect(Number(usage?.[1])).toBeLessThan(1_000_000);
    });

    it('names the tree in plant.json for fleets written from another process', () => {
      const info = readPlantInfo(plant.dir);
      expect(info?.nodes.vk01.cgroupRoot).toBe(`${plant.dir}/vk01/cgroup`);
    });
  });

  describe('nvidia-smi', () => {
    it('answers the collector’s query on the processing nodes', async () => {
      const result = await run('vk01', `nvidia-smi ${gpuQueryArguments.join(' ')}`);
      expect(result.stdout).toBe(
        '0, NVIDIA GeForce RTX 3070, GPU-3f1c9a2e-5b7d-4e21-9c0a-6d8e1f2a4b01, ' +
          '27, 5522, 8192, 0, ' +
          '14.52, 0\n',
      );
      const parsed = gpusFromNvidiaSmiCsv(result.stdout);
      expect(parsed.problems).toEqual([]);
      expect(parsed.value[0]?.name).toBe('NVIDIA GeForce RTX 3070');
    });

    it('prints the full report for -q, with the time it was taken', async () => {
      const result = await run('vk02', 'nvidia-smi -q');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('\n==============NVSMI LOG==============\n');
      expect(result.stdout).toMatch(/^ {4}Product Name {26}: NVIDIA GeForce RTX 3070$/m);
      const year = new Date().getFullYear();
      expect(result.stdout).toMatch(
        new RegExp(`^Timestamp {33}: \\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d ${year}$`, 'm'),
      );
    });

    it('has no GPU on the dashboard node, and fails like a broken driver on request', async () => {
      const none = await run('vk03', `nvidia-smi ${gpuQueryArguments.join(' ')}`);
      expect(none).toEqual({ code: 6, stdout: 'No devices were found\n', stderr: '' });
      expect(detectNvidiaSmiFailure(none.stdout)).toBe('no NVIDIA GPU found');
      await plant.writeScenarioFile('vk01', 'nvidia-smi-error.txt', DRIVER_ERROR);
      try {
        const broken = await run('vk01', `nvidia-smi ${gpuQueryArguments.join(' ')}`);
        expect(broken).toEqual({ code: 9, stdout: DRIVER_ERROR, stderr: '' });
        expect(detectNvidiaSmiFailure(broken.stdout)).toBe('the NVIDIA driver is not loaded');
        await plant.writeScenarioFile(
          'vk01',
          'nvidia-smi-error.txt',
          'Failed to initialize NVML: Driver/library version mismatch\n' +
            'NVML library version: 550.144\n',
        );
        await plant.writeScenarioFile('vk01', 'nvidia-smi-error-code.txt', '18\n');
        const mismatch = await run('vk01', 'nvidia-smi -q');
        expect(mismatch.code).toBe(18);
        expect(detectNvidiaSmiFailure(mismatch.stdout)).toBe(
          'NVML failed: Driver/library version mismatch',
        );
      } finally {
        await plant.removeScenarioFile('vk01', 'nvidia-smi-error.txt');
        await plant.removeScenarioFile('vk01', 'nvidia-smi-error-code.txt');
      }
    });
  });

  it('gives timedatectl show with a live clock in the node’s zone', async () => {
    const result = await run('vk02', 'timedatectl show');
    const parsed = parseTimedatectlShow(result.stdout);
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toMatchObject({ timezone: 'America/Sao_Paulo', ntpSynced: true });
    expect(result.stdout).toMatch(/^TimeUSec=\w{3} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d -03$/m);
  });

  it("fails every daemon command, but not Compose's version, when the daemon is down", async () => {
    await plant.writeScenarioFile('vk03', 'docker-daemon-down', '');
    try {
      const message =
        'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. ' +
        'Is the docker daemon running?\n';
      for (const command of [PS_ALL, 'docker inspect keydb', 'docker logs portainer']) {
        expect(await run('vk03', command)).toEqual({ code: 1, stdout: '', stderr: message });
      }
      expect((await run('vk03', 'docker compose version --short')).stdout).toBe('2.31.0\n');
    } finally {
      await plant.removeScenarioFile('vk03', 'docker-daemon-down');
    }
  });
});
