// nvidia-smi: the CSV of `--query-gpu` / `--query-compute-apps`, the default table, and the
// one-line failures it prints instead when the driver or the GPU is gone. nvidia-smi marks a
// value it cannot give with `[N/A]`, `[Not Supported]`, `[Unknown Error]`, ... - each becomes null
// with that reason, never 0 (DESIGN.md principle 3).
import type { Gpu, MissingKind, MissingMap, MissingReason } from '../../shared/snapshot';
import {
  guarded,
  problem,
  reason,
  splitLines,
  toNumber,
  type Parsed,
  type ParseProblem,
} from './parse-result';

const MIB = 1024 * 1024;

/** The fields our probe asks for, in this order. */
export const gpuQueryFields = [
  'index',
  'name',
  'uuid',
  'temperature.gpu',
  'memory.used',
  'memory.total',
  'utilization.gpu',
  'power.draw',
  'fan.speed',
] as const;

/** Arguments for the probe: no header and no units, so every cell is a bare value or a marker. */
export const gpuQueryArguments = [
  `--query-gpu=${gpuQueryFields.join(',')}`,
  '--format=csv,noheader,nounits',
];

// -- failures -------------------------------------------------------------------------------------

const failurePatterns: [RegExp, (match: RegExpExecArray) => string][] = [
  [/couldn't communicate with the NVIDIA driver/i, () => 'the NVIDIA driver is not loaded'],
  [/^No devices were found/i, () => 'no NVIDIA GPU found'],
  [/^Failed to initialize NVML: (.*)$/i, (match) => `NVML failed: ${match[1]}`],
  [/^Unable to determine the device handle for (.*)$/i, (match) => `GPU lost: ${match[1]}`],
  [/nvidia-smi: (?:command )?not found|No such file or directory/i, () => 'nvidia-smi missing'],
];

/** When nvidia-smi printed an error instead of data: what it means, in a short sentence. */
export function detectNvidiaSmiFailure(text: string): string | null {
  const firstLine =
    splitLines(text)
      .find((line) => line.trim() !== '')
      ?.trim() ?? '';
  for (const [pattern, describe] of failurePatterns) {
    const match = pattern.exec(firstLine);
    if (match) return describe(match);
  }
  return null;
}

// -- cells ----------------------------------------------------------------------------------------

export interface SmiCell {
  text: string;
  number: number | null;
  /** Set when nvidia-smi printed a marker instead of a value. */
  missing: MissingReason | null;
}

const markerKinds: [RegExp, MissingKind][] = [
  [/^\[?N\/A\]?$/i, 'unavailable'],
  [/^$/, 'unavailable'],
  [/^\[Not Supported\]$/i, 'not-supported'],
  [/^\[Requested functionality has been deprecated\]$/i, 'not-supported'],
  [/^\[(Unknown Error|GPU requires reset|Insufficient Permissions|GPU is lost)\]$/i, 'error'],
  [/^ERR!$/, 'error'],
  [/^\[.*\]$/, 'error'],
];

/** One value: `81559 MiB`, `71.15 W`, `20 %`, `42`, `[N/A]`, `NVIDIA H100 80GB HBM3`. */
export function readSmiCell(raw: string): SmiCell {
  const text = raw.trim();
  const marker = markerKinds.find(([pattern]) => pattern.test(text));
  if (marker) return { text, number: null, missing: reason(marker[1], `nvidia-smi: ${text}`) };
  const numeric = /^([+-]?\d+(?:\.\d+)?)\s*(?:%|[KMG]iB|W|MHz|C|us|ms|s)?$/.exec(text);
  return { text, number: numeric ? toNumber(numeric[1]) : null, missing: null };
}

export type SmiRow = Record<string, SmiCell>;

/** `memory.used [MiB]` → `memory.used`. */
function fieldName(header: string): string {
  return header.replace(/\s*\[[^\]]*\]\s*$/, '').trim();
}

/**
 * `--format=csv` with or without `noheader` and `nounits`. Without a header, pass the field list
 * the query used. A row with the wrong number of cells is reported and skipped.
 */
