// Starting, signalling and stopping the plant's server processes. The plant must never touch a
// process it did not start, so every PID travels with what identifies it: its start time in clock
// ticks since boot and a marker its command line must contain. A PID reused by another program
// matches neither.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  /** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
  startTicks: number;
  /** A string its /proc/PID/cmdline keeps for as long as it runs (servers retitle themselves). */
  marker: string;
}

export interface ServerProcess {
  identity: ProcessIdentity;
  /**
   * Our own child, until it has exited and been reaped: its PID cannot be reused before that, so
   * no identity check is needed. Absent for processes another run started.
   */
  child?: { exited: Promise<void>; hasExited: () => boolean };
}

export interface SpawnServerOptions {
  file: string;
  args: string[];
  logPath: string;
  marker: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Let the server outlive this Node process (npm run plant:up). */
  detached: boolean;
  uid?: number;
  gid?: number;
}

const POLL_INTERVAL_MS = 25;
const KILL_WAIT_MS = 5_000;

export function spawnServer(options: SpawnServerOptions): ServerProcess {
  // A file descriptor rather than a pipe: the server keeps logging after this process has gone.
  const logFd = openSync(options.logPath, 'a');
  try {
    const child = spawn(options.file, options.args, {
      cwd: options.cwd,
      env: options.env,
      uid: options.uid,
      gid: options.gid,
      detached: options.detached,
      stdio: ['ignore', logFd, logFd],
    });
    // 'error' (spawn failed, e.g. ENOENT) also ends the process's life; it leaves pid undefined.
    let hasExited = false;
    const exited = new Promise<void>((resolve) => {
      const onEnd = (): void => {
        hasExited = true;
        resolve();
      };
      child.once('exit', onEnd);
      child.once('error', onEnd);
    });
    if (child.pid === undefined) throw new Error(`could not start ${options.file}`);
    if (options.detached) child.unref();
    const startTicks = readStartTicks(child.pid);
    if (startTicks === undefined)
      throw new Error(`${options.file} exited at once; see ${options.logPath}`);
    return {
      identity: { pid: child.pid, startTicks, marker: options.marker },
      child: { exited, hasExited: () => hasExited },
    };
  } finally {
    closeSync(logFd);
  }
}

interface ProcStat {
  state: string;
  parentPid: number;
  startTicks: number;
}

function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name in parentheses may contain spaces and parentheses: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state, parentPid, startTicks] = [fields[0], fields[1], fields[19]];
  if (state === undefined || parentPid === undefined || startTicks === undefined) return undefined;
  return { state, parentPid: Number(parentPid), startTicks: Number(startTicks) };
}

function readStartTicks(pid: number): number | undefined {
  return readProcStat(pid)?.startTicks;
}

function readCommandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** True while this exact process (not a later one with the same PID) exists and is not a zombie. */
export function isRunning(identity: ProcessIdentity): boolean {
  const stat = readProcStat(identity.pid);
  if (stat === undefined || stat.state === 'Z') return false;
  return (
    stat.startTicks === identity.startTicks &&
    readCommandLine(identity.pid).includes(identity.marker)
  );
}

/** The process and all its descendants, parents first, found by scanning /proc. */
function processTree(rootPid: number): number[] {
  const childrenByParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat === undefined) continue;
    const siblings = childrenByParent.get(stat.parentPid) ?? [];
    siblings.push(Number(entry));
    childrenByParent.set(stat.parentPid, siblings);
  }
  const tree = [rootPid];
  for (let index = 0; index < tree.length; index += 1) {
    tree.push(...(childrenByParent.get(tree[index] as number) ?? []));
  }
  return tree;
}

function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    // ESRCH: it exited between our check and the signal, which is what we wanted anyway.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * SIGSTOP or SIGCONT to the server and everything it forked, as `docker pause` freezes a whole
 * container: a paused PostgreSQL must not keep answering on connections its backends already hold.
 */
export function signalTree(server: ServerProcess, signal: 'SIGSTOP' | 'SIGCONT'): void {
  if (!isServerRunning(server)) return;
  for (const pid of processTree(server.identity.pid)) sendSignal(pid, signal);
}

/** The server's descendants now (sshd's per-connection sessions, say), not the server itself. */
export function descendantsOf(server: ServerProcess): number[] {
  if (!isServerRunning(server)) return [];
  return processTree(server.identity.pid).slice(1);
}

/** SIGKILL to processes found by descendantsOf, ignoring those already gone. */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) sendSignal(pid, 'SIGKILL');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isServerRunning(server: ServerProcess): boolean {
  if (server.child) return !server.child.hasExited();
  return isRunning(server.identity);
}

async function waitForExit(server: ServerProcess, timeoutMs: number): Promise<boolean> {
  if (server.child) {
    const timedOut = delay(timeoutMs).then(() => false);
    return Promise.race([server.child.exited.then(() => true), timedOut]);
  }
  const deadlineMs = Date.now() + timeoutMs;
  while (Date.now() < deadlineMs) {
    if (!isRunning(server.identity)) return true;
    await delay(POLL_INTERVAL_MS);
  }
  return !isRunning(server.identity);
}

/**
 * Asks the server to stop with its own graceful signal, then SIGKILL after graceMs, and waits
 * until it is gone. Does nothing when the PID no longer belongs to this server.
 */
export async function stopServer(
  server: ServerProcess,
  gracefulSignal: NodeJS.Signals,
  graceMs: number,
): Promise<void> {
  const { identity } = server;
  if (!isServerRunning(server)) return;
  // A paused server would not act on the signal: wake it and its children first.
  signalTree(server, 'SIGCONT');
  sendSignal(identity.pid, gracefulSignal);
  if (await waitForExit(server, graceMs)) return;

  sendSignal(identity.pid, 'SIGKILL');
  if (!(await waitForExit(server, KILL_WAIT_MS))) {
    throw new Error(`process ${identity.pid} (${identity.marker}) survived SIGKILL`);
  }
}
