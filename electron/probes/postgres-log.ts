// PostgreSQL server logs as they reach us: `docker logs` (with or without `-t`), `docker compose
// logs` (`db-1  | ...`), syslog (`postgres[3329]: [8-2]` split lines) and csvlog. Each entry keeps
// its own timestamp, pid and severity; DETAIL/HINT lines and indented continuations join the
// entry above. Lines that are not PostgreSQL's (entrypoint chatter) are counted, not reported.
import type { PostgresLogError } from '../../shared/snapshot';
import { guarded, problem, splitLines, type Parsed, type ParseProblem } from './parse-result';

export const postgresSeverities = [
  'PANIC',
  'FATAL',
  'ERROR',
  'WARNING',
  'NOTICE',
  'INFO',
  'LOG',
  'DEBUG',
] as const;
export type PostgresSeverity = (typeof postgresSeverities)[number];

export interface PostgresLogEntry {
  /** 1-based line where the entry starts. */
  line: number;
  /** Compose service (`db-1`) or syslog host, when a prefix names one. */
  source: string | null;
  /** PostgreSQL's own timestamp in UTC; null when absent or in an unknown time zone. */
  at: string | null;
  timeText: string | null;
  pid: number | null;
  severity: PostgresSeverity;
  message: string;
  /** DETAIL, HINT, CONTEXT, STATEMENT lines and indented continuations, in order. */
  details: string[];
  user: string | null;
  database: string | null;
}

export interface PostgresLog {
  entries: PostgresLogEntry[];
  /** Lines that are not PostgreSQL's (e.g. `PostgreSQL Database directory appears to…`). */
  otherLines: number;
}

/** Severities PostgreSQL writes as a second line of the entry above. */
const DETAIL_LABELS = ['DETAIL', 'HINT', 'CONTEXT', 'STATEMENT', 'QUERY', 'LOCATION'];

// TODO(#3): a zone abbreviation missing here leaves `at` null; reading the server's log_timezone
// setting once per node would place every line.
const zoneOffsets: Record<string, string> = {
  UTC: '+00:00',
  GMT: '+00:00',
  Z: '+00:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
  BRT: '-03:00',
  BRST: '-02:00',
  CET: '+01:00',
  CEST: '+02:00',
};

