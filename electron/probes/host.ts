// Host facts read over SSH: Docker and Compose versions, uptime and load, disks and memory.
// Each parser takes one command's output (`docker version --format json`, `uptime`, `df -PT -B1`,
// `free -b`, /proc files) and returns what it read plus the problems it met.
import type { Disk, MissingMap } from '../../shared/snapshot';
import {
  asRecord,
  asString,
  guarded,
  parseJson,
  problem,
  reason,
  splitLines,
  toNumber,
  type Parsed,
  type ParseProblem,
} from './parse-result';
import { parseByteSize, parsePercent } from './units';

// -- versions -------------------------------------------------------------------------------------

export interface DockerVersion {
  clientVersion: string | null;
  serverVersion: string | null;
  apiVersion: string | null;
  kernelVersion: string | null;
}

/** `docker version --format json`, or a bare version (`--format '{{.Server.Version}}'`). */
export function parseDockerVersion(text: string): Parsed<DockerVersion> {
  const empty = (): DockerVersion => ({
    clientVersion: null,
    serverVersion: null,
    apiVersion: null,
    kernelVersion: null,
  });
  return guarded(empty, () => {
    const bare = /^\s*v?(\d+\.\d+\.\d+\S*)\s*$/.exec(text);
    if (bare) return { value: { ...empty(), serverVersion: bare[1] ?? null }, problems: [] };
    const json = parseJson(text);
    const body = asRecord(json.value);
    if (!body) return { value: empty(), problems: json.problems };
    const server = asRecord(body.Server);
    const version: DockerVersion = {
      clientVersion: asString(asRecord(body.Client)?.Version),
      serverVersion: asString(server?.Version),
      apiVersion: asString(server?.ApiVersion),
      kernelVersion: asString(server?.KernelVersion),
    };
    // The client prints no Server block when the daemon is not running or not reachable.
    const problems = server ? [] : [problem(null, 'no Server block (daemon unreachable?)')];
    return { value: version, problems };
  });
}

/**
 * `docker compose version` (`Docker Compose version v2.32.4`) or the v1 `docker-compose version
 * 1.29.2, build 5becea4c`; the version without its `v`.
 */
export function parseComposeVersion(text: string): Parsed<string | null> {
  return guarded(
    () => null,
    () => {
      const lines = splitLines(text);
      for (const line of lines) {
        const match = /^(?:Docker Compose|docker-compose) version:? v?(\d+\.\d+\.\d+[^\s,]*)/i.exec(
          line.trim(),
        );
        if (match) return { value: match[1] ?? null, problems: [] };
      }
      const first = lines.findIndex((line) => line.trim() !== '');
      if (first === -1) return { value: null, problems: [problem(null, 'empty output')] };
      const message = `no Compose version in "${lines[first]?.trim().slice(0, 80)}"`;
      return { value: null, problems: [problem(first + 1, message)] };
    },
  );
}

// -- uptime and load ------------------------------------------------------------------------------

export interface UptimeReading {
  uptimeSeconds: number | null;
  users: number | null;
  load1: number | null;
  load5: number | null;
  load15: number | null;
}

/** `/proc/uptime`: `350735.47 234388.90` (seconds up, idle seconds summed over CPUs). */
export function parseProcUptime(text: string): Parsed<number | null> {
  const seconds = toNumber(text.trim().split(/\s+/)[0]);
  if (seconds === null) {
    return {
      value: null,
      problems: [problem(1, `not /proc/uptime: "${text.trim().slice(0, 40)}"`)],
    };
  }
  // A clock cannot have run backwards since boot: a negative uptime is not a reading.
  if (seconds < 0) return { value: null, problems: [problem(1, `negative uptime: ${seconds} s`)] };
  return { value: seconds, problems: [] };
}

/** `/proc/loadavg`: `0.00 0.01 0.05 1/123 4567`. */
export function parseLoadavg(
  text: string,
): Parsed<{ load1: number; load5: number; load15: number } | null> {
  const [load1, load5, load15] = text.trim().split(/\s+/).map(toNumber);
  if (load1 == null || load5 == null || load15 == null) {
    return { value: null, problems: [problem(1, 'not /proc/loadavg')] };
  }
  return { value: { load1, load5, load15 }, problems: [] };
}

const UPTIME_LINE =
  /\bup\s+(.*?),\s+(\d+)\s+users?,\s+load averages?:\s*([\d.]+),?\s+([\d.]+),?\s+([\d.]+)/;

