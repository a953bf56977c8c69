// A server is ready when it answers its own protocol, not when some time has passed: sshd sends
// its banner, Redis answers PING, PostgreSQL runs a query with the plant's password.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import { isServerRunning, type ServerProcess } from './processes';

const ATTEMPT_TIMEOUT_MS = 1_000;
const RETRY_INTERVAL_MS = 30;
const LOG_TAIL_LINES = 15;

/** Connects, optionally sends a request, and resolves with what arrived once isComplete says so. */
function tcpExchange(
  address: string,
  port: number,
  request: string | undefined,
  isComplete: (received: string) => boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = net.connect({ host: address, port, timeout: ATTEMPT_TIMEOUT_MS });
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      if (request !== undefined) socket.write(request);
    });
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (!isComplete(received)) return;
      socket.destroy();
      resolve(received);
    });
    socket.on('timeout', () => fail(new Error(`no answer from ${address}:${port}`)));
    socket.on('error', fail);
    socket.on('close', () => reject(new Error(`${address}:${port} closed after "${received}"`)));
  });
}

export async function probeSshBanner(address: string, port: number): Promise<void> {
  const banner = await tcpExchange(address, port, undefined, (text) => text.includes('\n'));
  if (!banner.startsWith('SSH-2.0-')) throw new Error(`unexpected SSH banner: ${banner.trim()}`);
}

export async function probeRedisPing(address: string, port: number): Promise<void> {
  const reply = await tcpExchange(address, port, 'PING\r\n', (text) => text.includes('\r\n'));
  if (!reply.startsWith('+PONG')) throw new Error(`unexpected PING reply: ${reply.trim()}`);
}

export interface PostgresLogin {
  address: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export async function probePostgresQuery(login: PostgresLogin): Promise<void> {
  const client = new pg.Client({
    host: login.address,
    port: login.port,
    user: login.user,
    password: login.password,
    database: login.database,
    connectionTimeoutMillis: ATTEMPT_TIMEOUT_MS,
  });
  // pg emits 'error' on the client when the server drops the connection; the query rejects anyway.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

function logTail(logPath: string): string {
  try {
    return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface ReadinessWait {
  label: string;
  server: ServerProcess;
  logPath: string;
  timeoutMs: number;
  probe: () => Promise<void>;
}

/** Retries the probe until it succeeds; fails early, with the log, when the server has died. */
export async function waitUntilReady(wait: ReadinessWait): Promise<void> {
  const deadlineMs = Date.now() + wait.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadlineMs) {
    try {
      await wait.probe();
      return;
    } catch (error) {
      lastError = error;
    }
    if (!isServerRunning(wait.server)) {
      throw new Error(
        `${wait.label} exited during startup. ${wait.logPath}:\n${logTail(wait.logPath)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_INTERVAL_MS));
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(
    `${wait.label} not ready after ${wait.timeoutMs} ms (${reason}). ${wait.logPath}:\n` +
      logTail(wait.logPath),
  );
}
