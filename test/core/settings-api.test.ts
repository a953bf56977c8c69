// The settings requests through the in-memory pipe: "copy diagnostics" with a planted secret
// that must appear nowhere in the answer, the fleet form's validation (the CLI's very lines),
// saving (atomic, .bak, refused for the demo or a broken text) and host-key approval in the
// fleet file. The plant's real sshd is in settings-api-plant.test.ts.
import { createServer, type Server } from 'node:net';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createCore,
  type Core,
  type CoreCollector,
  type CoreOptions,
} from '../../electron/core/core';
import { FleetChoiceError, readFleet } from '../../electron/core/watched';
import type { FleetHealthView, FleetSummary } from '../../shared/api/contract';
import { ApiError, createClient, type ApiClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { temporaryDirectory } from '../helpers/temporary';

const SECRET = 'Settings-planted-s3cret-7731';
const SECRET_VARIABLE = 'VK01_PG_PASSWORD_SETTINGS_TEST';
const KEY_A = `SHA256:${'A'.repeat(43)}`;
const KEY_B = `SHA256:${'B'.repeat(43)}`;

const fileFleet: FleetSummary = {
  source: 'file',
  deployment: '03002',
  nodes: [{ id: 'vk01', role: 'processing', host: '127.0.0.1' }],
};
const demoFleet: FleetSummary = { source: 'demo', deployment: '03002', nodes: [] };

/** A fleet file an operator wrote, with a comment to keep and a password variable. */
function fleetText(sshPort: number, hostKey?: string): string {
  return [
    '# Line 03002, left rack',
    'deployment: "03002"',
    'nodes:',
    '  vk01: # the camera PC',
    '    role: processing',
    '    host: 127.0.0.1',
    '    ssh:',
    '      user: visionking',
    `      port: ${sshPort}`,
    ...(hostKey ? [`      hostKey: ${hostKey}`] : []),
    '    postgres:',
    `      passwordEnv: ${SECRET_VARIABLE}`,
    '',
  ].join('\n');
}

function writeFleetFile(text: string): string {
  const file = join(temporaryDirectory('settings'), 'fleet.yaml');
  writeFileSync(file, text);
  chmodSync(file, 0o640);
  return file;
}

const opened: { core: Core; client: ApiClient }[] = [];
let closedPort: number;
let portHolder: Server;
const savedEnvironment = { ...process.env };

beforeAll(async () => {
  // A port that was free a moment ago and is closed again: nothing answers SSH there.
  portHolder = createServer();
  await new Promise<void>((resolve) => portHolder.listen(0, '127.0.0.1', resolve));
  closedPort = (portHolder.address() as { port: number }).port;
  await new Promise<void>((resolve) => portHolder.close(() => resolve()));
});

afterEach(async () => {
  for (const { core, client } of opened.splice(0)) {
    client.close();
    await core.stop();
  }
  process.env = { ...savedEnvironment };
});

afterAll(() => {
  process.env = savedEnvironment;
});

function connect(options: Partial<CoreOptions> = {}): ApiClient {
  const core = createCore({ mode: 'test', fleet: fileFleet, ...options });
  const [clientPipe, corePipe] = createMemoryPipePair();
  core.router.attach(corePipe);
  const client = createClient(clientPipe);
  opened.push({ core, client });
  return client;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** A collector that only reports health: vk01's Postgres failing with the secret in its error. */
function healthOnlyCollector(health: FleetHealthView): CoreCollector {
  return {
    snapshot: () => null,
    health: () => health,
    subscribe: () => undefined,
    stop: async () => undefined,
  };
}

describe('settings.diagnostics', () => {
  it('gathers versions, fleet, health and log lines with a planted secret nowhere', async () => {
    const dataDirectory = temporaryDirectory('settings-data');
    mkdirSync(join(dataDirectory, 'logs'));
    writeFileSync(
      join(dataDirectory, 'logs', 'control-room.1.log'),
      `{"level":30,"msg":"postgres said: password authentication failed for ${SECRET}"}\n` +
        '{"level":30,"msg":"the newest line of the log"}\n',
    );
    process.env.CONTROL_ROOM_DATA_DIR = dataDirectory;
    process.env[SECRET_VARIABLE] = SECRET;
    const file = writeFleetFile(`${fleetText(22)}# old password: ${SECRET}\n`);
    const since = '2026-02-19T00:00:00.000Z';
    const lastError = { kind: 'auth' as const, message: `rejected ${SECRET}` };
    const health: FleetHealthView = {
      nodes: {
        vk01: {
          postgres: {
            state: 'down',
            consecutiveFailures: 3,
            consecutiveSuccesses: 0,
            lastError,
            since,
          },
        },
      },
      verdict: null,
    };
    const client = connect({ fleetFile: file, collector: healthOnlyCollector(health) });

    const { text } = await client.call('settings.diagnostics', {});

    expect(text).not.toContain(SECRET);
    expect(text).toMatch(/^VisionKing Control Room diagnostics, /);
    expect(text).toContain('== Watched ==\nsource file, mode test, deployment 03002');
    expect(text).toContain('vk01 (processing) 127.0.0.1');
    expect(text).toMatch(/== Versions ==\napp \d+\.\d+\.\d+/);
    expect(text).toContain(`${file}:`);
    expect(text).toContain(`${SECRET_VARIABLE}: set`);
    expect(text).toContain('vk01 postgres: down since 2026-02-19T00:00:00.000Z (auth: rejected');
    expect(text).toContain('the newest line of the log');
    expect(text).toContain('[redacted]');
  });

  it('says the demo plant has no fleet file and no log yet, instead of failing', async () => {
    process.env.CONTROL_ROOM_DATA_DIR = temporaryDirectory('settings-empty');
    const client = connect({ fleet: demoFleet });

    const { text } = await client.call('settings.diagnostics', {});

    expect(text).toContain('source demo');
    expect(text).toContain('none (demo plant or no fleet chosen)');
    expect(text).toContain('no collector is running');
    expect(text).toContain('no log files in');
  });
});

describe('fleet.validate', () => {
  it('lists the very lines the CLI prints for a broken fleet file', async () => {
    const broken = fleetText(70_000).replace('role: processing', 'role: camera');
    const file = writeFleetFile(broken);
    const client = connect({ fleetFile: file });

    const answer = await client.call('fleet.validate', { text: broken });

    let cliMessage = '';
    try {
      readFleet(file);
    } catch (error) {
      expect(error).toBeInstanceOf(FleetChoiceError);
      cliMessage = (error as Error).message;
    }
    expect(answer.ok).toBe(false);
    expect(answer.problems.length).toBeGreaterThanOrEqual(2);
    const cliLines = cliMessage.split('\n').slice(1);
    expect(answer.problems.map((problem) => problem.text)).toEqual(cliLines);
    expect(answer.problems).toContainEqual(
      expect.objectContaining({ file, line: 9, field: 'nodes.vk01.ssh.port' }),
    );
  });

  it('accepts a good text, and names a text checked with no fleet file fleet.yaml', async () => {
    const client = connect({ fleet: demoFleet });

    expect(await client.call('fleet.validate', { text: fleetText(22) })).toEqual({
      ok: true,
      problems: [],
    });
    const secret = await client.call('fleet.validate', {
      text: fleetText(22).replace(`passwordEnv: ${SECRET_VARIABLE}`, `password: ${SECRET}`),
    });
    expect(secret.ok).toBe(false);
    expect(secret.problems[0]?.text).toMatch(/^fleet\.yaml:11: nodes\.vk01\.postgres\.password: /);
    expect(JSON.stringify(secret)).not.toContain(SECRET);
  });

  it('answers a YAML alias bomb and a non-YAML text with problems, not a crash', async () => {
    const client = connect({ fleet: demoFleet });
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]']
      .concat(
        Array.from({ length: 9 }, (_, index) => {
          const name = String.fromCharCode(98 + index);
          const previous = String.fromCharCode(97 + index);
          return `${name}: &${name} [*${previous}, *${previous}, *${previous}, *${previous}]`;
        }),
      )
      .join('\n');

    for (const text of [bomb, '{{{', 'nodes: *nowhere']) {
      const answer = await client.call('fleet.validate', { text });
      expect(answer.ok).toBe(false);
      expect(answer.problems.length).toBeGreaterThan(0);
    }
  });
});

describe('fleet.current and fleet.save', () => {
  it('answers the watched text, or null with a reason for the demo plant', async () => {
    const file = writeFleetFile(fleetText(22));

    expect(await connect({ fleetFile: file }).call('fleet.current', {})).toEqual({
      file,
      text: fleetText(22),
      reason: null,
    });
    expect(await connect({ fleet: demoFleet }).call('fleet.current', {})).toEqual({
      file: null,
      text: null,
      reason: 'the demo plant is built in and has no fleet file',
    });
  });

  it('replaces the file by renaming, keeps the old one as .bak and the mode', async () => {
    const file = writeFleetFile(fleetText(22));
    const client = connect({ fleetFile: file });
    const edited = fleetText(2222);

    const saved = await client.call('fleet.save', { text: edited });

    expect(saved).toMatchObject({ file, backup: `${file}.bak` });
    expect(saved.note).toMatch(/next start|starts again/);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(fleetText(22));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    const folder = join(file, '..');
    expect(readdirSync(folder).sort()).toEqual(['fleet.yaml', 'fleet.yaml.bak']);
    expect(await client.call('fleet.current', {})).toMatchObject({ text: edited });
  });

  it('refuses a text with problems, naming them, and leaves the file alone', async () => {
    const file = writeFleetFile(fleetText(22));
    const client = connect({ fleetFile: file });

    const error = await failure(client.call('fleet.save', { text: fleetText(0) }));

    expect(error.code).toBe('INVALID_ARGS');
    expect(error.message).toContain(`${file}:9: nodes.vk01.ssh.port:`);
    expect(readFileSync(file, 'utf8')).toBe(fleetText(22));
    expect(readdirSync(join(file, '..'))).toEqual(['fleet.yaml']);
  });

  it('refuses to save or approve when the core watches the demo plant', async () => {
    const client = connect({ fleet: demoFleet });

    const save = await failure(client.call('fleet.save', { text: fleetText(22) }));
    const approve = await failure(
      client.call('hostKey.approve', { node: 'vk01', fingerprint: KEY_A }),
    );
    const check = await failure(client.call('hostKey.check', { node: 'vk01' }));

    for (const error of [save, approve, check]) {
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.message).toContain('the demo plant, not a fleet file');
      expect(error.message).toContain('--fleet FILE');
    }
  });
});

