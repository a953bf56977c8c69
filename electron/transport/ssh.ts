// One SSH connection per node, reused for every command. ssh2 underneath; this module adds what a
// plant network needs: pinned host keys, keepalive, a timeout on every exec, a cap on open
// channels, and reconnection with capped, jittered backoff driven by a small state machine.
import { StringDecoder } from 'node:string_decoder';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import type { SshSettings } from '../../shared/fleet';
import type { ChannelError } from '../../shared/snapshot';
import { createLogger } from '../log';
import { commandText, type RemoteCommand } from './ssh-command';

/** What a command run on a node gave back. Output beyond `maxOutputBytes` is cut. */
export interface ExecOutput {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  durationMs: number;
}

export type ExecResult =
  ({ ok: true } & ExecOutput) | { ok: false; error: ChannelError; durationMs: number };

export interface ExecOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** Each piece of output as it arrives (whole UTF-8 characters), besides the final result. */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  /** Aborting kills the command on the node and closes its channel (an action's cancel). */
  signal?: AbortSignal;
}

export type SshState = 'idle' | 'connecting' | 'ready' | 'backoff' | 'closed';

export interface SshOptions {
  nodeId: string;
  host: string;
  settings: SshSettings;
  env?: NodeJS.ProcessEnv;
  /** Key material given directly (tests, keychain); otherwise read from `identityFile`. */
  privateKey?: string;
  connectTimeoutMs?: number;
  /** Keepalive every this many ms; a peer that misses `keepaliveCountMax` in a row is dead. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Most channels open at once; OpenSSH allows 10 sessions per connection by default. */
  maxChannels?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
}

