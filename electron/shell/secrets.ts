// Passwords and key passphrases in the desktop app, kept through Electron's safeStorage (the OS
// keychain: DPAPI on Windows, Keychain on macOS, libsecret or KWallet on Linux), async API only.
// Where Linux offers only `basic_text` (a key hard-coded in Chromium, i.e. no protection at all),
// nothing is stored: the secret is held in memory until the app quits and asked for again at the
// next start, and the operator is told why. Browser mode never comes here: it reads environment
// variables and the SSH agent only (electron/transport/secrets.ts).
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { app, safeStorage } from 'electron';
import { z } from 'zod';
import type { Fleet } from '../../shared/fleet';
import { createLogger } from '../log';

/** The part of Electron's `safeStorage` the vault uses: the async API and the Linux backend. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  getSelectedStorageBackend?(): string;
}

/** Which secret: a node's channel and the variable name the fleet file gives it. */
export interface SecretRef {
  nodeId: string;
  /** ssh (password or key passphrase), postgres, redis, rabbitmq. */
  channel: 'ssh' | 'postgres' | 'redis' | 'rabbitmq';
  /** The fleet file's `passwordEnv` name: the core reads the secret under it. */
  variable: string;
}

export type StoragePolicy =
  { persistent: true; backend: string } | { persistent: false; backend: string; reason: string };

export type PutResult =
  | { stored: 'keychain' }
  | { stored: 'memory'; reason: string }
  | { stored: 'nowhere'; reason: string };

export type GetResult = { found: true; value: string } | { found: false; reason: string };

/** Where a secret is, without its value: `reason` says why one that was stored is unusable. */
export type Location =
  { where: 'keychain' | 'memory' } | { where: 'nowhere'; reason: string | null };

const secretChannels = ['ssh', 'postgres', 'redis', 'rabbitmq'] as const;

/** Every secret the fleet file names: one per node and channel with a `passwordEnv`. */
export function secretRefsOf(fleet: Fleet): SecretRef[] {
  return Object.entries(fleet.nodes).flatMap(([nodeId, node]) =>
    secretChannels.flatMap((channel) => {
      const variable = node[channel]?.passwordEnv;
      return variable === undefined ? [] : [{ nodeId, channel, variable }];
    }),
  );
}

const log = createLogger('secrets');

/** What the operator reads when secrets cannot be kept; shown next to the password field. */
export const BASIC_TEXT_REASON =
  'This desktop has no keychain the app can use (Electron found only the "basic_text" store, ' +
  'which does not protect anything), so the secret is kept in memory until the app quits and ' +
  'asked for again at the next start. Install and unlock GNOME Keyring or KWallet to keep it.';

const NO_ENCRYPTION_REASON =
  'The operating system keychain is not available, so the secret is kept in memory until ' +
  'the app quits and asked for again at the next start.';

/** Decides whether secrets may be written to disk at all on this machine. */
export async function storagePolicy(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): Promise<StoragePolicy> {
  const backend =
    platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : 'os';
  if (platform === 'linux' && (backend === 'basic_text' || backend === 'unknown')) {
    return { persistent: false, backend, reason: BASIC_TEXT_REASON };
  }
  const available = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  if (!available) return { persistent: false, backend, reason: NO_ENCRYPTION_REASON };
  return { persistent: true, backend };
}

const storeSchema = z.object({
  version: z.literal(1),
  /** `node/channel/variable` → base64 of safeStorage's encrypted bytes. */
  entries: z.record(z.string(), z.string()),
});
type StoreFile = z.infer<typeof storeSchema>;

export function secretKey(ref: SecretRef): string {
  return `${ref.nodeId}/${ref.channel}/${ref.variable}`;
}

export interface VaultOptions {
  /** The encrypted store, e.g. `<userData>/secrets.json`; only ciphertext is written there. */
  file: string;
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
}

/**
 * The desktop app's secrets. `put` keeps a secret in the keychain-encrypted store when the policy
 * allows it, else in memory for this run; `get` finds it in either. Values never reach a log line.
 */
export class SecretVault {
  private readonly memory = new Map<string, string>();
  private policyValue: Promise<StoragePolicy> | null = null;