export function parseNvidiaSmiCsv(text: string, fields?: readonly string[]): Parsed<SmiRow[]> {
  return guarded(
    () => [],
    () => {
      const failure = detectNvidiaSmiFailure(text);
      if (failure) return { value: [], problems: [problem(1, `nvidia-smi failed: ${failure}`)] };
      const lines = splitLines(text);
      const names = fields ? [...fields] : (lines[0] ?? '').split(',').map(fieldName);
      const firstRow = fields ? 0 : 1;
      const rows: SmiRow[] = [];
      const problems: ParseProblem[] = [];
      lines.slice(firstRow).forEach((line, offset) => {
        if (line.trim() === '') return;
        const row = csvRow(line, names, firstRow + offset + 1, problems);
        if (row) rows.push(row);
      });
      if (names.length === 0 || names[0] === '') problems.push(problem(1, 'no header'));
      return { value: rows, problems };
    },
  );
}

function csvRow(
  line: string,
  names: string[],
  lineNumber: number,
  problems: ParseProblem[],
): SmiRow | null {
  const cells = line.split(',');
  if (cells.length !== names.length) {
    const message = `expected ${names.length} fields, found ${cells.length}`;
    problems.push(problem(lineNumber, message));
    return null;
  }
  const row: SmiRow = {};
  names.forEach((name, index) => {
    row[name] = readSmiCell(cells[index] ?? '');
  });
  return row;
}

// -- GPUs from the CSV ----------------------------------------------------------------------------

interface Measurement {
  value: number | null;
  missing: MissingReason | null;
}

function measure(row: SmiRow, field: string, scale = 1): Measurement {
  const cell = row[field];
  if (!cell) return { value: null, missing: reason('not-collected', `${field} not queried`) };
  if (cell.missing) return { value: null, missing: cell.missing };
  if (cell.number === null) {
    return { value: null, missing: reason('unparsed', `${field}: "${cell.text}"`) };
  }
  return { value: cell.number * scale, missing: null };
}

/** Percentage of memory in use, with the reason of whichever input is missing. */
export function memoryUsedPct(used: Measurement, total: Measurement): Measurement {
  if (used.value === null) return { value: null, missing: used.missing };
  if (total.value === null) return { value: null, missing: total.missing };
  if (total.value === 0) return { value: null, missing: reason('unavailable', 'total is 0') };
  return { value: (used.value / total.value) * 100, missing: null };
}

/** Builds a Gpu from named measurements, filling `missing` and the telemetry state. */
export function gpuFromMeasurements(
  identity: { index: number; name: string; uuid: string | null; uuidMissing?: MissingReason },
  measurements: Record<GpuMetric, Measurement>,
): Gpu {
  const { uuidMissing, ...gpuIdentity } = identity;
  const missing: MissingMap = {};
  if (identity.uuid === null) {
    missing.uuid = uuidMissing ?? reason('not-collected', 'no UUID given');
  }
  const values = {} as Record<GpuMetric, number | null>;
  for (const metric of gpuMetrics) {
    const { value, missing: why } = measurements[metric];
    values[metric] = value;
    if (value === null) missing[metric] = why ?? reason('unavailable', 'no value');
  }
  return { ...gpuIdentity, ...values, telemetry: telemetryOf(values, missing), missing };
}

export const gpuMetrics = [
  'temperatureC',
  'memoryUsedBytes',
  'memoryTotalBytes',
  'memoryUsedPct',
  'utilizationPct',
  'powerW',
  'fanPct',
] as const;
export type GpuMetric = (typeof gpuMetrics)[number];

/** The GPU's telemetry is unavailable when none of its live readings came back. */
function telemetryOf(
  values: Record<GpuMetric, number | null>,
  missing: MissingMap,
): Gpu['telemetry'] {
  const live = ['temperatureC', 'memoryUsedBytes', 'utilizationPct', 'powerW'] as const;
  if (live.some((metric) => values[metric] !== null)) return { state: 'ok' };
  const first = missing.temperatureC ?? missing.memoryUsedBytes;
  return { state: 'unavailable', reason: first?.detail ?? 'no readings' };
}

function gpuFromRow(row: SmiRow, position: number): Gpu {
  const used = measure(row, 'memory.used', MIB);
  const total = measure(row, 'memory.total', MIB);
  // Drivers from 2024 on also offer power.draw.instant; use it only when power.draw is absent.
  const powerField = !row['power.draw'] && row['power.draw.instant'] ? '.instant' : '';
  const uuid = row.uuid?.missing ? null : (row.uuid?.text ?? null);
  const uuidMissing = row.uuid ? row.uuid.missing : reason('not-collected', 'uuid not queried');
  return gpuFromMeasurements(
    {
      index: row.index?.number ?? position,
      name: row.name?.text ?? 'unknown GPU',
      uuid,
      uuidMissing: uuidMissing ?? undefined,
    },
    {
      temperatureC: measure(row, 'temperature.gpu'),
      memoryUsedBytes: used,
      memoryTotalBytes: total,
      memoryUsedPct: memoryUsedPct(used, total),
      utilizationPct: measure(row, 'utilization.gpu'),
      powerW: measure(row, `power.draw${powerField}`),
      fanPct: measure(row, 'fan.speed'),
    },
  );
}