export const DEFAULT_EXEC_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/** The SHA-256 fingerprint of a host key, as `ssh-keygen -lf` prints it. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The delay before reconnect attempt `attempt` (0-based): doubling, capped, with jitter. */
export function backoffDelayMs(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class SshConnection {
  private readonly log;
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private stateValue: SshState = 'idle';
  private lastErrorValue: ChannelError | null = null;
  private failures = 0;
  private nextAttemptAt = 0;
  private openChannels = 0;
  private readonly waiting: (() => void)[] = [];
  /** Set when the host key was refused, so the error names it, not a generic handshake failure. */
  private hostKeyRefusal: ChannelError | null = null;
  /** The fingerprint the server last presented, for the operator to approve. */
  presentedFingerprint: string | null = null;
  /** Connections established and commands run so far: the round trips a tick costs. */
  readonly counters = { connections: 0, execs: 0 };

  constructor(private readonly options: SshOptions) {
    this.log = createLogger('ssh').child({ node: options.nodeId });
  }

  get state(): SshState {
    return this.stateValue;
  }

  get lastError(): ChannelError | null {
    return this.lastErrorValue;
  }

  /** Runs one command. Never throws: a connection or command failure comes back as a value. */
  async exec(command: RemoteCommand | string, options: ExecOptions = {}): Promise<ExecResult> {
    const startedMs = performance.now();
    const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    const text = typeof command === 'string' ? command : commandText(command);
    const elapsed = () => performance.now() - startedMs;
    try {
      const client = await this.ready(timeoutMs);
      await this.acquireChannel();
      this.counters.execs += 1;
      try {
        const output = await this.run(client, text, timeoutMs - elapsed(), options);
        return { ok: true, ...output, durationMs: elapsed() };
      } finally {
        this.releaseChannel();
      }
    } catch (error) {
      return { ok: false, error: this.describe(error), durationMs: elapsed() };
    }
  }

  /** Closes the connection for good; later execs fail at once. */
  close(): void {
    this.stateValue = 'closed';
    this.client?.end();
    this.client = null;
    for (const wake of this.waiting.splice(0)) wake();
  }

  private async ready(timeoutMs: number): Promise<Client> {
    if (this.stateValue === 'closed') throw new SshFailure('other', 'the connection was closed');
    if (this.client && this.stateValue === 'ready') return this.client;
    if (this.connecting) return this.connecting;
    const waitMs = this.nextAttemptAt - Date.now();
    if (waitMs > 0) {
      const last = this.lastErrorValue?.message ?? 'not connected';
      throw new SshFailure(
        this.lastErrorValue?.kind ?? 'socket',
        `${last} (next attempt in ${Math.ceil(waitMs / 1000)} s)`,
      );
    }
    this.connecting = this.connect(timeoutMs).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private connect(timeoutMs: number): Promise<Client> {
    this.stateValue = 'connecting';
    this.hostKeyRefusal = null;
    const client = new Client();
    return new Promise<Client>((resolve, reject) => {
      let settled = false;
      client.once('ready', () => {
        settled = true;
        this.onReady(client);
        resolve(client);
      });
      client.on('error', (error) => {
        if (!settled) {
          settled = true;
          this.onFailure(error);
          reject(error);
        } else {
          this.log.warn({ err: error }, 'connection error');
        }
      });
      client.on('close', () => this.onClose(client));
      try {
        client.connect(this.connectConfig(timeoutMs));
      } catch (error) {
        settled = true;
        this.onFailure(error);
        reject(error);
      }
    });
  }

  private onReady(client: Client): void {
    if (this.failures > 0) this.log.info({ after: this.failures }, 'connected again');
    else this.log.info('connected');
    this.client = client;
    this.counters.connections += 1;
    this.stateValue = 'ready';
    this.failures = 0;
    this.lastErrorValue = null;
  }

  private onFailure(error: unknown): void {
    const described = this.describe(error);
    this.lastErrorValue = described;
    this.failures += 1;
    const delayMs = backoffDelayMs(
      this.failures - 1,
      this.options.backoffInitialMs ?? 500,
      this.options.backoffMaxMs ?? 4_000,
      this.options.random,
    );
    this.nextAttemptAt = Date.now() + delayMs;
    this.stateValue = 'backoff';
    this.log.warn({ kind: described.kind, retryInMs: delayMs }, described.message);
  }

  private onClose(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.stateValue === 'closed') return;
    this.stateValue = 'idle';
    this.lastErrorValue = { kind: 'socket', message: 'the connection closed' };
    this.log.warn('connection closed');
  }

  private connectConfig(timeoutMs: number): ConnectConfig {
    const { settings, env = process.env } = this.options;
    const password = settings.passwordEnv ? env[settings.passwordEnv] : undefined;
    const privateKey = this.options.privateKey ?? readKey(settings.identityFile);
    return {
      host: this.options.host,
      port: settings.port,
      username: settings.user,
      privateKey,
      passphrase: privateKey ? password : undefined,
      password: privateKey ? undefined : password,
      agent: privateKey ? undefined : env.SSH_AUTH_SOCK,
      readyTimeout: Math.max(1_000, Math.min(timeoutMs, this.options.connectTimeoutMs ?? 8_000)),
      keepaliveInterval: this.options.keepaliveIntervalMs ?? 5_000,
      keepaliveCountMax: this.options.keepaliveCountMax ?? 2,
      hostVerifier: (key: Buffer) => this.verifyHostKey(key),
    };
  }

  private verifyHostKey(key: Buffer): boolean {
    const presented = hostKeyFingerprint(key);
    this.presentedFingerprint = presented;
    const pinned = this.options.settings.hostKey;
    if (pinned === presented) return true;
    const node = this.options.nodeId;
    const message = pinned
      ? `HOST KEY CHANGED for ${node}: expected ${pinned}, the server presented ${presented}. ` +
        'Refusing to connect: this may be a different machine or an attack.'
      : `unknown host key ${presented} for ${node}; approve it to pin it as ssh.hostKey`;
    this.hostKeyRefusal = { kind: 'host-key', message };
    return false;
  }

  private run(
    client: Client,
    text: string,
    timeoutMs: number,
    options: ExecOptions,
  ): Promise<ExecOutput> {
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const startedMs = performance.now();
    return new Promise((resolve, reject) => {
      let channel: ClientChannel | undefined;
      let settled = false;
      const stop = (failure: SshFailure) => {
        settle();
        reject(failure);
        closeChannel(channel);
      };
      const timer = setTimeout(
        () => stop(new SshFailure('timeout', `no answer in ${Math.round(timeoutMs)} ms`)),
        Math.max(1, timeoutMs),
      );
      const onAbort = () =>
        stop(new SshFailure('other', 'cancelled: the command was killed on the node'));
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      client.exec(text, (error, stream) => {
        if (error) {
          settle();
          return reject(error);
        }
        channel = stream;
        // Cancelled or timed out while the channel was opening: the command has just started on
        // the node, so kill it there rather than let it run unwatched.
        if (settled) return closeChannel(stream);
        if (options.onOutput) streamOutput(stream, options.onOutput);
        collectOutput(stream, maxBytes, (output) => {
          settle();
          if (output.exitCode === null && output.signal === null) {
            return reject(new SshFailure('socket', 'the connection closed during the command'));
          }
          resolve({ ...output, durationMs: performance.now() - startedMs });
        });
      });
    });
  }

  private acquireChannel(): Promise<void> {
    if (this.openChannels < (this.options.maxChannels ?? 4)) {
      this.openChannels += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() =>
      this.acquireChannel(),
    );
  }

  private releaseChannel(): void {
    this.openChannels -= 1;
    this.waiting.shift()?.();
  }

  private describe(error: unknown): ChannelError {
    if (error instanceof SshFailure) return { kind: error.kind, message: error.message };
    if (this.hostKeyRefusal) return this.hostKeyRefusal;
    return classifySshError(error);
  }
}

class SshFailure extends Error {
  constructor(
    readonly kind: ChannelError['kind'],
    message: string,
  ) {
    super(message);
  }
}

/** Sorts ssh2's errors into the kinds the UI names (ssh2 marks them with a `level`). */
export function classifySshError(error: unknown): ChannelError {
  const { level, code, message } = (error ?? {}) as {
    level?: string;
    code?: string;
    message?: string;
  };
  const text = message ?? String(error);
  if (level === 'client-timeout' || code === 'ETIMEDOUT')
    return { kind: 'timeout', message: `timed out: ${text}` };
  if (level === 'client-authentication')
    return { kind: 'auth', message: `authentication refused: ${text}` };
  if (level === 'client-dns' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { kind: 'dns', message: text };
  if (level === 'client-socket' || (code && /^E[A-Z]+$/.test(code)))
    return { kind: 'socket', message: text };
  // ssh2 says these, with no level, when the connection dropped under a request.
  if (/no response from server|not connected|connection lost/i.test(text)) {
    return { kind: 'socket', message: `the connection dropped: ${text}` };
  }
  if (level === 'protocol' || level === 'handshake') return { kind: 'protocol', message: text };
  return { kind: 'other', message: text };
}

function readKey(identityFile: string | undefined): string | undefined {
  if (!identityFile) return undefined;
  const path = identityFile.replace(/^~(?=$|\/)/, homedir());
  return readFileSync(path, 'utf8');
}

function closeChannel(channel: ClientChannel | undefined): void {
  if (!channel) return;
  try {
    channel.signal('KILL');
  } catch {
    // The channel may already be gone; closing below is what matters.
  }
  channel.close();
}

/** Hands output on as it arrives; a character split across two chunks waits for its end. */
function streamOutput(stream: ClientChannel, onOutput: NonNullable<ExecOptions['onOutput']>) {
  const sources = [
    ['stdout', stream],
    ['stderr', stream.stderr],
  ] as const;
  for (const [name, source] of sources) {
    const decoder = new StringDecoder('utf8');
    const pass = (text: string) => {
      if (text) onOutput(name, text);
    };
    source.on('data', (chunk: Buffer) => pass(decoder.write(chunk)));
    source.on('end', () => pass(decoder.end()));
  }
}

/** Gathers stdout and stderr up to `maxBytes` each, then reports once the channel closes. */
function collectOutput(
  stream: ClientChannel,
  maxBytes: number,
  done: (output: Omit<ExecOutput, 'durationMs'>) => void,
): void {
  const stdout = boundedBuffer(maxBytes);
  const stderr = boundedBuffer(maxBytes);
  stream.on('data', (chunk: Buffer) => stdout.add(chunk));
  stream.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
  stream.on('close', (code: number | null, signal?: string) => {
    done({
      exitCode: typeof code === 'number' ? code : null,
      signal: signal ?? null,
      stdout: stdout.text(),
      stderr: stderr.text(),
      truncated: stdout.truncated || stderr.truncated,
    });
  });
}

function boundedBuffer(maxBytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  return {
    add(chunk: Buffer) {
      if (size >= maxBytes) return void (truncated = true);
      const room = maxBytes - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      truncated ||= chunk.length > room;
      size += Math.min(chunk.length, room);
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
    get truncated() {
      return truncated;
    },
  };
}