/** `2010-02-10 09:03:26.918` + `EST` → UTC ISO time; null for a zone we cannot place. */
export function postgresTimeToIso(
  date: string,
  time: string,
  zone: string | undefined,
): string | null {
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone ?? '');
  const offset = numeric
    ? `${numeric[1]}${numeric[2]}:${numeric[3] ?? '00'}`
    : zoneOffsets[zone ?? 'UTC'];
  if (offset === undefined) return null;
  const parsed = new Date(`${date}T${time}${offset}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

interface Prefixes {
  body: string;
  source: string | null;
  /** Syslog splits long messages into `[n-1]`, `[n-2]`, …; parts after the first continue. */
  syslogContinuation: boolean;
  syslogPid: number | null;
}

const COMPOSE_PREFIX = /^([A-Za-z0-9][\w.-]*)\s+\|\s?(.*)$/;
const DOCKER_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)\s(.*)$/;
const SYSLOG_PREFIX =
  /^[A-Z][a-z]{2}\s+\d{1,2}\s\d\d:\d\d:\d\d\s(\S+)\s\S+?\[(\d+)\]:\s\[\d+-(\d+)\]\s?(.*)$/;

function stripPrefixes(line: string): Prefixes {
  let body = line;
  let source: string | null = null;
  const compose = COMPOSE_PREFIX.exec(body);
  if (compose) [source, body] = [compose[1] ?? null, compose[2] ?? ''];
  const docker = DOCKER_TIMESTAMP.exec(body);
  if (docker) body = docker[1] ?? '';
  const syslog = SYSLOG_PREFIX.exec(body);
  if (!syslog) return { body, source, syslogContinuation: false, syslogPid: null };
  return {
    body: syslog[4] ?? '',
    source: syslog[1] ?? null,
    syslogContinuation: syslog[3] !== '1',
    syslogPid: Number(syslog[2]),
  };
}

// `2024-02-24 02:25:28.803 UTC [41] FATAL:  message`: date, time, zone, log_line_prefix, severity.
const STDERR_LINE = new RegExp(
  [
    '^(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)',
    '(?: ([A-Z]{1,5}|[+-]\\d\\d(?::?\\d\\d)?))?\\s+(.*?)',
    '\\b(PANIC|FATAL|ERROR|WARNING|NOTICE|INFO|LOG|DEBUG[1-5]?',
    '|DETAIL|HINT|CONTEXT|STATEMENT|QUERY|LOCATION):\\s+(.*)$',
  ].join(''),
);
const BARE_LINE =
  /^(PANIC|FATAL|ERROR|WARNING|NOTICE|INFO|LOG|DEBUG[1-5]?|DETAIL|HINT|CONTEXT|STATEMENT):\s+(.*)$/;
const CSV_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [A-Za-z0-9+-]+,/;

/** Parses a log; never throws. Problems name lines that look like PostgreSQL's but are not. */
export function parsePostgresLog(text: string): Parsed<PostgresLog> {
  return guarded(
    () => ({ entries: [], otherLines: 0 }),
    () => {
      const log: PostgresLog = { entries: [], otherLines: 0 };
      const problems: ParseProblem[] = [];
      const lines = splitLines(text);
      for (let index = 0; index < lines.length; index += 1) {
        const record = joinQuotedLines(lines, index);
        readLine(record.text, index + 1, log, problems);
        index = record.lastIndex;
      }
      return { value: log, problems };
    },
  );
}

/** A csvlog record may hold newlines inside quotes: join lines until the quotes balance. */
function joinQuotedLines(lines: string[], start: number): { text: string; lastIndex: number } {
  let text = lines[start] ?? '';
  let index = start;
  if (!CSV_LINE.test(stripPrefixes(text).body)) return { text, lastIndex: index };
  while (countQuotes(text) % 2 === 1 && index + 1 < lines.length) {
    index += 1;
    text += `\n${lines[index]}`;
  }
  return { text, lastIndex: index };
}

function countQuotes(text: string): number {
  return text.split('"').length - 1;
}

function readLine(line: string, lineNumber: number, log: PostgresLog, problems: ParseProblem[]) {
  if (line.trim() === '') return;
  const prefixes = stripPrefixes(line);
  const previous = log.entries[log.entries.length - 1];
  if (prefixes.syslogContinuation && previous) {
    previous.message += ` ${prefixes.body.trim()}`;
    return;
  }
  const entry = entryFromBody(prefixes, lineNumber);
  if (entry === 'detail') return attachDetail(prefixes.body, previous, log);
  if (entry) return void log.entries.push(entry);
  if (/^\s/.test(prefixes.body) && previous)
    return void previous.details.push(prefixes.body.trim());
  if (/^\d{4}-\d\d-\d\d/.test(prefixes.body)) {
    problems.push(problem(lineNumber, 'dated line in no PostgreSQL log format we know'));
  } else {
    log.otherLines += 1;
  }
}

function attachDetail(body: string, previous: PostgresLogEntry | undefined, log: PostgresLog) {
  const detail = /(DETAIL|HINT|CONTEXT|STATEMENT|QUERY|LOCATION):\s+(.*)$/.exec(body);
  if (previous && detail) previous.details.push(`${detail[1]}: ${detail[2]}`);
  else log.otherLines += 1;
}

function entryFromBody(prefixes: Prefixes, line: number): PostgresLogEntry | 'detail' | null {
  const { body } = prefixes;
  if (CSV_LINE.test(body)) return entryFromCsv(body, prefixes, line);
  const stderr = STDERR_LINE.exec(body);
  if (stderr) {
    if (DETAIL_LABELS.includes(stderr[5] ?? '')) return 'detail';
    return entryFromStderr(stderr, prefixes, line);
  }
  const bare = BARE_LINE.exec(body);
  if (!bare) return null;
  if (DETAIL_LABELS.includes(bare[1] ?? '')) return 'detail';
  return {
    ...emptyEntry(line, prefixes),
    severity: toSeverity(bare[1] ?? 'LOG'),
    message: bare[2] ?? '',
  };
}

function emptyEntry(line: number, prefixes: Prefixes): PostgresLogEntry {
  return {
    line,
    source: prefixes.source,
    at: null,
    timeText: null,
    pid: prefixes.syslogPid,
    severity: 'LOG',
    message: '',
    details: [],
    user: null,
    database: null,
  };
}

function toSeverity(text: string): PostgresSeverity {
  const upper = text.toUpperCase().replace(/\d$/, '');
  return (postgresSeverities as readonly string[]).includes(upper)
    ? (upper as PostgresSeverity)
    : 'LOG';
}

/** `[41] ` or a custom log_line_prefix such as `c=4b72bcae.d01,u=fred,D=fred `. */
function entryFromStderr(match: RegExpExecArray, prefixes: Prefixes, line: number) {
  const [, date = '', time = '', zone, linePrefix = '', severity = 'LOG', message = ''] = match;
  const pid = /\[(\d+)\]/.exec(linePrefix)?.[1];
  return {
    ...emptyEntry(line, prefixes),
    at: postgresTimeToIso(date, time, zone),
    timeText: `${date} ${time}${zone ? ` ${zone}` : ''}`,
    pid: pid === undefined ? prefixes.syslogPid : Number(pid),
    severity: toSeverity(severity),
    message,
    user: knownName(/(?:^|[\s,])(?:u|user)=([^,\s]+)/.exec(linePrefix)?.[1]),
    database: knownName(/(?:^|[\s,])(?:D|d|db|database)=([^,\s]+)/.exec(linePrefix)?.[1]),
  };
}

/** PostgreSQL writes `[unknown]` before authentication has named the user or database. */
function knownName(name: string | undefined): string | null {
  return name === undefined || name === '' || name === '[unknown]' ? null : name;
}

/** csvlog columns (PostgreSQL 9.0+): time, user, database, pid, severity (11), message (13). */
function entryFromCsv(body: string, prefixes: Prefixes, line: number): PostgresLogEntry {
  const fields = splitCsv(body);
  const [date = '', time = '', zone] = (fields[0] ?? '').split(' ');
  const detail = fields[14] ? [`DETAIL: ${fields[14]}`] : [];
  const hint = fields[15] ? [`HINT: ${fields[15]}`] : [];
  return {
    ...emptyEntry(line, prefixes),
    at: postgresTimeToIso(date, time, zone),
    timeText: fields[0] ?? null,
    pid: fields[3] ? Number(fields[3]) : null,
    severity: toSeverity(fields[11] ?? 'LOG'),
    message: fields[13] ?? '',
    details: [...detail, ...hint],
    user: knownName(fields[1]),
    database: knownName(fields[2]),
  };
}

/** RFC 4180 fields: quoted fields may hold commas, newlines and doubled quotes. */
export function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (quoted && character === '"' && line[index + 1] === '"') {
      field += '"';
      index += 1;
    } else if (character === '"') {
      quoted = !quoted;
    } else if (character === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += character;
    }
  }
  fields.push(field);
  return fields;
}

const ERROR_SEVERITIES = ['PANIC', 'FATAL', 'ERROR'] as const;

/**
 * Distinct error messages with their counts and first/last times, most frequent first — the
 * shape the snapshot carries (e.g. `FATAL database "visionking" does not exist` × 12).
 */
export function summarizePostgresErrors(entries: PostgresLogEntry[]): PostgresLogError[] {
  const groups = new Map<string, PostgresLogError>();
  for (const entry of entries) {
    const severity = ERROR_SEVERITIES.find((candidate) => candidate === entry.severity);
    if (!severity) continue;
    const key = `${severity} ${entry.message}`;
    const group = groups.get(key) ?? {
      severity,
      message: entry.message,
      count: 0,
      firstAt: entry.at,
      lastAt: entry.at,
    };
    group.count += 1;
    group.lastAt = entry.at ?? group.lastAt;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
