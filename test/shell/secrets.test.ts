// The desktop vault over the stand-in safeStorage (real AES-GCM): stored only where a keychain
// protects it, asked again each start where Linux offers only basic_text, never in plain text.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BASIC_TEXT_REASON,
  openSecretVault,
  secretRefsOf,
  SecretVault,
  storagePolicy,
  type SecretRef,
} from '../../electron/shell/secrets';
import { parseFleet } from '../../electron/fleet/load';
import { temporaryDirectory } from '../helpers/temporary';
import { FakeSafeStorage, record, resetStandIn } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in').then((module) => module.electronModule));

const SECRET = 'Pl4nted-vault-secret-7731';
const ref: SecretRef = { nodeId: 'vk01', channel: 'postgres', variable: 'VK01_PG_PASSWORD' };

function vaultOn(safeStorage: FakeSafeStorage, platform: NodeJS.Platform = 'linux') {
  const file = join(temporaryDirectory('vault'), 'secrets.json');
  return { file, vault: new SecretVault({ file, safeStorage, platform }) };
}

describe('the storage policy', () => {
  it('refuses to persist where Linux offers only basic_text, and says why', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.backend = 'basic_text';
    const policy = await storagePolicy(safeStorage, 'linux');

    expect(policy).toEqual({ persistent: false, backend: 'basic_text', reason: BASIC_TEXT_REASON });
    expect(BASIC_TEXT_REASON).toMatch(/basic_text.*asked for again at the next start/s);
  });

  it('persists with a Linux keychain, elsewhere when async encryption is available', async () => {
    const safeStorage = new FakeSafeStorage();
    expect(await storagePolicy(safeStorage, 'linux')).toMatchObject({ persistent: true });
    safeStorage.backend = 'kwallet6';
    expect(await storagePolicy(safeStorage, 'linux')).toMatchObject({ persistent: true });
    expect(await storagePolicy(safeStorage, 'win32')).toMatchObject({ persistent: true });
    safeStorage.available = false;
    expect(await storagePolicy(safeStorage, 'darwin')).toMatchObject({ persistent: false });
  });

  it('uses only the async API', async () => {
    const safeStorage = new FakeSafeStorage();
    const { vault } = vaultOn(safeStorage);
    await vault.put(ref, SECRET);
    await vault.get(ref);
    expect(new Set(safeStorage.calls)).toEqual(
      new Set([
        'getSelectedStorageBackend',
        'isAsyncEncryptionAvailable',
        'encryptStringAsync',
        'decryptStringAsync',
      ]),
    );
  });
});

