// Secrets in the desktop app end to end with the stand-in `electron`: main reads the fleet file
// named by CONTROL_ROOM_FLEET, forks the core with the stored secrets in its environment, and
// answers the page's secrets requests (preload → invoke → main) without ever sending a value
// back; storing or forgetting restarts the core; with only basic_text nothing is written and the
// next start asks again; nothing secret reaches the log. Browser mode's core answers UNAVAILABLE.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../electron/core/core';
import { SECRETS_FROM_ENVIRONMENT } from '../../electron/core/handlers-secrets';
import { runUtilityCore } from '../../electron/core/utility-entry';
import { BASIC_TEXT_REASON, SecretVault, type SecretRef } from '../../electron/shell/secrets';
import { createSecretsService } from '../../electron/shell/secrets-main';
import { resolveSecret } from '../../electron/transport/secrets';
import type { ConnectionState, ControlRoomBridge, Reply } from '../../shared/api/bridge';
import { ApiError, createClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { errorCodes } from '../../shared/api/protocol';
import type { SecretsStatus } from '../../shared/api/requests-settings';
import { temporaryDirectory } from '../helpers/temporary';
import {
  fakeApp,
  fakeIpcMain,
  fakeIpcRenderer,
  record,
  releaseCoresAndPorts,
  resetStandIn,
} from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in').then((module) => module.electronModule));

const SECRET = 'Desktop-planted-s3cret-4410';
const INHERITED = 'Inherited-redis-s3cret-9902';

const FLEET = `deployment: "03002"
nodes:
  vk01:
    role: processing
    host: 127.0.0.1
    ssh: { user: visionking, passwordEnv: VK01_SSH_PASSPHRASE }
    postgres: { port: 2345, passwordEnv: VK_PG_PASSWORD }
  vk02:
    role: dashboard
    host: 127.0.0.2
    postgres: { port: 2347, passwordEnv: VK_PG_PASSWORD }
    redis: { port: 4000, passwordEnv: VK02_REDIS_PASSWORD }
`;

const pgOfVk01: SecretRef = { nodeId: 'vk01', channel: 'postgres', variable: 'VK_PG_PASSWORD' };

/** Every encoding a careless write could leave a secret in. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('base64').slice(0, -2),
    bytes.toString('hex'),
    Buffer.from(secret, 'utf16le').toString('latin1'),
  ];
}

function expectNoSecretIn(text: string, secret = SECRET): void {
  for (const form of encodings(secret)) expect(text).not.toContain(form);
}

let fleetFile = '';
let dataDir = '';
const savedEnvironment = { ...process.env };

beforeEach(() => {
  resetStandIn();
  record.userDataDir = temporaryDirectory('user-data');
  dataDir = temporaryDirectory('data');
  fleetFile = join(temporaryDirectory('fleet'), 'fleet.yaml');
  writeFileSync(fleetFile, FLEET);
  process.env.CONTROL_ROOM_FLEET = fleetFile;
});

afterEach(() => {
  releaseCoresAndPorts();
  for (const name of Object.keys(process.env)) {
    if (!(name in savedEnvironment)) delete process.env[name];
  }
  Object.assign(process.env, savedEnvironment);
});

function vaultFile(): string {
  return join(record.userDataDir, 'secrets.json');
}

/**
 * Loads main.ts and the preload as Electron would, with a real core behind each fork. With
 * `logFile`, main's log (every module, at the most talkative level) is written there.
 */
async function launch(logFile?: string): Promise<void> {
  record.coreFactory = (parentPort, exit) => runUtilityCore(parentPort, { exit });
  vi.resetModules();
  if (logFile) {
    const { configureLogging } = await import('../../electron/log');
    configureLogging({ level: 'trace', file: logFile });
  }
  await import('../../electron/shell/main');
  await import('../../electron/shell/preload');
  await fakeApp.becomeReady();
  const [window] = record.windows;
  if (!window) throw new Error('main.ts opened no window');
  window.webContents.finishLoad();
  await vi.waitFor(() => expect(record.forks).toHaveLength(1));
}

function bridge(): ControlRoomBridge {
  return record.exposedInMainWorld.get('controlRoom') as ControlRoomBridge;
}

function reaches(state: ConnectionState): Promise<void> {
  return new Promise((resolve) => {
    bridge().onConnectionState((current) => current === state && resolve());
  });
}

function forkEnvironment(index: number): Record<string, string> {
  const env = record.forks[index]?.options.env;
  if (!env) throw new Error(`fork ${index} was given no environment`);
  return env as Record<string, string>;
}

async function status(): Promise<SecretsStatus> {
  const reply = await bridge().requests['secrets.status']({});
  if (!reply.ok) throw new Error(`secrets.status failed: ${reply.error.message}`);
  return reply.value;
}

describe('the core the desktop app forks', () => {
  it("gets the stored secrets in its environment, under the fleet file's names", async () => {
    const vault = new SecretVault({ file: vaultFile(), safeStorage: record.safeStorage });
    await vault.put(pgOfVk01, SECRET);

    await launch();
    const env = forkEnvironment(0);

    expect(env.VK_PG_PASSWORD).toBe(SECRET);
    expect(env.PATH).toBe(process.env.PATH);
    expect(env.VK01_SSH_PASSPHRASE).toBeUndefined();
    // The transports read it exactly as browser mode reads an exported variable.
    expect(resolveSecret('VK_PG_PASSWORD', env)).toEqual({ ok: true, value: SECRET });
    expect(resolveSecret('VK01_SSH_PASSPHRASE', env)).toMatchObject({ ok: false });
  });

  it('starts with nothing added when no fleet file is named (the demo plant)', async () => {
    delete process.env.CONTROL_ROOM_FLEET;
    await launch();

    expect(Object.keys(forkEnvironment(0)).sort()).toEqual(Object.keys(process.env).sort());
    expect(await status()).toMatchObject({ fleetFile: null, secrets: [] });
  });
});

describe('the supervisor', () => {
  it('forks once, asks for the environment at every fork, restarts only once started', async () => {
    const { superviseCore } = await import('../../electron/shell/core-process');
    const core = superviseCore('/built/core.js');
    let secret = 'first';

    await core.restart('a secret stored before the core started');
    expect(record.forks).toHaveLength(0);
    core.start(() => ({ VK_PG_PASSWORD: secret }));
    core.start(() => ({ VK_PG_PASSWORD: 'never asked' }));
    expect(record.forks).toHaveLength(1);
    expect(forkEnvironment(0).VK_PG_PASSWORD).toBe('first');

    secret = 'second';
    record.forks[0]?.exit(0); // the stand-in has no core here: it exits when told to stop
    await core.restart('the secret VK_PG_PASSWORD was entered');
    expect(record.forks).toHaveLength(2);
    expect(forkEnvironment(1).VK_PG_PASSWORD).toBe('second');
    record.forks[1]?.exit(0);
    await core.stop();
  });
});

describe('the secrets requests of the page', () => {
  it('list every variable of the fleet file and where each is, never a value', async () => {
    process.env.VK02_REDIS_PASSWORD = INHERITED;
    await new SecretVault({ file: vaultFile(), safeStorage: record.safeStorage }).put(
      pgOfVk01,
      SECRET,
    );
    await launch();

    const answer = await status();

    expect(answer).toMatchObject({ fleetFile, persistent: true, persistenceReason: null });
    expect(answer.secrets).toEqual([
      {
        variable: 'VK01_SSH_PASSPHRASE',
        uses: [{ node: 'vk01', channel: 'ssh' }],
        state: 'missing',
        reason: null,
      },
      {
        variable: 'VK_PG_PASSWORD',
        uses: [
          { node: 'vk01', channel: 'postgres' },
          { node: 'vk02', channel: 'postgres' },
        ],
        state: 'stored',
        reason: null,
      },
      {
        variable: 'VK02_REDIS_PASSWORD',
        uses: [{ node: 'vk02', channel: 'redis' }],
        state: 'environment',
        reason: null,
      },
    ]);
    expectNoSecretIn(JSON.stringify(answer));
    expectNoSecretIn(JSON.stringify(answer), INHERITED);
  });

  it('store a secret in the keychain store and restart the core with it', async () => {
    await launch();
    await reaches('connected');

    const reply = await bridge().requests['secrets.store']({
      variable: 'VK01_SSH_PASSPHRASE',
      value: SECRET,
    });

    expect(reply).toMatchObject({ ok: true, value: { state: 'stored' } });
    await vi.waitFor(() => expect(record.forks).toHaveLength(2));
    expect(forkEnvironment(1).VK01_SSH_PASSPHRASE).toBe(SECRET);
    expect(record.forks[0]?.received.at(-1)?.message).toEqual({ type: 'stop' });
    const notice = record.windows[0]?.webContents.sent.find((sent) => sent.channel === 'core-down');
    expect(notice?.args).toEqual([
      { reason: 'the secret VK01_SSH_PASSPHRASE was entered', restartInMs: 0 },
    ]);
    await reaches('connected');
    await expect(bridge().requests['app.info']({})).resolves.toMatchObject({ ok: true });
    expect((await status()).secrets[0]).toMatchObject({ state: 'stored' });

    // On disk only ciphertext, readable by the user alone; nothing came back to the page.
    expectNoSecretIn(readFileSync(vaultFile(), 'utf8'));
    expect(statSync(vaultFile()).mode & 0o777).toBe(0o600);
    const answers = fakeIpcRenderer.invoked.map((call) => JSON.stringify(call.result));
    expect(answers.length).toBeGreaterThanOrEqual(2);
    for (const answer of answers) expectNoSecretIn(answer);
  });

  it('forget a secret and restart the core without it', async () => {
    await new SecretVault({ file: vaultFile(), safeStorage: record.safeStorage }).put(
      pgOfVk01,
      SECRET,
    );
    await launch();

    const forgotten = await bridge().requests['secrets.forget']({ variable: 'VK_PG_PASSWORD' });
    const again = await bridge().requests['secrets.forget']({ variable: 'VK_PG_PASSWORD' });

    expect(forgotten).toMatchObject({ ok: true, value: { forgotten: true } });
    expect(again).toMatchObject({ ok: true, value: { forgotten: false } });
    await vi.waitFor(() => expect(record.forks).toHaveLength(2));
    expect(forkEnvironment(1).VK_PG_PASSWORD).toBeUndefined();
    expectNoSecretIn(readFileSync(vaultFile(), 'utf8'));
    expect((await status()).secrets[1]).toMatchObject({ state: 'missing' });
    // Forgetting nothing restarts nothing.
    expect(record.forks).toHaveLength(2);
  });

  it('answer only the app page, check arguments, and never echo what was sent', async () => {
    await launch();
    const handler = fakeIpcMain.handlers.get('secrets');
    if (!handler) throw new Error('main registered no secrets handler');
    const appPage = { senderFrame: { url: 'app://control-room/index.html' } };

    const foreign = await handler(
      { senderFrame: { url: 'https://example.com/' } },
      { name: 'secrets.status', args: {} },
    );
    const garbage = await handler(appPage, null);
    const tooLong = `${SECRET}${'x'.repeat(5000)}`;
    const refusedValue = await bridge().requests['secrets.store']({
      variable: 'VK01_SSH_PASSPHRASE',
      value: tooLong,
    });
    const unknown = await bridge().requests['secrets.store']({
      variable: 'NOT_IN_THE_FLEET',
      value: SECRET,
    });

    expect(foreign).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(refusedValue).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(unknown).toEqual({
      ok: false,
      error: {
        code: 'INVALID_ARGS',
        message: 'the fleet file names no secret variable NOT_IN_THE_FLEET',
      },
    });
    expectNoSecretIn(JSON.stringify([refusedValue, unknown]));
    expect(existsSync(vaultFile())).toBe(false);
    expect(record.forks).toHaveLength(1);
  });
});

describe('main under bad input from the page', () => {
  it('answers anything with one clear Reply, never throwing or echoing a value', async () => {
    let restarts = 0;
    const service = createSecretsService({
      vault: new SecretVault({ file: vaultFile(), safeStorage: record.safeStorage }),
      fleetFile,
      inherited: {},
      restartCore: () => void (restarts += 1),
    });
    const variable = fc.oneof(
      fc.constantFrom('VK_PG_PASSWORD', 'VK01_SSH_PASSPHRASE', 'NOT_IN_THE_FLEET', 'lower', ''),
      fc.anything(),
    );
    const value = fc.oneof(
      fc.string().map((text) => `${SECRET}${text}`),
      fc.string({ minLength: 4100, maxLength: 4200 }).map((text) => `${SECRET}${text}`),
      fc.anything(),
    );
    const goodStore = fc.record({
      name: fc.constant('secrets.store'),
      args: fc.record({
        variable: fc.constantFrom('VK_PG_PASSWORD', 'VK01_SSH_PASSPHRASE'),
        value: fc.string({ maxLength: 50 }).map((text) => `${SECRET}${text}`),
      }),
    });
    const request = fc.oneof(
      goodStore,
      fc.record({
        name: fc.constantFrom('secrets.status', 'secrets.store', 'secrets.forget', 'app.info'),
        args: fc.oneof(fc.record({ variable, value }, { requiredKeys: [] }), fc.anything()),
      }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(request, async (sent) => {
        const reply = await service.answer(sent);
        expect(reply.ok || errorCodes.includes(reply.error.code)).toBe(true);
        expect(JSON.stringify(reply).includes(SECRET)).toBe(false);
      }),
      { numRuns: 300 },
    );
    // Some stores went through, each with its restart, and their answers held no value either.
    expect(restarts).toBeGreaterThan(0);
    expectNoSecretIn(readFileSync(vaultFile(), 'utf8'));
  });
});

describe('where only basic_text exists', () => {
  it('stores nothing, keeps the secret for this run, asks again at the next start', async () => {
    record.safeStorage.backend = 'basic_text';
    await launch();

    const before = await status();
    const reply = await bridge().requests['secrets.store']({
      variable: 'VK_PG_PASSWORD',
      value: SECRET,
    });

    expect(before).toMatchObject({ persistent: false, persistenceReason: BASIC_TEXT_REASON });
    expect(reply.ok && reply.value.state).toBe('session');
    expect(reply.ok && reply.value.message).toMatch(/asked for again at the next start/);
    expect(existsSync(vaultFile())).toBe(false);
    await vi.waitFor(() => expect(record.forks).toHaveLength(2));
    expect(forkEnvironment(1).VK_PG_PASSWORD).toBe(SECRET);
    expect((await status()).secrets[1]).toMatchObject({ state: 'session' });

    // The next start: a new vault over the same (absent) store has nothing to give.
    const nextStart = createSecretsService({
      vault: new SecretVault({ file: vaultFile(), safeStorage: record.safeStorage }),
      fleetFile,
      inherited: {},
      restartCore: () => undefined,
    });
    const asked = (await nextStart.answer({
      name: 'secrets.status',
      args: {},
    })) as Reply<SecretsStatus>;
    expect(asked.ok && asked.value.secrets.map((entry) => entry.state)).toEqual([
      'missing',
      'missing',
      'missing',
    ]);
    await nextStart.refreshEnvironment();
    expect(nextStart.environment()).toEqual({});
  });
});

describe('the log of the desktop app', () => {
  it('holds no secret after storing, listing, forgetting and restarting', async () => {
    const logFile = join(dataDir, 'main.log');
    await launch(logFile);
    await reaches('connected');

    await bridge().requests['secrets.store']({ variable: 'VK_PG_PASSWORD', value: SECRET });
    await vi.waitFor(() => expect(record.forks).toHaveLength(2));
    await status();
    await bridge().requests['secrets.forget']({ variable: 'VK_PG_PASSWORD' });
    await vi.waitFor(() => expect(record.forks).toHaveLength(3));

    const text = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
    await vi.waitFor(() => expect(text()).toContain('the secret VK_PG_PASSWORD was forgotten'), {
      timeout: 10_000,
    });
    expect(text()).toContain('secret stored in the keychain-encrypted store');
    expectNoSecretIn(text());
  });
});

describe('browser mode', () => {
  it('answers every secrets request UNAVAILABLE: secrets come from the environment', async () => {
    const core = createCore({
      mode: 'browser',
      fleet: { source: 'empty', deployment: null, nodes: [] },
    });
    const [clientPipe, corePipe] = createMemoryPipePair();
    core.router.attach(corePipe);
    const client = createClient(clientPipe);
    try {
      const calls = [
        client.call('secrets.status', {}),
        client.call('secrets.store', { variable: 'VK_PG_PASSWORD', value: SECRET }),
        client.call('secrets.forget', { variable: 'VK_PG_PASSWORD' }),
      ];
      for (const call of calls) {
        const error = await call.then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({ code: 'UNAVAILABLE', message: SECRETS_FROM_ENVIRONMENT });
      }
    } finally {
      clientPipe.close('test over');
      await core.stop();
    }
  });
});
