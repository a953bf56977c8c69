// Secret planting: known secrets go in through the environment, as an operator gives them, and
// every byte the control room writes comes back out to be searched for them. Collection on the
// test plant, `snapshot`, `watch` into an archive, the log files and a diagnostics report are
// searched as they are, inflated (the archive deflates documents) and in the encodings a leak
// might take (base64 at every alignment, base64url, hex, URL encoding, UTF-16).
// `control-room export` makes a bundle of the watched archive with the fleet file; its gzip
// members are inflated by `expandedViews` before the search. The desktop app gets the same
// secrets typed into Settings instead (main process and preload over the stand-in `electron`):
// its keychain store, every answer to the page and main's log are searched too.
// Run: flock /tmp/plant.lock npx vitest run test/security/secret-planting.test.ts
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFleetCollector } from '../../electron/collect/collector';
import { runUtilityCore } from '../../electron/core/utility-entry';
import { gatherDiagnostics } from '../../electron/diagnostics';
import { loadFleetFile } from '../../electron/fleet/load';
import { logDirectory } from '../../electron/log';
import { plantFleet } from '../helpers/plant-fleet';
import { temporaryDirectory } from '../helpers/temporary';
import { startPlant, type Plant } from '../plant/plant';
import type { ControlRoomBridge } from '../../shared/api/bridge';
import {
  fakeApp,
  fakeIpcRenderer,
  record,
  releaseCoresAndPorts,
  resetStandIn,
} from '../shell/electron-stand-in';

vi.mock('electron', () =>
  import('../shell/electron-stand-in').then((module) => module.electronModule),
);

/** Planted secrets: characters that make every encoding differ from the plain text. */
const PLANTED = {
  VK01_REDIS_PASSWORD: 'Redis+Planted/Secret=9051',
  VK02_SSH_PASSPHRASE: 'Ssh-Planted_Passphrase~4417',
  VK03_PG_PASSWORD: 'Pg:Wrong@Planted%Secret&0723',
};

let plant: Plant;
const outputs: { label: string; bytes: Buffer }[] = [];
let secrets: Record<string, string>;
let fleetFile: string;
let env: NodeJS.ProcessEnv;
let dataDir: string;
let archiveDir: string;

beforeAll(async () => {
  plant = await startPlant();
  const fleet = plantFleet(plant);
  const document = parse(readFileSync(fleet.file, 'utf8')) as {
    nodes: Record<string, Record<string, Record<string, unknown>>>;
  };
  // vk01's Redis gets a password it does not need (AUTH is refused), vk02's key a passphrase it
  // does not need (ignored), vk03's PostgreSQL a wrong one (authentication fails).
  const nodes = document.nodes;
  Object.assign(nodes.vk01?.redis ?? {}, { passwordEnv: 'VK01_REDIS_PASSWORD' });
  Object.assign(nodes.vk02?.ssh ?? {}, { passwordEnv: 'VK02_SSH_PASSPHRASE' });
  fleetFile = fleet.file;
  writeFileSync(fleetFile, stringify(document));
  // The real PostgreSQL passwords of vk01 and vk02 are secrets too, and they do log in.
  secrets = {
    ...PLANTED,
    VK01_PG_PASSWORD: String(fleet.env.VK01_PG_PASSWORD),
    VK02_PG_PASSWORD: String(fleet.env.VK02_PG_PASSWORD),
  };
  dataDir = temporaryDirectory('planting-data');
  // Without vitest's variables: under them the app's logger writes nowhere.
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST'));
  env = {
    ...Object.fromEntries(inherited),
    ...secrets,
    CONTROL_ROOM_DATA_DIR: dataDir,
    // The most talkative level: every line a driver error can reach is written.
    CONTROL_ROOM_LOG_LEVEL: 'trace',
  };
}, 60_000);

afterAll(async () => {
  await plant?.stop();
});

interface Finished {
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** Runs `control-room ARGS` as an operator would, with the planted environment. */
function controlRoom(args: string[], timeoutMs: number): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/control-room.js', ...args], { env });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) });
    });
  });
}