  constructor(private readonly options: VaultOptions) {}

  policy(): Promise<StoragePolicy> {
    this.policyValue ??= storagePolicy(this.options.safeStorage, this.options.platform);
    return this.policyValue;
  }

  async put(ref: SecretRef, value: string): Promise<PutResult> {
    if (value === '') return { stored: 'nowhere', reason: 'an empty secret is not kept' };
    const key = secretKey(ref);
    const policy = await this.policy();
    if (!policy.persistent) {
      this.memory.set(key, value);
      log.warn({ entry: key, backend: policy.backend }, 'secret kept in memory only');
      return { stored: 'memory', reason: policy.reason };
    }
    try {
      const encrypted = await this.options.safeStorage.encryptStringAsync(value);
      const store = this.readStore();
      store.entries[key] = encrypted.toString('base64');
      this.writeStore(store);
      this.memory.delete(key);
      log.info({ entry: key }, 'secret stored in the keychain-encrypted store');
      return { stored: 'keychain' };
    } catch (error) {
      this.memory.set(key, value);
      const reason = `The keychain refused to encrypt it (${errorText(error)}); kept in memory.`;
      log.warn({ entry: key }, reason);
      return { stored: 'memory', reason };
    }
  }

  async get(ref: SecretRef): Promise<GetResult> {
    const key = secretKey(ref);
    const held = this.memory.get(key);
    if (held !== undefined) return { found: true, value: held };
    const encoded = this.readStore().entries[key];
    if (encoded === undefined) return { found: false, reason: `no secret stored for ${key}` };
    try {
      const { result, shouldReEncrypt } = await this.options.safeStorage.decryptStringAsync(
        Buffer.from(encoded, 'base64'),
      );
      if (shouldReEncrypt) await this.put(ref, result);
      return { found: true, value: result };
    } catch (error) {
      const reason = `the stored secret for ${key} cannot be decrypted (${errorText(error)})`;
      log.warn({ entry: key }, reason);
      return { found: false, reason: `${reason}; enter it again` };
    }
  }

  /** Where the secret is kept, decrypting a stored one to prove it still can be. */
  async locate(ref: SecretRef): Promise<Location> {
    const key = secretKey(ref);
    if (this.memory.has(key)) return { where: 'memory' };
    if (this.readStore().entries[key] === undefined) return { where: 'nowhere', reason: null };
    const found = await this.get(ref);
    if (found.found) return { where: this.memory.has(key) ? 'memory' : 'keychain' };
    return { where: 'nowhere', reason: found.reason };
  }

  /** Forgets a secret everywhere: memory and store. True when there was one to forget. */
  remove(ref: SecretRef): boolean {
    const key = secretKey(ref);
    const held = this.memory.delete(key);
    const store = this.readStore();
    if (!(key in store.entries)) return held;
    delete store.entries[key];
    this.writeStore(store);
    log.info({ entry: key }, 'secret forgotten');
    return true;
  }

  /**
   * The environment the core is started with: each fleet variable set to its secret, so the
   * transports find it exactly as `control-room serve` finds an exported variable.
   */
  async environmentFor(refs: SecretRef[]): Promise<Record<string, string>> {
    const env: Record<string, string> = {};
    for (const ref of refs) {
      const found = await this.get(ref);
      if (found.found) env[ref.variable] = found.value;
    }
    return env;
  }

  private readStore(): StoreFile {
    let text: string;
    try {
      text = readFileSync(this.options.file, 'utf8');
    } catch {
      return { version: 1, entries: {} };
    }
    const parsed = storeSchema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    log.warn({ file: this.options.file }, 'the secret store is unreadable; starting a new one');
    return { version: 1, entries: {} };
  }

  /** Written beside and renamed, readable by the user only. */
  private writeStore(store: StoreFile): void {
    mkdirSync(dirname(this.options.file), { recursive: true });
    const temporary = `${this.options.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.options.file);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The app's vault: `<userData>/secrets.json`, encrypted by Electron's safeStorage. */
export function openSecretVault(): SecretVault {
  return new SecretVault({ file: join(app.getPath('userData'), 'secrets.json'), safeStorage });
}
