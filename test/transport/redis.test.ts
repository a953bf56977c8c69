// The Redis channel against the test plant's real redis-server: answers, DB isolation, a stopped,
// restarted and frozen server, and the watchdog replacing a client that gave up.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisChannel, type RedisChannelOptions } from '../../electron/transport/redis';
import { plantPrerequisiteProblem, startPlant, type NodeId, type Plant } from '../plant/plant';

/** The tick the tests run at: short, so "within two ticks" is checked in seconds. */
const TEST_TICK_MS = 1_000;

const prerequisiteProblem = plantPrerequisiteProblem();
if (prerequisiteProblem !== undefined) {
  console.warn(`Skipping the Redis transport tests: ${prerequisiteProblem}.`);
}

/** Polls until `condition` holds; resolves with how long that took. */
async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number) {
  const startedMs = Date.now();
  while (!(await condition())) {
    if (Date.now() - startedMs > timeoutMs) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - startedMs;
}

describe.skipIf(prerequisiteProblem !== undefined)('the Redis channel', () => {
  let plant: Plant;
  const channels: RedisChannel[] = [];
  const uncaught: unknown[] = [];
  const recordUncaught = (error: unknown): void => void uncaught.push(error);
  const consoleErrors = vi.spyOn(console, 'error');

  function channelTo(node: NodeId, options: Partial<RedisChannelOptions> = {}): RedisChannel {
    const { address, redisPort } = plant.nodes[node];
    const channel = new RedisChannel({
      nodeId: node,
      host: address,
      settings: { port: redisPort },
      stuckAfterMs: TEST_TICK_MS,
      watchdogIntervalMs: 100,
      ...options,
    });
    channels.push(channel);
    return channel;
  }

  async function readyChannel(node: NodeId, options: Partial<RedisChannelOptions> = {}) {
    const channel = channelTo(node, options);
    await waitFor(async () => (await channel.ping()).ok, 5_000);
    return channel;
  }

  beforeAll(async () => {
    process.on('uncaughtException', recordUncaught);
    process.on('unhandledRejection', recordUncaught);
    plant = await startPlant();
  });

  afterEach(async () => {
    await Promise.all(channels.splice(0).map((channel) => channel.close()));
    // A test that failed half-way must not leave the next one a stopped or frozen server.
    for (const node of ['vk01', 'vk02', 'vk03'] as const) {
      if (plant.nodes[node].pids.redis === null) await plant.start(node, 'redis');
      else plant.resume(node, 'redis');
    }
    expect(uncaught).toEqual([]);
    // ioredis writes "[ioredis] Unhandled error event" to the console when nobody listens.
    expect(consoleErrors.mock.calls.flat().join('\n')).not.toContain('[ioredis]');
  });

  afterAll(async () => {
    process.off('uncaughtException', recordUncaught);
    process.off('unhandledRejection', recordUncaught);
    consoleErrors.mockRestore();
    await plant?.stop();
  });

  it('answers PING, INFO and hash reads with their latency', async () => {
    const channel = await readyChannel('vk01');
    const fields = ['Velocidade_Tratada', '2631', 'Velocidade_Bruta', '2650'];
    await channel.command('HSET', ['DB_Speed', ...fields], { db: 0 });

    const ping = await channel.ping();
    expect(ping).toMatchObject({ ok: true });
    expect(ping.latencyMs).toBeGreaterThan(0);
    expect(ping.latencyMs).toBeLessThan(100);

    const info = await channel.info('keyspace');
    expect(info.ok && info.value).toContain('db0:keys=1');

    const hash = await channel.hgetall(0, 'DB_Speed');
    expect(hash).toMatchObject({ ok: true, value: { Velocidade_Tratada: '2631' } });
    expect(await channel.exists(0, 'DB_Speed')).toMatchObject({ ok: true, value: true });
    expect(await channel.type(0, 'DB_Speed')).toMatchObject({ ok: true, value: 'hash' });
    expect(await channel.type(0, 'absent')).toMatchObject({ ok: true, value: 'none' });
    expect(channel.state).toEqual({ status: 'ready', lastError: null, rebuilds: 0 });
  });

  it('keeps logical databases apart, even with calls to several in flight at once', async () => {
    const channel = await readyChannel('vk01');
    const dbs = [0, 1, 2, 3];
    for (const db of dbs) await channel.command('SET', ['which-db', `db${db}`], { db });

    const reads = Array.from({ length: 200 }, (_, index) => dbs[index % dbs.length] as number);
    const values = await Promise.all(
      reads.map(async (db) => {
        const outcome = await channel.command<string>('GET', ['which-db'], { db });
        return outcome.ok ? outcome.value : outcome.error.message;
      }),
    );
    expect(values).toEqual(reads.map((db) => `db${db}`));

    // A hash in DB 2 (camera configs on the real plant) is not visible from DB 0.
    await channel.command('HSET', ['camera:1', 'exposure', '800'], { db: 2 });
    expect(await channel.hgetall(0, 'camera:1')).toMatchObject({ ok: true, value: {} });
    expect(await channel.exists(0, 'camera:1')).toMatchObject({ ok: true, value: false });
    expect(await channel.hgetall(2, 'camera:1')).toMatchObject({ value: { exposure: '800' } });
  });

  it('reports a stopped server as a socket error at once, and is back soon after', async () => {
    const channel = await readyChannel('vk02');
    await plant.stop('vk02', 'redis');

    const down = await channel.command('PING');
    expect(down).toMatchObject({ ok: false, error: { kind: 'socket' } });
    await waitFor(() => channel.state.status === 'down', 2_000);
    const whileDown = await channel.ping();
    expect(whileDown).toMatchObject({ ok: false, error: { kind: 'socket' } });
    expect(whileDown.ok || whileDown.error.message).toMatch(/ECONNREFUSED|closed/);
    // A down server costs a tick nothing: the call fails without waiting for a timeout.
    expect(whileDown.latencyMs).toBeLessThan(50);

    await plant.start('vk02', 'redis');
    const recoveryMs = await waitFor(async () => (await channel.ping()).ok, 2 * TEST_TICK_MS);
    console.log(`Redis channel back ${recoveryMs} ms after the server answered again`);
    expect(channel.state.status).toBe('ready');
  });

  it('recovers on its own with the default settings, within two 5 s ticks', async () => {
    const channel = await readyChannel('vk02', { stuckAfterMs: undefined });
    await plant.stop('vk02', 'redis');
    await waitFor(() => channel.state.status === 'down', 2_000);
    // Long enough for several reconnect attempts, so the retry delay has reached its cap.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    await plant.start('vk02', 'redis');
    const recoveryMs = await waitFor(async () => (await channel.ping()).ok, 10_000);
    console.log(`Redis channel (default settings) back after ${recoveryMs} ms`);
    expect(recoveryMs).toBeLessThan(1_500);
  });

  it('times out on a frozen server within the deadline, and recovers when it thaws', async () => {
    const channel = await readyChannel('vk03', { commandTimeoutMs: 500 });
    plant.pause('vk03', 'redis');

    const frozen = await channel.command('PING', [], { timeoutMs: 300 });
    expect(frozen).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(frozen.durationMs).toBeGreaterThanOrEqual(290);
    expect(frozen.durationMs).toBeLessThan(450);
    // Later calls, on a dropped and re-attempted connection, also end at their deadline.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const later = await channel.hgetall(1, 'bar', { timeoutMs: 300 });
    expect(later).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(later.durationMs).toBeLessThan(450);

    plant.resume('vk03', 'redis');
    const recoveryMs = await waitFor(async () => (await channel.ping()).ok, 2 * TEST_TICK_MS);
    console.log(`Redis channel back ${recoveryMs} ms after the server thawed`);
  });

  it('replaces a client that gave up reconnecting (the watchdog)', async () => {
    // retryStrategy returning null makes ioredis give up after one failure and end for good:
    // the stuck client of the reference report, whatever got it there.
    const channel = await readyChannel('vk02', { clientOptions: { retryStrategy: () => null } });
    await plant.stop('vk02', 'redis');
    await waitFor(() => channel.state.status === 'down', 2_000);

    await plant.start('vk02', 'redis');
    const recoveryMs = await waitFor(async () => (await channel.ping()).ok, 2 * TEST_TICK_MS);
    console.log(`stuck Redis client replaced; channel back after ${recoveryMs} ms`);
    expect(channel.state.rebuilds).toBeGreaterThanOrEqual(1);
  });

  it('starts down when the server is away, and comes up when it arrives', async () => {
    await plant.stop('vk01', 'redis');
    const channel = channelTo('vk01');
    await waitFor(() => channel.state.status === 'down', 2_000);
    expect(channel.state.lastError).toMatchObject({ kind: 'socket' });

    await plant.start('vk01', 'redis');
    await waitFor(async () => (await channel.ping()).ok, 2 * TEST_TICK_MS);
  });

  it('sorts a refused password as auth, an unset password variable as not-configured', async () => {
    const { address, redisPort } = plant.nodes.vk03;
    const admin = new Redis({ host: address, port: redisPort, lazyConnect: true });
    await admin.connect();
    await admin.config('SET', 'requirepass', 'right-password');
    try {
      const env = { VK03_REDIS_PASSWORD: 'wrong-password' };
      const channel = channelTo('vk03', {
        settings: { port: redisPort, passwordEnv: 'VK03_REDIS_PASSWORD' },
        env,
      });
      await waitFor(() => channel.state.status === 'down', 2_000);
      expect(channel.state.lastError).toMatchObject({ kind: 'auth' });
      expect(await channel.ping()).toMatchObject({ ok: false, error: { kind: 'auth' } });
    } finally {
      await admin.config('SET', 'requirepass', '');
      admin.disconnect();
    }

    const unset = channelTo('vk03', {
      settings: { port: redisPort, passwordEnv: 'VK03_UNSET' },
      env: {},
    });
    expect(await unset.ping()).toMatchObject({ ok: false, error: { kind: 'not-configured' } });
    expect(unset.state.lastError?.message).toContain('VK03_UNSET');
  });

  it('refuses calls after close, without throwing', async () => {
    const channel = await readyChannel('vk01');
    await channel.close();
    expect(await channel.ping()).toMatchObject({ ok: false, error: { kind: 'other' } });
  });
});