function keep(label: string, finished: Finished): void {
  outputs.push({ label: `${label} stdout`, bytes: finished.stdout });
  outputs.push({ label: `${label} stderr`, bytes: finished.stderr });
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The bytes as stored, plus every gzip member in them inflated. */
function expandedViews(bytes: Buffer): Buffer[] {
  const views = [bytes];
  for (let at = bytes.indexOf(gzipMagic); at !== -1; at = bytes.indexOf(gzipMagic, at + 1)) {
    const inflated = attempt(() => gunzipSync(bytes.subarray(at)));
    if (inflated) views.push(inflated);
  }
  return views;
}
const gzipMagic = Buffer.from([0x1f, 0x8b, 0x08]);

function attempt(inflate: () => Buffer): Buffer | null {
  try {
    return inflate();
  } catch {
    return null;
  }
}

/** Every BLOB and TEXT value of every table, inflated where it is deflated. */
function sqliteValues(file: string): Buffer[] {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all() as { name: string }[];
    return tables.flatMap(({ name }) => {
      const rows = database.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][];
      return rows.flat().flatMap(valueViews);
    });
  } finally {
    database.close();
  }
}

function valueViews(value: unknown): Buffer[] {
  if (typeof value === 'string') return [Buffer.from(value)];
  if (!Buffer.isBuffer(value)) return [];
  const inflated = [inflateRawSync, inflateSync, gunzipSync].map((inflate) =>
    attempt(() => inflate(value)),
  );
  return [value, ...inflated.filter((view): view is Buffer => view !== null)];
}

/** The forms a leaked secret might take in bytes. */
function encodings(secret: string): { name: string; bytes: Buffer }[] {
  const plain = Buffer.from(secret, 'utf8');
  const forms = [
    { name: 'plain', bytes: plain },
    { name: 'utf-16', bytes: Buffer.from(secret, 'utf16le') },
    { name: 'hex', bytes: Buffer.from(plain.toString('hex')) },
    { name: 'HEX', bytes: Buffer.from(plain.toString('hex').toUpperCase()) },
    { name: 'url', bytes: Buffer.from(encodeURIComponent(secret)) },
  ];
  // Base64 of data holding the secret at any offset: the groups wholly inside the secret.
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), plain]).toString('base64');
    const core = encoded.slice(offset === 0 ? 0 : 4, -4);
    forms.push({ name: `base64+${offset}`, bytes: Buffer.from(core) });
    const url = core.replace(/\+/g, '-').replace(/\//g, '_');
    if (url !== core) forms.push({ name: `base64url+${offset}`, bytes: Buffer.from(url) });
  }
  return forms;
}

/** Where each secret was found: labels and encodings only, never the secret itself. */
function leaks(): string[] {
  const found: string[] = [];
  for (const [variable, secret] of Object.entries(secrets)) {
    for (const form of encodings(secret)) {
      for (const output of outputs) {
        if (expandedViews(output.bytes).some((view) => view.includes(form.bytes))) {
          found.push(`${variable} (${form.name}) in ${output.label}`);
        }
      }
    }
  }
  return found;
}

