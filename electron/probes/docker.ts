// Docker CLI outputs: `docker ps` (JSON lines and table), `docker compose ps --format json`,
// `docker stats --no-stream` (JSON lines and table), `docker inspect` and `docker system df`.
import type { ContainerHealth, ContainerState, MissingMap } from '../../shared/snapshot';
import { containerStates } from '../../shared/snapshot';
import {
  asFiniteNumber,
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
import { headerColumns, rowRecord, splitRow } from './table';
import { parseByteSize, parsePercent } from './units';

// -- image references and status text -------------------------------------------------------------

export interface ImageReference {
  repository: string;
  /** null when the container was started from a digest or an image ID rather than a tag. */
  tag: string | null;
  digest: string | null;
}

/** `registry:5000/visionking-inference:c014` → repository and tag; no tag means `latest`. */
export function splitImageReference(reference: string): ImageReference {
  const [name = '', digest = null] = reference.split('@');
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(name)) return { repository: name, tag: null, digest };
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) {
    return { repository: name.slice(0, colon), tag: name.slice(colon + 1), digest };
  }
  return { repository: name, tag: digest === null ? 'latest' : null, digest };
}

export interface StatusReading {
  state: ContainerState | null;
  health: ContainerHealth;
  exitCode: number | null;
}

const statusPrefixes: [RegExp, ContainerState][] = [
  [/^Up\b.*\(Paused\)/i, 'paused'],
  [/^Up\b/i, 'running'],
  [/^Exited\b/i, 'exited'],
  [/^Restarting\b/i, 'restarting'],
  [/^Created\b/i, 'created'],
  [/^Dead\b/i, 'dead'],
  [/^Removal In Progress/i, 'removing'],
];

/** The STATUS column: `Up 3 hours (healthy)`, `Exited (137) 2 days ago`, `Restarting (1) …`. */
export function parseDockerStatus(status: string): StatusReading {
  const state = statusPrefixes.find(([pattern]) => pattern.test(status.trim()))?.[1] ?? null;
  const health: ContainerHealth = /\(unhealthy\)/.test(status)
    ? 'unhealthy'
    : /\(healthy\)/.test(status)
      ? 'healthy'
      : /\(health: starting\)/.test(status)
        ? 'starting'
        : 'none';
  const exit = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(status.trim());
  return { state, health, exitCode: exit ? Number(exit[1]) : null };
}

export function toContainerState(text: string | null): ContainerState | null {
  const lower = text?.toLowerCase() ?? '';
  return (containerStates as readonly string[]).includes(lower) ? (lower as ContainerState) : null;
}

function toHealth(text: string | null): ContainerHealth | null {
  if (text === 'healthy' || text === 'unhealthy' || text === 'starting') return text;
  return text === '' || text === 'none' ? 'none' : null;
}

/** `Size` as `docker ps --size` prints it: `120MB (virtual 295MB)`. */
export function parseSizeField(text: string): {
  rwBytes: number | null;
  virtualBytes: number | null;
} {
  const match = /^(.+?)\s*\(virtual (.+)\)$/.exec(text.trim());
  if (!match) return { rwBytes: null, virtualBytes: null };
  return { rwBytes: parseByteSize(match[1] ?? ''), virtualBytes: parseByteSize(match[2] ?? '') };
}

