// The level of a log line in the formats our containers write — Python logging, NestJS, gunicorn,
// PostgreSQL, Go/logfmt, JSON loggers (pino's numeric levels too), glog — and the bounded
// per-container summary a snapshot carries. Levels are read, never guessed from words in the
// message: "connection error" in an INFO line stays info.
import type { ContainerLogs, LevelCounts, LogLevel, LogLine } from '../../shared/snapshot';
import { MAX_LOG_LINE_CHARS, MAX_LOG_LINES_PER_CONTAINER } from '../../shared/snapshot';
import { guarded, splitLines, type Parsed } from './parse-result';

const levelWords: Record<string, LogLevel> = {
  FATAL: 'fatal',
  PANIC: 'fatal',
  CRITICAL: 'fatal',
  CRIT: 'fatal',
  EMERG: 'fatal',
  EMERGENCY: 'fatal',
  ALERT: 'fatal',
  ERROR: 'error',
  ERR: 'error',
  SEVERE: 'error',
  WARNING: 'warning',
  WARN: 'warning',
  NOTICE: 'info',
  INFO: 'info',
  LOG: 'info',
  DETAIL: 'info',
  HINT: 'info',
  STATEMENT: 'info',
  DEBUG: 'debug',
  TRACE: 'debug',
  VERBOSE: 'debug',
};

/** pino and bunyan write numbers: 10 trace … 60 fatal. */
function pinoLevel(level: number): LogLevel {
  if (level >= 60) return 'fatal';
  if (level >= 50) return 'error';
  if (level >= 40) return 'warning';
  if (level >= 30) return 'info';
  return 'debug';
}

function wordLevel(word: string | undefined): LogLevel | null {
  if (word === undefined) return null;
  return levelWords[word.toUpperCase().replace(/\d$/, '')] ?? null;
}

const WORDS = [
  'FATAL|PANIC|CRITICAL|CRIT|EMERG|ALERT',
  'ERROR|ERR|SEVERE|WARNING|WARN',
  'NOTICE|INFO|DEBUG|TRACE|VERBOSE',
].join('|');

/** Patterns in order of trust; the first that matches decides. */
const levelPatterns: RegExp[] = [
  // NestJS: `[Nest] 1234  - 02/18/2026, 9:40:01 PM   ERROR [ExceptionHandler] …`
  /^\[Nest\]\s+\d+\s+-\s+.*?\s(LOG|ERROR|WARN|DEBUG|VERBOSE|FATAL)\s+\[/,
  // logfmt and key=value loggers: `level=warn`
  /\blevel=["']?(\w+)/i,
  // gunicorn, many Java and Go loggers: `[INFO]`, `[CRITICAL]`
  new RegExp(`\\[(${WORDS})\\]`, 'i'),
  // PostgreSQL: `LOG:  …`, `FATAL:  …`, `DEBUG1:  …`
  /\b(PANIC|FATAL|ERROR|WARNING|NOTICE|INFO|LOG|DEBUG[1-5]?|DETAIL|HINT|STATEMENT):\s/,
  // Python's default `WARNING:root:…` and formatter `… - WARNING - …`
  new RegExp(`^(${WORDS}):\\S`),
  new RegExp(`\\s-\\s(${WORDS})\\s-\\s`),
  // A bare upper-case level word as its own token, early in the line
  new RegExp(`(?:^|[\\s|:\\]])(${WORDS})(?=[\\s:\\]|]|$)`),
];

/** The level of one line, or `unknown`. */
export function classifyLogLevel(line: string): LogLevel {
  const head = line.slice(0, 240);
  const json = /"(?:level|severity|lvl)"\s*:\s*("?)(\w+)\1/i.exec(head);
  if (json) {
    const value = json[2] ?? '';
    return /^\d+$/.test(value) ? pinoLevel(Number(value)) : (wordLevel(value) ?? 'unknown');
  }
  for (const pattern of levelPatterns) {
    const level = wordLevel(pattern.exec(head)?.[1]);
    if (level) return level;
  }
  // glog / klog: `E0218 21:53:00.123456 …`
  const glog = /^([IWEF])\d{4} \d\d:\d\d:\d\d/.exec(head)?.[1];
  return glogLevels[glog ?? ''] ?? 'unknown';
}

const glogLevels: Record<string, LogLevel> = { I: 'info', W: 'warning', E: 'error', F: 'fatal' };

export function emptyLevelCounts(): LevelCounts {
  return { fatal: 0, error: 0, warning: 0, info: 0, debug: 0, unknown: 0 };
}

/** `docker logs -t` puts an RFC 3339 time with nanoseconds first; milliseconds are enough. */
const DOCKER_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)\s/;

function dockerTime(line: string): string | null {
  const match = DOCKER_TIME.exec(line);
  if (!match) return null;
  const fraction = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
  const parsed = new Date(`${match[1]}.${fraction}${match[3]}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

function boundedText(line: string): string {
  return line.length <= MAX_LOG_LINE_CHARS ? line : `${line.slice(0, MAX_LOG_LINE_CHARS - 1)}…`;
}

/**
 * One container's new log lines as the snapshot carries them: every line counted by level, the
 * newest `maxLines` kept (cut to MAX_LOG_LINE_CHARS), the rest counted in `droppedLines`.
 */
export function summarizeLogs(
  text: string,
  maxLines = MAX_LOG_LINES_PER_CONTAINER,
): Parsed<ContainerLogs> {
  return guarded(
    () => ({ countsByLevel: emptyLevelCounts(), lines: [], droppedLines: 0 }),
    () => {
      const countsByLevel = emptyLevelCounts();
      const lines: LogLine[] = [];
      // Continuation lines (stack frames, wrapped messages) carry no level and count as
      // `unknown`: the counts are of lines. The Logs view keeps them with the line they
      // continue when filtering by level (linesOfLevels in renderer/logs/logs-model.ts).
      for (const line of splitLines(text)) {
        if (line.trim() === '') continue;
        const level = classifyLogLevel(line);
        countsByLevel[level] += 1;
        lines.push({ at: dockerTime(line), level, text: boundedText(line) });
      }
      const limit = Math.max(0, Math.min(maxLines, MAX_LOG_LINES_PER_CONTAINER));
      const kept = limit === 0 ? [] : lines.slice(-limit);
      return {
        value: { countsByLevel, lines: kept, droppedLines: lines.length - kept.length },
        problems: [],
      };
    },
  );
}