describe('planted secrets', () => {
  it('reach the drivers: vk01 logs into PostgreSQL, vk03 is refused', async () => {
    const snapshot = await controlRoom(['snapshot', '--fleet', fleetFile], 60_000);
    keep('snapshot', snapshot);

    expect(snapshot.code).toBe(0);
    const parsed = JSON.parse(snapshot.stdout.toString('utf8')) as {
      nodes: Record<string, { reachability: Record<string, { state: string }> }>;
    };
    const text = JSON.stringify(parsed);
    expect(Object.keys(parsed.nodes).sort()).toEqual(['vk01', 'vk02', 'vk03']);
    expect(parsed.nodes.vk01?.reachability.postgres?.state).toBe('up');
    // The wrong password was used: PostgreSQL on vk03 says so. (Booleans only, here and below:
    // a failed match must not print an output that might hold a secret.)
    expect(/password authentication failed/.test(text)).toBe(true);
  }, 90_000);

  it('are never written by watch, into its archive, or into the log', async () => {
    archiveDir = temporaryDirectory('planting-archive');
    const watched = await controlRoom(
      ['watch', '--fleet', fleetFile, '--archive', archiveDir, '--duration', '12s'],
      60_000,
    );
    keep('watch', watched);
    expect(watched.code).toBe(0);
    expect(/Archived .*; 0 failed writes\./.test(watched.stdout.toString('utf8'))).toBe(true);

    const archiveFiles = filesUnder(archiveDir);
    expect(archiveFiles.some((file) => /\.(sqlite|db)$/.test(file))).toBe(true);
    for (const file of archiveFiles) {
      outputs.push({ label: file, bytes: readFileSync(file) });
      if (/\.(sqlite|db)$/.test(file)) {
        for (const [index, view] of sqliteValues(file).entries()) {
          outputs.push({ label: `${file} value ${index}`, bytes: view });
        }
      }
    }
  }, 90_000);

  it('are never in an exported bundle of that archive with its fleet file', async () => {
    const bundle = join(temporaryDirectory('planting-bundle'), 'planted.vkbundle');
    const untilMs = String(Date.now() + 3_600_000);
    const exported = await controlRoom(
      ['export', '--archive', archiveDir, '--from', '0', '--to', untilMs, '--out', bundle],
      60_000,
    );
    keep('export', exported);
    expect(exported.code).toBe(0);
    // Again with the fleet file: the bundle then carries the fleet, secrets removed.
    const withFleet = join(temporaryDirectory('planting-bundle'), 'with-fleet.vkbundle');
    const fleetExport = await controlRoom(
      [
        'export',
        '--archive',
        archiveDir,
        '--from',
        '0',
        '--to',
        untilMs,
        '--out',
        withFleet,
      ].concat(['--fleet', fleetFile]),
      60_000,
    );
    keep('export --fleet', fleetExport);
    expect(fleetExport.code).toBe(0);
    for (const file of [bundle, withFleet]) {
      const bytes = readFileSync(file);
      const views = expandedViews(bytes);
      // The bundle is gzip inside: the search reads its records, not only its bytes.
      expect(views.length).toBeGreaterThan(1);
      const hasFleet = views.some((view) => view.includes('"type":"fleet"'));
      expect(hasFleet).toBe(file === withFleet);
      outputs.push({ label: file, bytes });
    }
  }, 90_000);

  it('are never in a diagnostics report, with every channel collected once more', async () => {
    const loaded = loadFleetFile(fleetFile);
    if (!loaded.ok) throw new Error('the planted fleet file does not load');
    const collector = createFleetCollector(loaded.fleet, { env });
    try {
      await collector.collectOnce();
      await collector.collectOnce();
    } finally {
      await collector.stop();
    }
    const report = gatherDiagnostics({
      appVersion: '0.1.0',
      fleetFile,
      logDirectory: logDirectory(env),
      health: collector.health().nodes,
      env,
    });
    expect(report.includes('vk03 postgres: down')).toBe(true);
    expect(report.includes('VK03_PG_PASSWORD: set')).toBe(true);
    outputs.push({ label: 'diagnostics report', bytes: Buffer.from(report) });
  }, 60_000);

  it("are never in the desktop app's store, its answers to the page or its log", async () => {
    const mainLog = join(dataDir, 'desktop-main.log');
    const previousFleet = process.env.CONTROL_ROOM_FLEET;
    resetStandIn();
    record.userDataDir = temporaryDirectory('planting-user-data');
    record.coreFactory = (parentPort, exit) => runUtilityCore(parentPort, { exit });
    process.env.CONTROL_ROOM_FLEET = fleetFile;
    try {
      await typeSecretsIntoTheDesktopApp(mainLog);
    } finally {
      if (previousFleet === undefined) delete process.env.CONTROL_ROOM_FLEET;
      else process.env.CONTROL_ROOM_FLEET = previousFleet;
      releaseCoresAndPorts();
    }
    outputs.push({ label: 'desktop secrets.json', bytes: readFileSync(vaultFile()) });
    for (const [index, call] of fakeIpcRenderer.invoked.entries()) {
      const answer = Buffer.from(JSON.stringify(call.result));
      outputs.push({ label: `desktop answer ${index} to the page`, bytes: answer });
    }
  }, 60_000);

  it('appear in no output byte: stdout, stderr, archive, bundles, logs, report', () => {
    const logFiles = filesUnder(dataDir);
    expect(logFiles.some((file) => /control-room\.\d+\.log$/.test(file))).toBe(true);
    for (const file of logFiles) outputs.push({ label: file, bytes: readFileSync(file) });
    outputs.push({ label: 'fleet file', bytes: readFileSync(fleetFile) });
    // The search itself works: a buffer holding a secret in base64 is caught.
    const probe = Buffer.from(
      `x${Buffer.from(`ab${PLANTED.VK01_REDIS_PASSWORD}`).toString('base64')}`,
    );
    outputs.push({ label: 'self-check', bytes: probe });

    expect(leaks()).toEqual(['VK01_REDIS_PASSWORD (base64+2) in self-check']);
    const searched = outputs.reduce((total, output) => total + output.bytes.length, 0);
    expect(searched).toBeGreaterThan(100_000);
    process.stdout.write(
      `secret planting: ${Object.keys(secrets).length} secrets, ${outputs.length - 1} outputs, ` +
        `${searched} bytes searched\n`,
    );
  });
});

