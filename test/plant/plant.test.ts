// The test plant itself, checked with the same client libraries the control room uses.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Client as SshClient } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEndpoints } from './layout';
import {
  NODE_IDS,
  SERVICE_NAMES,
  plantPrerequisiteProblem,
  startPlant,
  type NodeId,
  type Plant,
  type PlantNode,
} from './plant';
import { findTakenEndpoints } from './ports';

interface SshResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function fingerprintOf(hostKey: Buffer): string {
  // OpenSSH prints unpadded base64 of the key blob's SHA-256.
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`;
}

/** Logs in with the plant's key, accepting only the node's own host key, and runs one command. */
function sshExec(plant: Plant, node: PlantNode, command: string): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    const client = new SshClient();
    const result: SshResult = { code: null, stdout: '', stderr: '' };
    client.on('error', reject);
    client.on('ready', () => {
      client.exec(command, (error, stream) => {
        if (error) return reject(error);
        stream.on('data', (chunk: Buffer) => (result.stdout += chunk.toString()));
        stream.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
        stream.on('exit', (code: number | null) => (result.code = code));
        stream.on('close', () => {
          client.end();
          resolve(result);
        });
      });
    });
    client.connect({
      host: node.address,
      port: node.sshPort,
      username: plant.sshUser,
      privateKey: plant.clientPrivateKey,
      hostVerifier: (hostKey: Buffer) => fingerprintOf(hostKey) === node.hostKeyFingerprint,
      readyTimeout: 5_000,
    });
  });
}

function redisClient(node: PlantNode): Redis {
  return new Redis({
    host: node.address,
    port: node.redisPort,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1_000,
    commandTimeout: 1_000,
  });
}

async function redisPing(node: PlantNode): Promise<string> {
  const redis = redisClient(node);
  // The same failure also rejects connect() or ping(); listening keeps ioredis from reporting it
  // a second time as an unhandled 'error' event.
  const errors: Error[] = [];
  redis.on('error', (error: Error) => errors.push(error));
  try {
    await redis.connect();
    return await redis.ping();
  } finally {
    redis.disconnect();
  }
}

async function postgresQuery(node: PlantNode, sql: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({
    host: node.address,
    port: node.postgresPort,
    user: node.postgresUser,
    password: node.postgresPassword,
    database: node.postgresDatabase,
    connectionTimeoutMillis: 2_000,
  });
  await client.connect();
  try {
    const result = await client.query(sql);
    return result.rows[0] as Record<string, unknown>;
  } finally {
    await client.end();
  }
}

function isProcessGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function currentPids(plant: Plant): number[] {
  return NODE_IDS.flatMap((id) =>
    SERVICE_NAMES.map((service) => plant.nodes[id].pids[service]),
  ).filter((pid): pid is number => pid !== null);
}

const prerequisiteProblem = plantPrerequisiteProblem();
if (prerequisiteProblem !== undefined) {
  console.warn(`Skipping the test plant tests: ${prerequisiteProblem}.`);
}

describe.skipIf(prerequisiteProblem !== undefined)('the test plant', () => {
  let plant: Plant;
  // Every PID the plant ever started, including servers restarted by fault injection.
  const startedPids = new Set<number>();
  const remember = (): void => currentPids(plant).forEach((pid) => startedPids.add(pid));

  beforeAll(async () => {
    const startedMs = Date.now();
    plant = await startPlant();
    console.log(`test plant up in ${Date.now() - startedMs} ms`);
    remember();
  });

  afterAll(async () => {
    // Also after a failed test: no server may outlive the test run.
    await plant?.stop();
  });

  describe.each(NODE_IDS)('node %s', (id: NodeId) => {
    it('accepts an SSH login with the generated key and puts the stand-ins on PATH', async () => {
      const node = plant.nodes[id];
      // One name per `command -v`: dash, the deployment's /bin/sh, prints only the first.
      const script = 'for name in docker nvidia-smi timedatectl; do command -v "$name"; done';
      const lookup = await sshExec(plant, node, script);
      const binDir = `${plant.dir}/bin`;
      expect(lookup.stdout.trim().split('\n')).toEqual(
        ['docker', 'nvidia-smi', 'timedatectl'].map((name) => `${binDir}/${name}`),
      );

      const version = await sshExec(plant, node, "docker version --format '{{.Server.Version}}'");
      expect(version).toEqual({ code: 0, stdout: '28.2.2\n', stderr: '' });
    });

    it('answers a Redis PING on its own address', async () => {
      await expect(redisPing(plant.nodes[id])).resolves.toBe('PONG');
    });

    it('answers PostgreSQL queries on the deployed port', async () => {
      const node = plant.nodes[id];
      const row = await postgresQuery(node, "select 1 as one, current_setting('port') as port");
      expect(row).toEqual({ one: 1, port: String(node.postgresPort) });
    });
  });

  it('rejects an SSH host key other than the node’s own', async () => {
    const impostor = {
      ...plant.nodes.vk01,
      hostKeyFingerprint: plant.nodes.vk02.hostKeyFingerprint,
    };
    await expect(sshExec(plant, impostor, 'true')).rejects.toThrow();
  });

  it('answers like the real commands from the scenario files', async () => {
    const node = plant.nodes.vk01;
    const gpu = await sshExec(
      plant,
      node,
      'nvidia-smi --query-gpu=utilization.gpu,name --format=csv,noheader,nounits',
    );
    expect(gpu.stdout).toBe('0, NVIDIA GeForce RTX 3070\n');

    const containers = await sshExec(plant, node, "docker ps --format '{{json .}}'");
    const names = containers.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).Names);
    expect(names).toContain('database-server');

    const sync = await sshExec(plant, node, 'timedatectl show -p NTPSynchronized --value');
    expect(sync.stdout).toBe('yes\n');

    const unknown = await sshExec(plant, node, 'docker system prune -f');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('not a docker command');
  });

  it('returns the real PostgreSQL log through docker logs database-server', async () => {
    const logs = await sshExec(plant, plant.nodes.vk03, 'docker logs --tail 50 database-server');
    expect(logs.code).toBe(0);
    expect(logs.stderr).toContain('database system is ready to accept connections');
  });

  it('follows a scenario file changed while it runs', async () => {
    await plant.writeScenarioFile('vk02', 'docker-version.txt', '27.5.1\n');
    const version = await sshExec(
      plant,
      plant.nodes.vk02,
      "docker version --format '{{.Server.Version}}'",
    );
    expect(version.stdout).toBe('27.5.1\n');
  });

  it('refuses to start a second plant while this one runs', async () => {
    await expect(startPlant()).rejects.toThrow(/previous test plant is still running.*plant:down/);
  });

  it('stops and starts one server to inject a fault', async () => {
    const node = plant.nodes.vk02;
    const oldPid = node.pids.redis as number;
    await plant.stop('vk02', 'redis');
    expect(node.pids.redis).toBeNull();
    expect(isProcessGone(oldPid)).toBe(true);
    await expect(redisPing(node)).rejects.toThrow();
    await expect(redisPing(plant.nodes.vk01)).resolves.toBe('PONG');

    await plant.start('vk02', 'redis');
    remember();
    expect(node.pids.redis).not.toBe(oldPid);
    await expect(redisPing(node)).resolves.toBe('PONG');
  });

  it('keeps PostgreSQL data across a restart', async () => {
    const node = plant.nodes.vk01;
    await postgresQuery(node, 'create table survives (id int)');
    await plant.restart('vk01', 'postgres');
    remember();
    await expect(postgresQuery(node, 'select count(*)::int as n from survives')).resolves.toEqual({
      n: 0,
    });
  });

  it('pauses a server so that it stops answering, and resumes it', async () => {
    plant.pause('vk03', 'redis');
    await expect(redisPing(plant.nodes.vk03)).rejects.toThrow();
    plant.resume('vk03', 'redis');
    await expect(redisPing(plant.nodes.vk03)).resolves.toBe('PONG');
  });

  it('stops exactly the processes it started and frees every port', async () => {
    const stoppedMs = Date.now();
    await plant.stop();
    console.log(`test plant down in ${Date.now() - stoppedMs} ms`);

    expect(startedPids.size).toBeGreaterThanOrEqual(9);
    for (const pid of startedPids) expect(isProcessGone(pid), `PID ${pid}`).toBe(true);
    await expect(findTakenEndpoints(allEndpoints())).resolves.toEqual([]);
  });
});