/** `uptime`: ` 12:44:19 up 1 day, 23:12,  0 user,  load average: 3.94, 4.43, 2.75`. */
export function parseUptime(text: string): Parsed<UptimeReading> {
  return guarded(
    () => ({ uptimeSeconds: null, users: null, load1: null, load5: null, load15: null }),
    () => {
      const match = UPTIME_LINE.exec(text);
      if (!match) {
        const reading = {
          uptimeSeconds: null,
          users: null,
          load1: null,
          load5: null,
          load15: null,
        };
        return { value: reading, problems: [problem(1, 'not an uptime line')] };
      }
      const reading: UptimeReading = {
        uptimeSeconds: durationSeconds(match[1] ?? ''),
        users: Number(match[2]),
        load1: Number(match[3]),
        load5: Number(match[4]),
        load15: Number(match[5]),
      };
      const problems =
        reading.uptimeSeconds === null ? [problem(1, `duration "${match[1]}"`, 'up')] : [];
      return { value: reading, problems };
    },
  );
}

/** `1 day, 23:12`, `16:03`, `5 min`, `3 days, 4 min`, `2 days` → seconds. */
function durationSeconds(text: string): number | null {
  let seconds = 0;
  for (const part of text.split(',').map((piece) => piece.trim())) {
    const days = /^(\d+) days?$/.exec(part);
    const minutes = /^(\d+) min$/.exec(part);
    const clock = /^(\d+):(\d\d)$/.exec(part);
    if (days) seconds += Number(days[1]) * 86_400;
    else if (minutes) seconds += Number(minutes[1]) * 60;
    else if (clock) seconds += Number(clock[1]) * 3600 + Number(clock[2]) * 60;
    else return null;
  }
  return seconds;
}

// -- df -------------------------------------------------------------------------------------------

/** Bytes per block from a df header: `1B-blocks`, `1K-blocks`, `1024-blocks`, `Size` (human). */
function blockBytes(header: string[]): number | null {
  const blocks = header.find((cell) => /-blocks$/i.test(cell));
  if (!blocks) return header.some((cell) => /^Size$/i.test(cell)) ? null : 1024;
  const size = blocks.replace(/-blocks$/i, '');
  return /^\d+$/.test(size) ? Number(size) : parseByteSize(size);
}

/**
 * `df -P`, `df -PT`, `df -B1`, `df -h`. Columns are found by whitespace, so a long device name
 * that shifts a line's alignment still reads; a mount point may contain spaces (the rest of the
 * line). Pseudo filesystems print `-` as capacity: usedPct is then null, not 0.
 */
export function parseDf(text: string): Parsed<Disk[]> {
  return guarded(
    () => [],
    () => {
      const lines = splitLines(text);
      const header = (lines[0] ?? '').trim().split(/\s+/);
      if (!/^Filesystem$/i.test(header[0] ?? '')) {
        return { value: [], problems: [problem(1, 'no df header (Filesystem …)')] };
      }
      const hasType = /^Type$/i.test(header[1] ?? '');
      const problems: ParseProblem[] = [];
      const disks = joinWrappedRows(lines.slice(1))
        .map((row) => diskFromRow(row, hasType, blockBytes(header), problems))
        .filter((disk): disk is Disk => disk !== null);
      return { value: disks, problems };
    },
  );
}

interface DfRow {
  line: number;
  text: string;
}

/** Without -P, df wraps a long device name onto its own line; join it with the next. */
function joinWrappedRows(lines: string[]): DfRow[] {
  const rows: DfRow[] = [];
  let pending: DfRow | null = null;
  lines.forEach((line, index) => {
    const text = line.trim();
    if (text === '') return;
    if (pending) {
      rows.push({ line: pending.line, text: `${pending.text} ${text}` });
      pending = null;
    } else if (!/\s/.test(text)) pending = { line: index + 2, text };
    else rows.push({ line: index + 2, text });
  });
  if (pending) rows.push(pending);
  return rows;
}

/** The first `count` whitespace-separated cells and the rest of the line, spaces kept. */
function leadingCells(text: string, count: number): { cells: string[]; rest: string } {
  const cells: string[] = [];
  let rest = text;
  while (cells.length < count && rest !== '') {
    const match = /^(\S+)\s*/.exec(rest);
    if (!match) break;
    cells.push(match[1] ?? '');
    rest = rest.slice(match[0].length);
  }
  return { cells, rest };
}

function diskFromRow(
  row: DfRow,
  hasType: boolean,
  bytesPerBlock: number | null,
  problems: ParseProblem[],
): Disk | null {
  const offset = hasType ? 2 : 1;
  const { cells, rest: mount } = leadingCells(row.text, offset + 4);
  const [size, used, available, capacity] = cells.slice(offset);
  if (capacity === undefined || mount === '') {
    const found = cells.length + (mount === '' ? 0 : 1);
    problems.push(problem(row.line, `expected ${offset + 5} columns, found ${found}`));
    return null;
  }
  const amount = (cell: string | undefined) =>
    bytesPerBlock === null ? parseByteSize(cell ?? '') : scaled(toNumber(cell), bytesPerBlock);
  const disk = {
    mount,
    filesystem: cells[0] ?? null,
    sizeBytes: amount(size),
    usedBytes: amount(used),
    availableBytes: amount(available),
    usedPct: capacity === '-' ? null : parsePercent(capacity),
  };
  return { ...disk, missing: diskReasons(disk, capacity, row.line, problems) };
}