/**
 * GPUs from `--query-gpu` CSV: by default the output of our own query (no header); pass another
 * field list for another query, or null when the output starts with its header.
 */
export function gpusFromNvidiaSmiCsv(
  text: string,
  fields: readonly string[] | null = gpuQueryFields,
): Parsed<Gpu[]> {
  return guarded(
    () => [],
    () => {
      const rows = parseNvidiaSmiCsv(text, fields ?? undefined);
      const problems = [...rows.problems];
      // A working nvidia-smi prints one row per GPU; nothing at all is not "no GPUs".
      if (rows.value.length === 0 && problems.length === 0) {
        problems.push(problem(null, 'no GPU rows'));
      }
      return { value: rows.value.map(gpuFromRow), problems };
    },
  );
}

// -- processes ------------------------------------------------------------------------------------

export interface GpuProcess {
  gpuIndex: number | null;
  gpuUuid: string | null;
  pid: number;
  /** C compute, G graphics, C+G both; null from the CSV, which does not say. */
  type: string | null;
  name: string;
  /** null on Windows (WDDM), where the driver does not report per-process memory. */
  memoryBytes: number | null;
}

/** `--query-compute-apps=…,pid,process_name,used_gpu_memory --format=csv` (header required). */
export function parseNvidiaSmiComputeApps(text: string): Parsed<GpuProcess[]> {
  return guarded(
    () => [],
    () => {
      const rows = parseNvidiaSmiCsv(text);
      const processes = rows.value.map((row) => ({
        gpuIndex: null,
        gpuUuid: row.gpu_uuid?.text ?? null,
        pid: row.pid?.number ?? 0,
        type: null,
        name: row.process_name?.text ?? '',
        memoryBytes: row.used_gpu_memory?.number == null ? null : row.used_gpu_memory.number * MIB,
      }));
      return { value: processes, problems: rows.problems };
    },
  );
}

// -- the default table ----------------------------------------------------------------------------

export interface MigDevice {
  gpuIndex: number;
  gpuInstanceId: number;
  computeInstanceId: number;
  migIndex: number;
  memoryUsedBytes: number | null;
  memoryTotalBytes: number | null;
}

export interface NvidiaSmiTable {
  driverVersion: string | null;
  cudaVersion: string | null;
  gpus: Gpu[];
  processes: GpuProcess[];
  migDevices: MigDevice[];
}

/** The cells between `|` of a table line, trimmed; null for borders and text lines. */
function tableCells(line: string): string[] | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|')) return null;
  return trimmed
    .slice(1, trimmed.endsWith('|') ? -1 : undefined)
    .split('|')
    .map((cell) => cell.trim());
}

const GPU_FIRST_CELL = /^(\d+)\s+(.+?)\s+(On|Off|WDDM|TCC|MCDM|N\/A)$/;
const BUS_ID_CELL = /^[0-9A-Fa-f]+:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f]\b/;
const PROCESS_CELL =
  /^(\d+)\s+(?:(\S+)\s+(\S+)\s+)?(\d+)\s+(C\+G|C|G|M|M\+C)\s+(.*?)\s+(\d+MiB|N\/A)$/;

/** The `nvidia-smi` table of any driver since 384: GPUs, their processes and MIG devices. */
export function parseNvidiaSmiTable(text: string): Parsed<NvidiaSmiTable> {
  const empty = (): NvidiaSmiTable => ({
    driverVersion: null,
    cudaVersion: null,
    gpus: [],
    processes: [],
    migDevices: [],
  });
  return guarded(empty, () => {
    const failure = detectNvidiaSmiFailure(text);
    if (failure) return { value: empty(), problems: [problem(1, `nvidia-smi failed: ${failure}`)] };
    const table = empty();
    const problems: ParseProblem[] = [];
    readTableLines(splitLines(text), table, problems);
    if (table.gpus.length + table.migDevices.length === 0) {
      problems.push(problem(null, 'no GPU rows found'));
    }
    return { value: table, problems };
  });
}

