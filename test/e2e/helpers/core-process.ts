// Starts and stops `control-room serve` as a real child process for end-to-end tests. The URL is
// read from the one line the command prints; processes are always stopped by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

const URL_PATTERN = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/;

export interface CoreProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Everything the process wrote to stderr so far, for failure messages. */
  stderr(): string;
}

export interface StartOptions {
  dataDir: string;
  /** More `serve` arguments, such as `--demo`. */
  serveArgs?: readonly string[];
  /** 0 (the default) lets the core pick a free port. */
  port?: number;
  /** A fixed token (CONTROL_ROOM_TOKEN), so pages opened before a restart are accepted again. */
  token?: string;
  startTimeoutMs?: number;
}

export async function startCore(options: StartOptions): Promise<CoreProcess> {
  const child = spawn(
    process.execPath,
    [
      'bin/control-room.js',
      'serve',
      ...(options.serveArgs ?? []),
      '--port',
      String(options.port ?? 0),
    ],
    {
      cwd: repositoryRoot,
      env: coreEnvironment(options),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

  try {
    const match = await waitForUrl(child, options.startTimeoutMs ?? 30_000, () => stderr);
    const [, url = '', port = '', token = ''] = match;
    return { child, url, port: Number(port), token, stderr: () => stderr };
  } catch (error) {
    await stopProcess(child, 'SIGKILL');
    throw error;
  }
}

function coreEnvironment(options: StartOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CONTROL_ROOM_DATA_DIR: options.dataDir };
  if (options.token) env.CONTROL_ROOM_TOKEN = options.token;
  else delete env.CONTROL_ROOM_TOKEN;
  return env;
}

function waitForUrl(
  child: ChildProcess,
  timeoutMs: number,
  stderr: () => string,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`serve printed no URL in ${timeoutMs} ms; stderr: ${stderr()}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = URL_PATTERN.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before printing a URL: ${stderr()}`));
    });
  });
}

/** Sends `signal` to the process by pid and waits until it has exited. */
export async function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  timeoutMs = 10_000,
): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(child.pid, signal);
  } catch (error) {
    // ESRCH: it exited between the check and the signal, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  await Promise.race([exited, delay(timeoutMs)]);
  if (!hasExited(child)) throw new Error(`process ${child.pid} did not exit after ${signal}`);
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A fresh data directory for one test run; remove it with removeDataDirectory. */
export function createDataDirectory(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'control-room-e2e-'));
}

export function removeDataDirectory(path: string): Promise<void> {
  return rm(path, { recursive: true, force: true });
}
