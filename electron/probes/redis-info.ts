// Redis `INFO` output (also KeyDB, managed clouds and Pika): `# Section` headers, `key:value`
// lines and the Keyspace lines `db0:keys=4,expires=0,avg_ttl=0`. Vendors add fields, mask values
// (`process_id:33***`) and write non-numeric versions; the parser keeps every value as text and
// only the summary fields are read as numbers, each with its own problem when unreadable.
import type { MissingMap, RedisDatabase } from '../../shared/snapshot';
import {
  guarded,
  problem,
  reason,
  splitLines,
  toNumber,
  type Parsed,
  type ParseProblem,
} from './parse-result';

export interface RedisInfo {
  /** Section name (as written, e.g. `Replication(MASTER)`) → key → value text. */
  sections: Record<string, Record<string, string>>;
  /** Databases listed in Keyspace, in db order. Redis leaves out empty ones. */
  keyspace: RedisDatabase[];
  version: string | null;
  uptimeSeconds: number | null;
  usedMemoryBytes: number | null;
  connectedClients: number | null;
  missing: MissingMap;
}

/** Parses INFO (any sections); never throws. */
export function parseRedisInfo(text: string): Parsed<RedisInfo> {
  return guarded(emptyInfo, () => {
    const info = emptyInfo();
    const problems: ParseProblem[] = [];
    let section = '';
    splitLines(text).forEach((raw, index) => {
      const line = raw.trim();
      const header = /^#\s*([A-Za-z][\w()]*)\s*$/.exec(line);
      if (header) section = header[1] ?? '';
      else if (line !== '' && !isIgnorable(line)) {
        readInfoLine(line, section, index + 1, info, problems);
      }
    });
    const empty = Object.keys(info.sections).length === 0 && info.keyspace.length === 0;
    if (empty) problems.push(problem(null, 'no INFO fields'));
    return { value: summarize(info, problems), problems };
  });
}

function emptyInfo(): RedisInfo {
  return {
    sections: {},
    keyspace: [],
    version: null,
    uptimeSeconds: null,
    usedMemoryBytes: null,
    connectedClients: null,
    missing: {},
  };
}

/** RESP bulk-length lines (`$4050`) from raw protocol captures, and `# Time:…` notes (Pika). */
function isIgnorable(line: string): boolean {
  return /^\$\d+$/.test(line) || /^#\s*\w+:/.test(line);
}

function readInfoLine(
  line: string,
  section: string,
  lineNumber: number,
  info: RedisInfo,
  problems: ParseProblem[],
): void {
  const keyspace = readKeyspaceLine(line);
  if (keyspace) {
    mergeDatabase(info.keyspace, keyspace);
    return;
  }
  const colon = line.indexOf(':');
  if (colon <= 0) {
    problems.push(problem(lineNumber, `not a key:value line: "${line.slice(0, 60)}"`));
    return;
  }
  const fields = (info.sections[section] ??= {});
  fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
}

/**
 * `db0:keys=4,expires=0,avg_ttl=0` (Redis) or `db0 Strings_keys=0, expires=0, invalid_keys=0`
 * (Pika, one line per data type, summed).
 */
export function readKeyspaceLine(line: string): RedisDatabase | null {
  const match = /^db(\d+)[:\s]\s*(.*)$/.exec(line);
  if (!match) return null;
  const pairs = Object.fromEntries(
    (match[2] ?? '').split(/,\s*/).map((pair) => {
      const [key = '', value = ''] = pair.split('=');
      return [key.trim(), toNumber(value)];
    }),
  );
  const keyName = Object.keys(pairs).find((key) => key === 'keys' || key.endsWith('_keys'));
  const keys = keyName === undefined ? null : pairs[keyName];
  if (keys === null || keys === undefined) return null;
  return { db: Number(match[1]), keys, expires: pairs.expires ?? 0, avgTtlMs: pairs.avg_ttl ?? 0 };
}

function mergeDatabase(databases: RedisDatabase[], addition: RedisDatabase): void {
  const existing = databases.find((database) => database.db === addition.db);
  if (!existing) {
    databases.push(addition);
    databases.sort((a, b) => a.db - b.db);
    return;
  }
  existing.keys += addition.keys;
  existing.expires += addition.expires;
}

function field(info: RedisInfo, key: string): string | undefined {
  for (const fields of Object.values(info.sections)) if (key in fields) return fields[key];
  return undefined;
}

function summarize(info: RedisInfo, problems: ParseProblem[]): RedisInfo {
  const missing: MissingMap = {};
  const version = field(info, 'redis_version') ?? field(info, 'pika_version') ?? null;
  if (version === null) missing.version = reason('unavailable', 'no redis_version field');
  const numbers = {
    uptimeSeconds: 'uptime_in_seconds',
    usedMemoryBytes: 'used_memory',
    connectedClients: 'connected_clients',
  } as const;
  const values = {} as Record<keyof typeof numbers, number | null>;
  for (const [name, key] of Object.entries(numbers) as [keyof typeof numbers, string][]) {
    const text = field(info, key);
    values[name] = toNumber(text);
    if (text === undefined) missing[name] = reason('unavailable', `no ${key} field`);
    else if (values[name] === null) {
      missing[name] = reason('unparsed', `${key}: "${text}"`);
      problems.push(problem(null, `not a number: "${text}"`, key));
    }
  }
  return { ...info, version, ...values, missing };
}

/**
 * Key counts for the databases a node is expected to use (VisionKing uses DB0–DB3). A database
 * INFO leaves out has no keys: that is a real 0, not a missing value.
 */
export function keyCountsFor(keyspace: RedisDatabase[], databases: number[]): RedisDatabase[] {
  return databases.map(
    (db) =>
      keyspace.find((database) => database.db === db) ?? { db, keys: 0, expires: 0, avgTtlMs: 0 },
  );
}
