// One logger per module (`createLogger('ssh')`), pino underneath: fixed levels, ISO times,
// and redaction of anything secret-shaped before a line is written anywhere.
import { mkdirSync, readdirSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import pino from 'pino';

export type Logger = pino.Logger;

/** Field names whose values never reach a log line, at any depth pino's redaction reaches. */
const secretKeys = [
  'password',
  'passphrase',
  'token',
  'secret',
  'privateKey',
  'authorization',
  'cookie',
];
const redactPaths = secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

const secretWords = 'password|passwd|pwd|token|secret|passphrase';

/** Secret-shaped text in strings: key=value pairs, bearer tokens, PEM blocks, URL userinfo. */
const secretPatterns: [RegExp, string][] = [
  [
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    '[private key]',
  ],
  [
    new RegExp(`(\\w*(?:${secretWords})\\w*)(\\s*[=:]\\s*)("[^"]*"|'[^']*'|[^\\s&,;]+)`, 'gi'),
    '$1$2[redacted]',
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, '$1[redacted]@'],
];

/** Removes secret-shaped text from a string; other outputs (audit, bundles) share it. */
export function redactText(text: string): string {
  return secretPatterns.reduce(
    (current, [pattern, replacement]) => current.replace(pattern, replacement),
    text,
  );
}

/** The app's data directory: CONTROL_ROOM_DATA_DIR, else the platform's usual place. */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONTROL_ROOM_DATA_DIR) return env.CONTROL_ROOM_DATA_DIR;
  const home = homedir();
  if (platform() === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'VisionKing Control Room');
  if (platform() === 'darwin')
    return join(home, 'Library', 'Application Support', 'VisionKing Control Room');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'visionking-control-room');
}

export interface LogOptions {
  /** Minimum level written; CONTROL_ROOM_LOG_LEVEL overrides the default `info`. */
  level?: pino.LevelWithSilent;
  /**
   * One log file written as is, never rotated (tests, tools). `null` writes nowhere. When not
   * given, the log rotates in `directory` (see `rotation`).
   */
  file?: string | null;
  /** Folder of the rotating log; by default `<data directory>/logs`. */
  directory?: string;
  rotation?: LogRotation;
}

export interface LogRotation {
  /** A file that reaches this size is closed and the next one opened. */
  maxFileBytes: number;
  /** Closed files kept besides the one being written; older ones are deleted. */
  keptFiles: number;
}

/** 10 MiB a file, five closed files kept: about a week of a busy plant at `info`. */
export const defaultRotation: LogRotation = { maxFileBytes: 10 * 1024 * 1024, keptFiles: 5 };

/** Rotating log files are `control-room.<N>.log`, N growing by one at every rotation. */
const LOG_BASE_NAME = 'control-room';
const rotatedNamePattern = new RegExp(`^${LOG_BASE_NAME}\\.(\\d+)\\.log$`);

/** The folder of the rotating log for this environment. */
export function logDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDirectory(env), 'logs');
}

/** The rotating log's files in `directory`, oldest first (an absent folder has none). */
export function rotatedLogFiles(directory: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, number: Number(rotatedNamePattern.exec(name)?.[1] ?? NaN) }))
    .filter((entry) => Number.isInteger(entry.number))
    .sort((left, right) => left.number - right.number)
    .map((entry) => join(directory, entry.name));
}

/** pino-roll ships no types; this is the part of its factory the log uses. */
type PinoRoll = (options: {
  file: string;
  extension: string;
  size: string;
  limit: { count: number; removeOtherLogFiles: boolean };
  mkdir: boolean;
}) => Promise<pino.DestinationStream>;
const pinoRoll = createRequire(import.meta.url)('pino-roll') as PinoRoll;

let root: pino.Logger | undefined;

/** Sets up the process's root logger once; later calls return the same one. */
export function configureLogging(options: LogOptions = {}): pino.Logger {
  if (root) return root;
  const level =
    options.level ?? (process.env.CONTROL_ROOM_LOG_LEVEL as pino.LevelWithSilent) ?? 'info';
  root = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      hooks: {
        // Strings passed as the message or as extra arguments are scrubbed too.
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    chooseDestination(options),
  );
  return root;
}

function chooseDestination(options: LogOptions): pino.DestinationStream {
  if (options.file === null) return pino.destination({ dest: '/dev/null', sync: true });
  if (options.file !== undefined) return openLogFile(options.file);
  return openRotatingLog(options.directory ?? logDirectory(), options.rotation ?? defaultRotation);
}

/** Errors keep kind and code; messages are scrubbed since drivers quote connection strings. */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactText(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: redactText(error.message),
    ...(code === undefined ? {} : { code }),
  };
}

function openLogFile(file: string): pino.DestinationStream {
  mkdirSync(join(file, '..'), { recursive: true });
  return pino.destination({ dest: file, sync: false, mkdir: true });
}

/**
 * pino-roll opens its first file asynchronously while loggers are made synchronously: lines
 * written before it is open wait in memory (at most `maxPendingLines`, then the oldest go).
 */
export function openRotatingLog(
  directory: string,
  rotation: LogRotation,
): pino.DestinationStream & { ready: Promise<void> } {
  const maxPendingLines = 10_000;
  let pending: string[] | null = [];
  let target: pino.DestinationStream | null = null;
  const ready = pinoRoll({
    file: join(directory, LOG_BASE_NAME),
    extension: '.log',
    size: `${Math.max(1, Math.ceil(rotation.maxFileBytes / 1024))}k`,
    limit: { count: rotation.keptFiles, removeOtherLogFiles: true },
    mkdir: true,
  }).then(
    (stream) => {
      target = stream;
      for (const line of pending ?? []) stream.write(line);
      pending = null;
    },
    (error: unknown) => {
      // No log file is no reason to stop the app; say so once where someone may see it.
      process.stderr.write(`control-room: cannot open the log in ${directory}: ${error}\n`);
      pending = null;
    },
  );
  return {
    ready,
    write(line: string) {
      if (target) return void target.write(line);
      if (!pending) return;
      pending.push(line);
      if (pending.length > maxPendingLines) pending.shift();
    },
  };
}

/** A child logger that prefixes every line with its module name: `{"module":"ssh",…}`. */
export function createLogger(module: string): pino.Logger {
  const parent = root ?? configureLogging({ file: process.env.VITEST ? null : undefined });
  return parent.child({ module });
}