describe('the vault', () => {
  it('keeps a secret encrypted on disk, readable by the user only, and reads it back', async () => {
    const safeStorage = new FakeSafeStorage();
    const { file, vault } = vaultOn(safeStorage);

    expect(await vault.put(ref, SECRET)).toEqual({ stored: 'keychain' });
    const bytes = readFileSync(file);
    expect(bytes.includes(SECRET)).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET).toString('base64'))).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // A new vault over the same file (the next start) finds it through the keychain.
    const again = new SecretVault({ file, safeStorage, platform: 'linux' });
    expect(await again.get(ref)).toEqual({ found: true, value: SECRET });
  });

  it('with basic_text holds the secret for this run only and writes nothing', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.backend = 'basic_text';
    const { file, vault } = vaultOn(safeStorage);

    expect(await vault.put(ref, SECRET)).toEqual({ stored: 'memory', reason: BASIC_TEXT_REASON });
    expect(await vault.get(ref)).toEqual({ found: true, value: SECRET });
    expect(existsSync(file)).toBe(false);
    const nextStart = new SecretVault({ file, safeStorage, platform: 'linux' });
    expect(await nextStart.get(ref)).toEqual({
      found: false,
      reason: 'no secret stored for vk01/postgres/VK01_PG_PASSWORD',
    });
  });

  it('re-encrypts when the keychain rotated its key', async () => {
    const safeStorage = new FakeSafeStorage();
    const { file, vault } = vaultOn(safeStorage);
    await vault.put(ref, SECRET);
    const before = readFileSync(file, 'utf8');
    safeStorage.rotated = true;

    const reader = new SecretVault({ file, safeStorage, platform: 'linux' });
    expect(await reader.get(ref)).toEqual({ found: true, value: SECRET });
    expect(readFileSync(file, 'utf8')).not.toBe(before);
  });

  it('asks again, naming the secret, when the keychain lost its key', async () => {
    const safeStorage = new FakeSafeStorage();
    const { file, vault } = vaultOn(safeStorage);
    await vault.put(ref, SECRET);
    safeStorage.loseKey();

    const reader = new SecretVault({ file, safeStorage, platform: 'linux' });
    const result = await reader.get(ref);
    expect(result.found).toBe(false);
    expect(result).toMatchObject({
      reason: expect.stringMatching(/vk01\/postgres.*enter it again/),
    });
  });

  it('survives a corrupt store file and refuses empty secrets', async () => {
    const safeStorage = new FakeSafeStorage();
    const { file, vault } = vaultOn(safeStorage);
    writeFileSync(file, '{ not json');

    expect(await vault.get(ref)).toMatchObject({ found: false });
    expect(await vault.put(ref, '')).toMatchObject({ stored: 'nowhere' });
    expect(await vault.put(ref, SECRET)).toEqual({ stored: 'keychain' });
    expect(await vault.get(ref)).toEqual({ found: true, value: SECRET });
  });

  it('gives the core its environment by variable name, and forgets on remove', async () => {
    const safeStorage = new FakeSafeStorage();
    const { vault } = vaultOn(safeStorage);
    const ssh: SecretRef = { nodeId: 'vk02', channel: 'ssh', variable: 'VK02_SSH_PASSPHRASE' };
    await vault.put(ref, SECRET);
    await vault.put(ssh, 'passphrase-2');

    expect(await vault.environmentFor([ref, ssh])).toEqual({
      VK01_PG_PASSWORD: SECRET,
      VK02_SSH_PASSPHRASE: 'passphrase-2',
    });
    expect(vault.remove(ref)).toBe(true);
    expect(vault.remove(ref)).toBe(false);
    expect(await vault.environmentFor([ref, ssh])).toEqual({ VK02_SSH_PASSPHRASE: 'passphrase-2' });
  });

  it('tells where a secret is without giving its value', async () => {
    const safeStorage = new FakeSafeStorage();
    const { file, vault } = vaultOn(safeStorage);
    expect(await vault.locate(ref)).toEqual({ where: 'nowhere', reason: null });
    await vault.put(ref, SECRET);
    expect(await vault.locate(ref)).toEqual({ where: 'keychain' });

    safeStorage.loseKey();
    const lost = await new SecretVault({ file, safeStorage, platform: 'linux' }).locate(ref);
    expect(lost).toMatchObject({
      where: 'nowhere',
      reason: expect.stringMatching(/enter it again/),
    });

    safeStorage.backend = 'basic_text';
    const memoryOnly = vaultOn(safeStorage).vault;
    await memoryOnly.put(ref, SECRET);
    expect(await memoryOnly.locate(ref)).toEqual({ where: 'memory' });
    expect(JSON.stringify([lost, await memoryOnly.locate(ref)])).not.toContain(SECRET);
  });
});

describe('the secrets a fleet file names', () => {
  it('are one per node and channel with a passwordEnv', () => {
    const loaded = parseFleet(
      [
        'deployment: "03002"',
        'nodes:',
        '  vk01:',
        '    role: processing',
        '    host: 10.0.0.11',
        '    ssh: { user: vk, passwordEnv: VK01_SSH_PASSPHRASE }',
        '    postgres: { port: 2345, passwordEnv: VK_PG_PASSWORD }',
        '    redis: { port: 4000 }',
        '  vk02:',
        '    role: dashboard',
        '    host: 10.0.0.12',
        '    rabbitmq: { url: "http://10.0.0.12:15672", user: vk, passwordEnv: VK02_MQ }',
      ].join('\n'),
    );
    if (!loaded.ok) throw new Error(loaded.problems.map((problem) => problem.message).join());

    expect(secretRefsOf(loaded.fleet)).toEqual([
      { nodeId: 'vk01', channel: 'ssh', variable: 'VK01_SSH_PASSPHRASE' },
      { nodeId: 'vk01', channel: 'postgres', variable: 'VK_PG_PASSWORD' },
      { nodeId: 'vk02', channel: 'rabbitmq', variable: 'VK02_MQ' },
    ]);
  });
});

describe('the app vault', () => {
  beforeEach(resetStandIn);

  it("lives in the app's user data folder and uses Electron's safeStorage", async () => {
    record.userDataDir = temporaryDirectory('user-data');
    const vault = openSecretVault();
    await vault.put(ref, SECRET);

    expect(existsSync(join(record.userDataDir, 'secrets.json'))).toBe(true);
    expect(record.safeStorage.calls).toContain('encryptStringAsync');
  });
});
