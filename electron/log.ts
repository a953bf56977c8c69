// One logger per module (`createLogger('ssh')`), pino underneath: fixed levels, ISO times,
// and redaction of anything secret-shaped before a line is written anywhere.
import { mkdirSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
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
  /** Log file; by default `<data directory>/logs/control-room.log`. `null` writes nowhere. */
  file?: string | null;
}

let root: pino.Logger | undefined;

/** Sets up the process's root logger once; later calls return the same one. */
export function configureLogging(options: LogOptions = {}): pino.Logger {
  if (root) return root;
  const level =
    options.level ?? (process.env.CONTROL_ROOM_LOG_LEVEL as pino.LevelWithSilent) ?? 'info';
  const file =
    options.file === undefined ? join(dataDirectory(), 'logs', 'control-room.log') : options.file;
  const destination =
    file === null ? pino.destination({ dest: '/dev/null', sync: true }) : openLogFile(file);
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
    destination,
  );
  return root;
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

/** A child logger that prefixes every line with its module name: `{"module":"ssh",…}`. */
export function createLogger(module: string): pino.Logger {
  const parent = root ?? configureLogging({ file: process.env.VITEST ? null : undefined });
  return parent.child({ module });
}