function vaultFile(): string {
  return join(record.userDataDir, 'secrets.json');
}

/**
 * Starts the desktop main process and preload, types each planted secret into Settings' field
 * (secrets.store through the preload to main), lists them, forgets one and quits. The core is
 * restarted with them: a check with booleans only, so a failure prints no secret.
 */
async function typeSecretsIntoTheDesktopApp(mainLog: string): Promise<void> {
  vi.resetModules();
  const { configureLogging } = await import('../../electron/log');
  configureLogging({ level: 'trace', file: mainLog });
  await import('../../electron/shell/main');
  await import('../../electron/shell/preload');
  await fakeApp.becomeReady();
  record.windows[0]?.webContents.finishLoad();
  const bridge = record.exposedInMainWorld.get('controlRoom') as ControlRoomBridge;
  for (const [variable, value] of Object.entries(PLANTED)) {
    const reply = await bridge.requests['secrets.store']({ variable, value });
    expect(reply.ok && reply.value.state).toBe('stored');
  }
  const status = await bridge.requests['secrets.status']({});
  const states = status.ok
    ? Object.fromEntries(status.value.secrets.map((entry) => [entry.variable, entry.state]))
    : {};
  // vk01's and vk02's real PostgreSQL passwords were not typed in.
  expect(states).toEqual({
    VK01_PG_PASSWORD: 'missing',
    VK01_REDIS_PASSWORD: 'stored',
    VK02_PG_PASSWORD: 'missing',
    VK02_SSH_PASSPHRASE: 'stored',
    VK03_PG_PASSWORD: 'stored',
  });
  await vi.waitFor(() => {
    const env = (record.forks.at(-1)?.options.env ?? {}) as Record<string, string>;
    const all = Object.entries(PLANTED).every(([variable, value]) => env[variable] === value);
    expect(all).toBe(true);
  });
  const forgotten = await bridge.requests['secrets.forget']({ variable: 'VK01_REDIS_PASSWORD' });
  expect(forgotten.ok && forgotten.value.forgotten).toBe(true);
  fakeApp.quit();
  await vi.waitFor(() => expect(fakeApp.quitCalls).toBe(2), { timeout: 10_000 });
  // The log is written asynchronously: wait for main's last line (a boolean: print no log).
  const lastLine = /"the secret VK01_REDIS_PASSWORD was forgotten"/;
  await vi.waitFor(() => expect(lastLine.test(readFileSync(mainLog, 'utf8'))).toBe(true), {
    timeout: 10_000,
  });
}