function scaled(value: number | null, factor: number): number | null {
  return value === null ? null : value * factor;
}

function diskReasons(
  disk: Omit<Disk, 'missing'>,
  capacity: string,
  line: number,
  problems: ParseProblem[],
): MissingMap {
  const missing: MissingMap = {};
  for (const [field, value] of Object.entries(disk)) {
    if (value !== null) continue;
    if (field === 'usedPct' && capacity === '-') {
      missing[field] = reason('not-applicable', 'pseudo filesystem (df prints "-")');
      continue;
    }
    missing[field] = reason('unparsed', 'df column not readable');
    problems.push(problem(line, 'not a number', field));
  }
  return missing;
}

// -- memory ---------------------------------------------------------------------------------------

export interface MemoryReading {
  memTotalBytes: number | null;
  memUsedBytes: number | null;
  memFreeBytes: number | null;
  memAvailableBytes: number | null;
  swapTotalBytes: number | null;
  swapUsedBytes: number | null;
  missing: MissingMap;
}

/**
 * `free` in any of its forms: `-b` (pass unitBytes 1), default KiB (1024), `-m` (1048576), or
 * `-h` (suffixed values, unitBytes ignored). procps before 3.3.10 has no `available` column: the
 * value is then null with that reason rather than estimated.
 */
export function parseFree(text: string, unitBytes = 1): Parsed<MemoryReading> {
  return guarded(emptyMemory, () => {
    const lines = splitLines(text);
    const header = (lines[0] ?? '').trim().split(/\s+/);
    const rows = Object.fromEntries(
      lines.slice(1).map((line) => {
        const [label = '', ...cells] = line.trim().split(/\s+/);
        return [label.replace(/:$/, ''), cells];
      }),
    );
    const column = (row: string, name: string) => {
      const index = header.indexOf(name);
      const cell = index === -1 ? undefined : rows[row]?.[index];
      return cell === undefined ? null : freeAmount(cell, unitBytes);
    };
    const reading = {
      memTotalBytes: column('Mem', 'total'),
      memUsedBytes: column('Mem', 'used'),
      memFreeBytes: column('Mem', 'free'),
      memAvailableBytes: column('Mem', 'available'),
      swapTotalBytes: column('Swap', 'total'),
      swapUsedBytes: column('Swap', 'used'),
    };
    return freeResult(reading, header);
  });
}

function emptyMemory(): MemoryReading {
  return {
    memTotalBytes: null,
    memUsedBytes: null,
    memFreeBytes: null,
    memAvailableBytes: null,
    swapTotalBytes: null,
    swapUsedBytes: null,
    missing: {},
  };
}

function freeAmount(cell: string, unitBytes: number): number | null {
  const plain = toNumber(cell);
  return plain === null ? parseByteSize(cell) : plain * unitBytes;
}

function freeResult(
  reading: Omit<MemoryReading, 'missing'>,
  header: string[],
): Parsed<MemoryReading> {
  const missing: MissingMap = {};
  const problems: ParseProblem[] = [];
  if (header[0] !== 'total') problems.push(problem(1, 'no free header (total used free …)'));
  for (const [field, value] of Object.entries(reading)) {
    if (value !== null) continue;
    const noColumn = field === 'memAvailableBytes' && !header.includes('available');
    missing[field] = noColumn
      ? reason('not-supported', 'this procps has no "available" column (before 3.3.10)')
      : reason('unparsed', 'value not found in the free output');
    if (!noColumn) problems.push(problem(null, 'not found', field));
  }
  return { value: { ...reading, missing }, problems };
}

/** /proc/meminfo: `MemTotal:       16318480 kB` → bytes per key. */
export function parseMeminfo(text: string): Parsed<Record<string, number>> {
  return guarded(
    () => ({}),
    () => {
      const values: Record<string, number> = {};
      const problems: ParseProblem[] = [];
      splitLines(text).forEach((line, index) => {
        if (line.trim() === '') return;
        const match = /^([\w()]+):\s+(\d+)(?:\s+kB)?$/.exec(line.trim());
        if (!match) problems.push(problem(index + 1, 'not a meminfo line'));
        else values[match[1] ?? ''] = Number(match[2]) * (line.includes('kB') ? 1024 : 1);
      });
      return { value: values, problems };
    },
  );
}
