// The PostgreSQL channel against the test plant's real servers: answers, limits, a stopped,
// restarted and frozen server, and idle connections dying under the pool without a crash.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PostgresChannel, type PostgresChannelOptions } from '../../electron/transport/postgres';
import { plantPrerequisiteProblem, startPlant, type NodeId, type Plant } from '../plant/plant';

const prerequisiteProblem = plantPrerequisiteProblem();
if (prerequisiteProblem !== undefined) {
  console.warn(`Skipping the PostgreSQL transport tests: ${prerequisiteProblem}.`);
}

const PASSWORD_ENV = 'VK_PG_PASSWORD';

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const startedMs = Date.now();
  while (!(await condition())) {
    if (Date.now() - startedMs > timeoutMs) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - startedMs;
}

describe.skipIf(prerequisiteProblem !== undefined)('the PostgreSQL channel', () => {
  let plant: Plant;
  const channels: PostgresChannel[] = [];
  const uncaught: unknown[] = [];
  const recordUncaught = (error: unknown): void => void uncaught.push(error);

  function settingsOf(node: NodeId): PostgresChannelOptions['settings'] {
    const { postgresPort, postgresUser, postgresDatabase } = plant.nodes[node];
    return {
      port: postgresPort,
      user: postgresUser,
      database: postgresDatabase,
      passwordEnv: PASSWORD_ENV,
      tls: 'off',
    };
  }

  function channelTo(node: NodeId, options: Partial<PostgresChannelOptions> = {}) {
    const { address, postgresPassword } = plant.nodes[node];
    const channel = new PostgresChannel({
      nodeId: node,
      host: address,
      settings: settingsOf(node),
      env: { [PASSWORD_ENV]: postgresPassword },
      ...options,
    });
    channels.push(channel);
    return channel;
  }

  beforeAll(async () => {
    process.on('uncaughtException', recordUncaught);
    process.on('unhandledRejection', recordUncaught);
    plant = await startPlant();
  });

  afterEach(async () => {
    await Promise.all(channels.splice(0).map((channel) => channel.close()));
    for (const node of ['vk01', 'vk02', 'vk03'] as const) {
      if (plant.nodes[node].pids.postgres === null) await plant.start(node, 'postgres');
      else plant.resume(node, 'postgres');
    }
    expect(uncaught).toEqual([]);
  });

  afterAll(async () => {
    process.off('uncaughtException', recordUncaught);
    process.off('unhandledRejection', recordUncaught);
    await plant?.stop();
  });

  it('answers queries with rows and how long they took', async () => {
    const channel = channelTo('vk01');
    const outcome = await channel.query<{ port: string; application: string }>(
      "select current_setting('port') as port, current_setting('application_name') as application",
    );
    expect(outcome).toMatchObject({
      ok: true,
      rows: [{ port: '2345', application: 'visionking-control-room' }],
    });
    const withParams = await channel.query<{ sum: number }>(
      'select $1::int + $2::int as sum',
      [40, 2],
    );
    expect(withParams).toMatchObject({ ok: true, rows: [{ sum: 42 }] });

    const ping = await channel.ping();
    expect(ping.ok).toBe(true);
    expect(ping.latencyMs).toBeGreaterThan(0);
    expect(ping.latencyMs).toBeLessThan(100);
  });

  it('uses at most two connections however many queries are asked for at once', async () => {
    const channel = channelTo('vk03');
    const ours = "application_name = 'visionking-control-room'";
    const sql = `select (select count(*)::int from pg_stat_activity where ${ours}) as ours,
      pg_sleep(0.02)`;
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => channel.query<{ ours: number }>(sql)),
    );
    for (const outcome of outcomes) {
      expect(outcome.ok || outcome.error).toBe(true);
      expect(outcome.ok && outcome.rows[0]?.ours).toBeLessThanOrEqual(2);
    }
  });

  it('sorts SQL, statement-timeout and setup problems into kinds', async () => {
    const channel = channelTo('vk01', { statementTimeoutMs: 200 });
    const slow = await channel.query('select pg_sleep(3)');
    expect(slow).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(slow.durationMs).toBeLessThan(1_000);

    const bad = await channel.query('select * from no_such_table');
    expect(bad).toMatchObject({ ok: false, error: { kind: 'protocol' } });
    expect(bad.ok || bad.error.message).toContain('no_such_table');
    // The pool still works after both.
    expect((await channel.ping()).ok).toBe(true);

    const { postgresPort } = plant.nodes.vk01;
    const wrongPassword = channelTo('vk01', { env: { [PASSWORD_ENV]: 'not-the-password' } });
    const refused = await wrongPassword.ping();
    expect(refused).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(refused.ok || refused.error.message).not.toContain('not-the-password');

    const unset = channelTo('vk01', { env: {} });
    expect(await unset.ping()).toMatchObject({ ok: false, error: { kind: 'not-configured' } });

    const settings = { port: postgresPort, user: 'postgres', database: 'visionking' } as const;
    const wrongDatabase = channelTo('vk01', {
      settings: { ...settings, passwordEnv: PASSWORD_ENV, tls: 'off' },
    });
    const missing = await wrongDatabase.ping();
    expect(missing).toMatchObject({ ok: false, error: { kind: 'other' } });
    expect(missing.ok || missing.error.message).toContain('"visionking" does not exist');
  });

  it('speaks TLS as the fleet file says: off, require, verify against caFile', async () => {
    const sslOf = async (channel: PostgresChannel) => {
      const outcome = await channel.query<{ ssl: boolean }>(
        'select ssl from pg_stat_ssl where pid = pg_backend_pid()',
      );
      return outcome.ok ? outcome.rows[0]?.ssl : outcome.error.message;
    };
    const caFile = plant.nodes.vk03.postgresCertPath;
    const withTls = (tls: 'off' | 'require' | 'verify', extra: { caFile?: string } = {}) =>
      channelTo('vk03', { settings: { ...settingsOf('vk03'), tls, ...extra } });

    expect(await sslOf(withTls('off'))).toBe(false);
    expect(await sslOf(withTls('require'))).toBe(true);
    expect(await sslOf(withTls('verify', { caFile }))).toBe(true);
    // The plant's certificate is self-signed: without its file, verify refuses the server.
    expect(await sslOf(withTls('verify'))).toMatch(/self[- ]signed certificate/);

    const unreadable = await withTls('verify', { caFile: '/nonexistent/ca.pem' }).ping();
    expect(unreadable).toMatchObject({ ok: false, error: { kind: 'not-configured' } });
    expect(unreadable.ok || unreadable.error.message).toBe(
      'cannot read postgres.caFile /nonexistent/ca.pem (ENOENT)',
    );
  });

  it('survives idle connections dying with the server, and is back when it returns', async () => {
    const channel = channelTo('vk02');
    // Two idle connections in the pool, as between two ticks.
    await Promise.all([channel.query('select pg_sleep(0.05)'), channel.query('select 1')]);

    await plant.stop('vk02', 'postgres');
    // The server told both idle connections it was shutting down: pg emitted 'error' for each.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const down = await channel.ping();
    expect(down).toMatchObject({ ok: false, error: { kind: 'socket' } });
    expect(down.latencyMs).toBeLessThan(100);

    await plant.start('vk02', 'postgres');
    const recoveryMs = await waitFor(async () => (await channel.ping()).ok, 5_000);
    console.log(`PostgreSQL channel back ${recoveryMs} ms after the server answered again`);
    expect(recoveryMs).toBeLessThan(500);
  });

  it('times out on a frozen server within the deadline, on old and new connections', async () => {
    const channel = channelTo('vk03', { connectTimeoutMs: 400 });
    await Promise.all([channel.query('select pg_sleep(0.05)'), channel.query('select 1')]);
    plant.pause('vk03', 'postgres');

    // Two queries take the two idle connections; the third must wait for a new one.
    const frozen = await Promise.all(
      [0, 1, 2].map(() => channel.query('select 1', [], { timeoutMs: 300 })),
    );
    for (const outcome of frozen) {
      expect(outcome).toMatchObject({ ok: false, error: { kind: 'timeout' } });
      expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
      expect(outcome.durationMs).toBeLessThan(500);
    }
    const again = await channel.query('select 1', [], { timeoutMs: 300 });
    expect(again).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(again.durationMs).toBeLessThan(500);

    plant.resume('vk03', 'postgres');
    const recoveryMs = await waitFor(async () => (await channel.ping()).ok, 3_000);
    console.log(`PostgreSQL channel back ${recoveryMs} ms after the server thawed`);
  });

  it('reports a server that is not there from the start as a socket error', async () => {
    await plant.stop('vk01', 'postgres');
    const channel = channelTo('vk01');
    const outcome = await channel.query('select 1');
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'socket' } });
    expect(outcome.ok || outcome.error.message).toContain('ECONNREFUSED');
  });

  it('refuses calls after close, without throwing', async () => {
    const channel = channelTo('vk01');
    expect((await channel.ping()).ok).toBe(true);
    await channel.close();
    expect(await channel.ping()).toMatchObject({ ok: false, error: { kind: 'other' } });
  });
});