/** `a=1,b=x,y` → {a: '1', b: 'x,y'}: a comma starts a new label only when `key=` follows. */
export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  if (text.trim() === '') return labels;
  for (const pair of text.split(/,(?=[^,=]+=)/)) {
    const equals = pair.indexOf('=');
    if (equals > 0) labels[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return labels;
}

// -- docker ps / docker compose ps ----------------------------------------------------------------

export interface DockerPsEntry {
  id: string;
  name: string;
  image: string;
  tag: string | null;
  state: ContainerState | null;
  status: string;
  health: ContainerHealth;
  exitCode: number | null;
  /** As printed (`2026-02-10 10:40:01 +0900 KST`); Docker's format is not ISO. */
  createdText: string | null;
  sizeRwBytes: number | null;
  ports: string;
  labels: Record<string, string>;
  /** Compose project and service, from `docker compose ps` or the compose labels. */
  project: string | null;
  service: string | null;
  missing: MissingMap;
}

function psEntryFromRecord(record: Record<string, unknown>): DockerPsEntry {
  const status = asString(record.Status) ?? '';
  const fromStatus = parseDockerStatus(status);
  const image = asString(record.Image) ?? '';
  const labels = parseLabels(asString(record.Labels) ?? '');
  const size = parseSizeField(asString(record.Size) ?? '');
  const entry: DockerPsEntry = {
    id: asString(record.ID) ?? '',
    name: (asString(record.Name) ?? asString(record.Names) ?? '').split(',')[0] ?? '',
    image,
    tag: splitImageReference(image).tag,
    state: toContainerState(asString(record.State)) ?? fromStatus.state,
    status,
    health: toHealth(asString(record.Health)) ?? fromStatus.health,
    exitCode: fromStatus.exitCode ?? exitCodeOfStopped(record),
    createdText: asString(record.CreatedAt),
    sizeRwBytes: size.rwBytes,
    ports: asString(record.Ports) ?? '',
    labels,
    project: asString(record.Project) ?? labels['com.docker.compose.project'] ?? null,
    service: asString(record.Service) ?? labels['com.docker.compose.service'] ?? null,
    missing: {},
  };
  return withPsReasons(entry);
}

/** Compose prints ExitCode 0 for running containers too; it only means something once stopped. */
function exitCodeOfStopped(record: Record<string, unknown>): number | null {
  const state = asString(record.State);
  return state === 'exited' || state === 'dead' ? asFiniteNumber(record.ExitCode) : null;
}

function withPsReasons(entry: DockerPsEntry): DockerPsEntry {
  const missing: MissingMap = {};
  if (entry.tag === null) missing.tag = reason('not-applicable', 'image given by digest or ID');
  if (entry.state === null) missing.state = reason('unparsed', `status "${entry.status}"`);
  if (entry.exitCode === null) {
    missing.exitCode = reason('not-applicable', 'the container has not exited');
  }
  if (entry.createdText === null) missing.createdText = reason('not-collected', 'not printed');
  if (entry.sizeRwBytes === null) {
    // Without --size Docker prints `0B` whatever the real size: that is no measurement.
    missing.sizeRwBytes = reason('not-collected', 'size not computed (run with --size)');
  }
  if (entry.project === null) missing.project = reason('not-applicable', 'not a compose service');
  if (entry.service === null) missing.service = reason('not-applicable', 'not a compose service');
  return { ...entry, missing };
}

/**
 * `docker ps --format '{{json .}}'` or `docker compose ps --format json`: one JSON object per
 * line (older Compose prints one JSON array instead; both are read).
 */
export function parseDockerPsJson(text: string): Parsed<DockerPsEntry[]> {
  return guarded(
    () => [],
    () => {
      const entries: DockerPsEntry[] = [];
      const problems: ParseProblem[] = [];
      splitLines(text).forEach((line, index) => {
        if (line.trim() === '') return;
        const parsed = parseJson(line, index + 1);
        problems.push(...parsed.problems);
        const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
        for (const item of parsed.problems.length > 0 ? [] : items) {
          const record = asRecord(item);
          if (record) entries.push(psEntryFromRecord(record));
          else problems.push(problem(index + 1, 'not a JSON object'));
        }
      });
      return { value: entries, problems };
    },
  );
}

/** The default `docker ps` table: CONTAINER ID, IMAGE, COMMAND, CREATED, STATUS, PORTS, NAMES. */
export function parseDockerPsTable(text: string): Parsed<DockerPsEntry[]> {
  return guarded(
    () => [],
    () => {
      const table = readTable(text, 'CONTAINER ID');
      const entries = table.rows.map(({ cells }) =>
        psEntryFromRecord({
          ID: cells['CONTAINER ID'],
          Image: cells.IMAGE,
          Status: cells.STATUS,
          Ports: cells.PORTS,
          Names: cells.NAMES,
          Size: cells.SIZE,
          CreatedAt: null,
        }),
      );
      return { value: entries, problems: table.problems };
    },
  );
}

interface TableRow {
  line: number;
  cells: Record<string, string>;
}

/**
 * Rows of a CLI table. A line starting with `headerStart` (re)defines the columns, so several
 * outputs pasted one after another (each with its own header and widths) are read correctly.
 */
function readTable(
  text: string,
  headerStart: string,
): { rows: TableRow[]; problems: ParseProblem[] } {
  const rows: TableRow[] = [];
  const problems: ParseProblem[] = [];
  let columns: ReturnType<typeof headerColumns> | null = null;
  splitLines(text).forEach((line, index) => {
    if (line.trim() === '') return;
    if (line.startsWith(headerStart)) {
      columns = headerColumns(line);
      return;
    }
    if (columns === null) {
      problems.push(problem(index + 1, `row before the header (expected "${headerStart}…")`));
      return;
    }
    const cells = splitRow(line, columns);
    if (cells === null) problems.push(problem(index + 1, 'row does not fit the header columns'));
    else rows.push({ line: index + 1, cells: rowRecord(columns, cells) });
  });
  return { rows, problems };
}

// -- docker stats ---------------------------------------------------------------------------------

export interface DockerStatsEntry {
  /** The CONTAINER column: an ID or a name, depending on the command line. */
  container: string;
  name: string | null;
  cpuPct: number | null;
  memoryBytes: number | null;
  memoryLimitBytes: number | null;
  memoryPct: number | null;
  pids: number | null;
  missing: MissingMap;
}

interface RawStats {
  container: string;
  name: string | null;
  cpu: string | undefined;
  memoryUsage: string | undefined;
  memoryPct: string | undefined;
  pids: string | undefined;
}

/** `5.629MiB / 1.952GiB`, `41.16 MiB/994 MiB`, `0 B / 1.02 GB` → used and limit. */
function parseUsagePair(text: string | undefined): [number | null, number | null] {
  const [used = '', limit = ''] = (text ?? '').split('/');
  return [parseByteSize(used), parseByteSize(limit)];
}

function statsEntry(raw: RawStats, line: number, problems: ParseProblem[]): DockerStatsEntry {
  const [memoryBytes, memoryLimitBytes] = parseUsagePair(raw.memoryUsage);
  const entry: DockerStatsEntry = {
    container: raw.container,
    name: raw.name,
    cpuPct: raw.cpu === undefined ? null : parsePercent(raw.cpu),
    memoryBytes,
    memoryLimitBytes,
    memoryPct: raw.memoryPct === undefined ? null : parsePercent(raw.memoryPct),
    pids: raw.pids === undefined ? null : toNumber(raw.pids),
    missing: {},
  };
  return withStatsReasons(entry, raw, line, problems);
}

function withStatsReasons(
  entry: DockerStatsEntry,
  raw: RawStats,
  line: number,
  problems: ParseProblem[],
): DockerStatsEntry {
  const missing: MissingMap = {};
  const stopped = entry.memoryLimitBytes === 0;
  const columns: [keyof DockerStatsEntry, string | undefined][] = [
    ['cpuPct', raw.cpu],
    ['memoryBytes', raw.memoryUsage],
    ['memoryLimitBytes', raw.memoryUsage],
    ['memoryPct', raw.memoryPct],
    ['pids', raw.pids],
  ];
  for (const [field, source] of columns) {
    if (source === undefined) missing[field] = reason('not-collected', 'column not printed');
    else if (entry[field] === null) {
      missing[field] = reason('unparsed', `"${source}"`);
      problems.push(problem(line, `cannot read "${source}"`, field));
    }
  }
  const result = { ...entry, missing };
  return stopped ? stoppedStats(result) : zeroMemoryStats(result);
}

/** `docker stats --all` prints `0.00%` and `0B / 0B` for stopped containers: not measurements. */
function stoppedStats(entry: DockerStatsEntry): DockerStatsEntry {
  const detail = reason('not-applicable', 'container not running (limit 0B)');
  const missing = { ...entry.missing };
  for (const field of ['cpuPct', 'memoryBytes', 'memoryLimitBytes', 'memoryPct'] as const) {
    missing[field] = detail;
  }
  return {
    ...entry,
    cpuPct: null,
    memoryBytes: null,
    memoryLimitBytes: null,
    memoryPct: null,
    missing,
  };
}

/** No running process uses 0 bytes: the engine is not accounting memory (seen on balenaEngine). */
function zeroMemoryStats(entry: DockerStatsEntry): DockerStatsEntry {
  if (entry.memoryBytes !== 0) return entry;
  const detail = reason('unavailable', 'engine reported 0 B (memory accounting off?)');
  const missing = { ...entry.missing, memoryBytes: detail, memoryPct: detail };
  return { ...entry, memoryBytes: null, memoryPct: null, missing };
}

/** `docker stats --no-stream` tables of any Docker version (columns found by header name). */
export function parseDockerStatsTable(text: string): Parsed<DockerStatsEntry[]> {
  return guarded(
    () => [],
    () => {
      const table = readTable(text, 'CONTAINER');
      const problems = [...table.problems];
      const entries = table.rows.map(({ line, cells }) => {
        const raw: RawStats = {
          container: cells['CONTAINER ID'] ?? cells.CONTAINER ?? '',
          name: cells.NAME ?? null,
          cpu: cells['CPU %'],
          memoryUsage: cells['MEM USAGE / LIMIT'] ?? cells['MEM USAGE/LIMIT'],
          memoryPct: cells['MEM %'],
          pids: cells.PIDS,
        };
        return statsEntry(raw, line, problems);
      });
      return { value: entries, problems };
    },
  );
}

/** `docker stats --no-stream --format '{{json .}}'`: one JSON object per line. */
export function parseDockerStatsJson(text: string): Parsed<DockerStatsEntry[]> {
  return guarded(
    () => [],
    () => {
      const entries: DockerStatsEntry[] = [];
      const problems: ParseProblem[] = [];
      splitLines(text).forEach((line, index) => {
        if (line.trim() === '') return;
        const parsed = parseJson(line, index + 1);
        const record = asRecord(parsed.value);
        if (!record) {
          problems.push(...(parsed.problems.length ? parsed.problems : [notObject(index + 1)]));
          return;
        }
        entries.push(statsEntry(rawStatsOf(record), index + 1, problems));
      });
      return { value: entries, problems };
    },
  );
}

function notObject(line: number): ParseProblem {
  return problem(line, 'not a JSON object');
}

function rawStatsOf(record: Record<string, unknown>): RawStats {
  const text = (key: string) => asString(record[key]) ?? undefined;
  return {
    container: text('Container') ?? text('ID') ?? '',
    name: text('Name') ?? null,
    cpu: text('CPUPerc'),
    memoryUsage: text('MemUsage'),
    memoryPct: text('MemPerc'),
    pids: text('PIDs'),
  };
}

/** Either stats format, told apart by the first non-blank character. */
export function parseDockerStats(text: string): Parsed<DockerStatsEntry[]> {
  return text.trimStart().startsWith('{')
    ? parseDockerStatsJson(text)
    : parseDockerStatsTable(text);
}

// -- docker inspect -------------------------------------------------------------------------------

export interface DockerInspectEntry {
  id: string | null;
  name: string | null;
  image: string | null;
  state: ContainerState | null;
  health: ContainerHealth;
  restartCount: number | null;
  oomKilled: boolean | null;
  exitCode: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Writable layer; present only with `docker inspect --size`. */
  sizeRwBytes: number | null;
  /** HostConfig.Memory; Docker writes 0 for "no limit", which we report as null. */
  memoryLimitBytes: number | null;
  restartPolicy: string | null;
  missing: MissingMap;
}

/** Go's zero time, which Docker prints for "never". */
const ZERO_TIME = /^0001-01-01T/;

function timeOrNull(value: unknown): string | null {
  const text = asString(value);
  return text === null || ZERO_TIME.test(text) ? null : text;
}

/** Docker keeps ExitCode 0 while a container runs; it is only a result once it stopped. */
function exitCodeOf(state: Record<string, unknown>): number | null {
  const stillGoing = ['running', 'paused', 'created'].includes(asString(state.Status) ?? '');
  return stillGoing ? null : asFiniteNumber(state.ExitCode);
}

function inspectEntry(record: Record<string, unknown>): DockerInspectEntry {
  const state = asRecord(record.State) ?? {};
  const config = asRecord(record.Config) ?? {};
  const hostConfig = asRecord(record.HostConfig) ?? {};
  const limit = asFiniteNumber(hostConfig.Memory);
  const entry: DockerInspectEntry = {
    id: asString(record.Id),
    name: asString(record.Name)?.replace(/^\//, '') ?? null,
    image: asString(config.Image),
    state: toContainerState(asString(state.Status)),
    health: toHealth(asString(asRecord(state.Health)?.Status)) ?? 'none',
    restartCount: asFiniteNumber(record.RestartCount),
    oomKilled: typeof state.OOMKilled === 'boolean' ? state.OOMKilled : null,
    exitCode: exitCodeOf(state),
    startedAt: timeOrNull(state.StartedAt),
    finishedAt: timeOrNull(state.FinishedAt),
    sizeRwBytes: asFiniteNumber(record.SizeRw),
    memoryLimitBytes: limit === 0 ? null : limit,
    restartPolicy: asString(asRecord(hostConfig.RestartPolicy)?.Name),
    missing: {},
  };
  return { ...entry, missing: inspectReasons(entry, record, limit) };
}

function inspectReasons(
  entry: DockerInspectEntry,
  record: Record<string, unknown>,
  limit: number | null,
): MissingMap {
  const missing: MissingMap = {};
  const absent = (field: keyof DockerInspectEntry, detail: string) => {
    if (entry[field] === null) missing[field] = reason('not-collected', detail);
  };
  if (entry.startedAt === null && asString(asRecord(record.State)?.StartedAt) !== null) {
    missing.startedAt = reason('not-applicable', 'never started');
  }
  if (entry.finishedAt === null && entry.state === 'running') {
    missing.finishedAt = reason('not-applicable', 'still running');
  }
  if (entry.exitCode === null && entry.state !== null && entry.state !== 'exited') {
    missing.exitCode = reason('not-applicable', `container is ${entry.state}`);
  }
  if (limit === 0) missing.memoryLimitBytes = reason('not-applicable', 'no memory limit set');
  if (entry.sizeRwBytes === null) absent('sizeRwBytes', 'SizeRw needs `docker inspect --size`');
  for (const field of Object.keys(entry) as (keyof DockerInspectEntry)[]) {
    if (field !== 'missing' && !missing[field]) absent(field, 'not in the inspect document');
  }
  return missing;
}

/**
 * `docker inspect` (a JSON array), the Engine API `/containers/{id}/json` (one object), or an
 * excerpt holding only `"State": {…}` as people paste it; an excerpt is read and reported.
 */
export function parseDockerInspect(text: string): Parsed<DockerInspectEntry[]> {
  return guarded(
    () => [],
    () => {
      const whole = parseJson(text);
      if (whole.problems.length === 0) return inspectDocuments(whole.value);
      const fragment = parseJson(`{${text.trim().replace(/,$/, '')}}`);
      if (fragment.problems.length > 0 || !asRecord(asRecord(fragment.value)?.State)) {
        return { value: [], problems: whole.problems };
      }
      const excerpt = problem(1, 'an excerpt (only "State" was given); other fields are null');
      return { value: inspectDocuments(fragment.value).value, problems: [excerpt] };
    },
  );
}

function inspectDocuments(value: unknown): Parsed<DockerInspectEntry[]> {
  const items = Array.isArray(value) ? value : [value];
  const problems: ParseProblem[] = [];
  const entries: DockerInspectEntry[] = [];
  items.forEach((item, index) => {
    const record = asRecord(item);
    if (record) entries.push(inspectEntry(record));
    else problems.push(problem(null, `item ${index} is not an object`));
  });
  return { value: entries, problems };
}

// -- docker system df -----------------------------------------------------------------------------

export interface DockerDiskUsageRow {
  type: string;
  total: number | null;
  active: number | null;
  sizeBytes: number | null;
  reclaimableBytes: number | null;
  reclaimablePct: number | null;
}

export interface DockerDiskUsage {
  summary: DockerDiskUsageRow[];
  images: {
    repository: string;
    tag: string;
    sizeBytes: number | null;
    containers: number | null;
  }[];
  /** `docker system df -v` containers: SIZE is the writable layer. */
  containers: { id: string; image: string; names: string; sizeBytes: number | null }[];
  volumes: { name: string; links: number | null; sizeBytes: number | null }[];
  buildCacheBytes: number | null;
}

/** `docker system df` (summary table) and `docker system df -v` (sections). */
export function parseDockerSystemDf(text: string): Parsed<DockerDiskUsage> {
  const empty = (): DockerDiskUsage => ({
    summary: [],
    images: [],
    containers: [],
    volumes: [],
    buildCacheBytes: null,
  });
  return guarded(empty, () => {
    const usage = empty();
    const problems: ParseProblem[] = [];
    for (const section of dfSections(text)) readDfSection(section, usage, problems);
    if (text.trim() === '') problems.push(problem(null, 'empty output'));
    return { value: usage, problems };
  });
}

interface DfSection {
  title: string;
  firstLine: number;
  text: string;
}

/** Splits `-v` output at its `space usage:` titles; the summary table is one untitled section. */
function dfSections(text: string): DfSection[] {
  const sections: DfSection[] = [];
  let current: DfSection = { title: '', firstLine: 1, text: '' };
  splitLines(text).forEach((line, index) => {
    const title = /^(.*?) (?:space )?usage:\s*(.*)$/.exec(line);
    if (title && !line.startsWith(' ')) {
      sections.push(current);
      current = { title: title[1] ?? '', firstLine: index + 2, text: '' };
      if (title[2]) current.text = title[2];
      return;
    }
    current.text += `${line}\n`;
  });
  sections.push(current);
  return sections.filter((section) => section.text.trim() !== '');
}

function readDfSection(section: DfSection, usage: DockerDiskUsage, problems: ParseProblem[]): void {
  if (section.title === 'Build cache') {
    usage.buildCacheBytes = parseByteSize(section.text.trim());
    return;
  }
  const header = section.text.split('\n').find((line) => line.trim() !== '') ?? '';
  const table = readTable(section.text, header.split(/\s{2,}/)[0] ?? header);
  const shift = (item: ParseProblem) => ({
    ...item,
    line: (item.line ?? 1) + section.firstLine - 1,
  });
  problems.push(...table.problems.map(shift));
  for (const { cells } of table.rows) addDfRow(section.title, cells, usage);
}

type DfCells = Record<string, string>;

/** One reader per `docker system df` section; the untitled one is the summary table. */
const dfRowReaders: Record<string, (cells: DfCells, usage: DockerDiskUsage) => void> = {
  '': (cells, usage) => {
    const reclaimable = /^(\S+)(?:\s*\((\d+(?:\.\d+)?)%\))?$/.exec(cells.RECLAIMABLE ?? '');
    usage.summary.push({
      type: cells.TYPE ?? '',
      total: toNumber(cells.TOTAL),
      active: toNumber(cells.ACTIVE),
      sizeBytes: parseByteSize(cells.SIZE ?? ''),
      reclaimableBytes: parseByteSize(reclaimable?.[1] ?? ''),
      reclaimablePct: toNumber(reclaimable?.[2]),
    });
  },
  Images: (cells, usage) =>
    usage.images.push({
      repository: cells.REPOSITORY ?? '',
      tag: cells.TAG ?? '',
      sizeBytes: parseByteSize(cells.SIZE ?? ''),
      containers: toNumber(cells.CONTAINERS),
    }),
  Containers: (cells, usage) =>
    usage.containers.push({
      id: cells['CONTAINER ID'] ?? '',
      image: cells.IMAGE ?? '',
      names: cells.NAMES ?? '',
      sizeBytes: parseByteSize(cells.SIZE ?? ''),
    }),
  'Local Volumes': (cells, usage) =>
    usage.volumes.push({
      name: cells['VOLUME NAME'] ?? '',
      links: toNumber(cells.LINKS),
      sizeBytes: parseByteSize(cells.SIZE ?? ''),
    }),
};

function addDfRow(title: string, cells: DfCells, usage: DockerDiskUsage): void {
  dfRowReaders[title]?.(cells, usage);
}