function readTableLines(lines: string[], table: NvidiaSmiTable, problems: ParseProblem[]): void {
  let section: 'gpus' | 'processes' | 'mig' = 'gpus';
  lines.forEach((line, index) => {
    const versions = /Driver Version:\s*(\S+)(?:.*CUDA Version:\s*(\S+))?/.exec(line);
    if (versions) {
      table.driverVersion = versions[1] ?? null;
      table.cudaVersion = versions[2] ?? null;
    }
    if (/\|\s*Processes:/.test(line)) section = 'processes';
    if (/\|\s*MIG devices:/.test(line)) section = 'mig';
    const cells = tableCells(line);
    if (!cells) return;
    if (section === 'gpus') readGpuLine(cells, lines[index + 1], index + 1, table, problems);
    if (section === 'processes') readProcessLine(cells, table);
    if (section === 'mig') readMigLine(cells, table);
  });
}

function readGpuLine(
  cells: string[],
  nextLine: string | undefined,
  lineNumber: number,
  table: NvidiaSmiTable,
  problems: ParseProblem[],
): void {
  const first = GPU_FIRST_CELL.exec(cells[0] ?? '');
  if (!first || !BUS_ID_CELL.test(cells[1] ?? '')) return;
  const metrics = tableCells(nextLine ?? '');
  const gpu = gpuFromTableCells(Number(first[1]), first[2] ?? '', metrics);
  if (gpu !== null) table.gpus.push(gpu);
  else if (nextLine === undefined) problems.push(problem(lineNumber, 'GPU row cut off after it'));
  else problems.push(problem(lineNumber + 1, 'GPU metrics line not understood'));
}

/** `N/A   52C    P0            628W /  700W` · `32362MiB / 143771MiB` · `100%      Default`. */
function gpuFromTableCells(index: number, name: string, cells: string[] | null): Gpu | null {
  const power = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*\/\s*(\S+)$/.exec(cells?.[0] ?? '');
  const memory = /^(\S+)\s*\/\s*(\S+)$/.exec(cells?.[1] ?? '');
  const utilization = /^(\S+)/.exec(cells?.[2] ?? '');
  if (!power || !memory || !utilization) return null;
  const used = tableMeasure(memory[1], MIB);
  const total = tableMeasure(memory[2], MIB);
  const uuidMissing = reason('not-collected', 'the nvidia-smi table does not show UUIDs');
  return gpuFromMeasurements(
    { index, name, uuid: null, uuidMissing },
    {
      temperatureC: tableMeasure(power[2]),
      memoryUsedBytes: used,
      memoryTotalBytes: total,
      memoryUsedPct: memoryUsedPct(used, total),
      utilizationPct: tableMeasure(utilization[1]),
      powerW: tableMeasure(power[4]),
      fanPct: tableMeasure(power[1]),
    },
  );
}

function tableMeasure(text: string | undefined, scale = 1): Measurement {
  const cell = readSmiCell(text ?? '');
  if (cell.missing) return { value: null, missing: cell.missing };
  if (cell.number === null) return { value: null, missing: reason('unparsed', `"${cell.text}"`) };
  return { value: cell.number * scale, missing: null };
}

function readProcessLine(cells: string[], table: NvidiaSmiTable): void {
  const match = PROCESS_CELL.exec(cells[0] ?? '');
  if (!match) return;
  const memory = readSmiCell(match[7] ?? '');
  table.processes.push({
    gpuIndex: Number(match[1]),
    gpuUuid: null,
    pid: Number(match[4]),
    type: match[5] ?? null,
    name: match[6] ?? '',
    memoryBytes: memory.number === null ? null : memory.number * MIB,
  });
}

/** `|  1    3   0   0  |  14366MiB / 19968MiB | …`: GPU, GI, CI, MIG device, then memory. */
function readMigLine(cells: string[], table: NvidiaSmiTable): void {
  const ids = /^(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/.exec(cells[0] ?? '');
  const memory = /^(\S+)\s*\/\s*(\S+)$/.exec(cells[1] ?? '');
  if (!ids || !memory) return;
  table.migDevices.push({
    gpuIndex: Number(ids[1]),
    gpuInstanceId: Number(ids[2]),
    computeInstanceId: Number(ids[3]),
    migIndex: Number(ids[4]),
    memoryUsedBytes: tableMeasure(memory[1], MIB).value,
    memoryTotalBytes: tableMeasure(memory[2], MIB).value,
  });
}