describe('host keys in the fleet file', () => {
  it('pins an approved key keeping comments, and replaces it only when named', async () => {
    const file = writeFleetFile(fleetText(22));
    const client = connect({ fleetFile: file });

    expect(
      await client.call('hostKey.approve', { node: 'vk01', fingerprint: KEY_A }),
    ).toMatchObject({ changed: true, previous: null });
    expect(readFileSync(file, 'utf8')).toContain(`hostKey: ${KEY_A}`);
    expect(readFileSync(file, 'utf8')).toContain('# the camera PC');

    const stale = await failure(
      client.call('hostKey.approve', { node: 'vk01', fingerprint: KEY_B }),
    );
    expect(stale.code).toBe('INVALID_ARGS');
    expect(stale.message).toContain(`vk01 already pins ${KEY_A}`);

    const replaced = await client.call('hostKey.approve', {
      node: 'vk01',
      fingerprint: KEY_B,
      replacing: KEY_A,
    });
    expect(replaced).toMatchObject({ changed: true, previous: KEY_A });
    expect(readFileSync(file, 'utf8')).toContain(`hostKey: ${KEY_B}`);
  });

  it('refuses an unknown node and a malformed fingerprint with a clear message', async () => {
    const client = connect({ fleetFile: writeFleetFile(fleetText(22)) });

    const unknownNode = await failure(client.call('hostKey.check', { node: 'vk09' }));
    expect(unknownNode.message).toBe('the fleet file has no node vk09');
    const prototypeKey = await failure(client.call('hostKey.check', { node: 'constructor' }));
    expect(prototypeKey.message).toBe('the fleet file has no node constructor');
    const badKey = await failure(
      client.call('hostKey.approve', { node: 'vk01', fingerprint: 'SHA256:short' }),
    );
    expect(badKey.code).toBe('INVALID_ARGS');
    expect(badKey.message).toContain('fingerprint: a fingerprint like SHA256:');
  });

  it('says unreachable, with the reason and no fingerprint, where no sshd answers', async () => {
    const client = connect({ fleetFile: writeFleetFile(fleetText(closedPort, KEY_A)) });

    const answer = await client.call('hostKey.check', { node: 'vk01' });

    expect(answer).toMatchObject({
      node: 'vk01',
      state: 'unreachable',
      fingerprint: null,
      pinned: KEY_A,
    });
    expect(answer.message).toMatch(/^cannot fetch vk01's host key: /);
  });
});
