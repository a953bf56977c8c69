// Pure builders: from what one node's probes returned to the NodeSnapshot of DESIGN.md section 4.
// Every value the probes could not give becomes null with its reason, never 0.
import type {
  Channel,
  ChannelError,
  Container,
  ContainerLogs,
  Gpu,
  Host,
  MissingMap,
  MissingReason,
} from '../../shared/snapshot';
import {
  parseDockerInspect,
  parseDockerPsJson,
  type DockerInspectEntry,
  type DockerPsEntry,
} from '../probes/docker';
import {
  parseComposeVersion,
  parseDf,
  parseLoadavg,
  parseMeminfo,
  parseProcUptime,
} from '../probes/host';
import { detectNvidiaSmiFailure, gpusFromNvidiaSmiCsv } from '../probes/nvidia-smi';
import { clockFrom, parseTimedatectlShow } from '../probes/time-sync';
import type { BatchSection } from '../transport/ssh-command';
import { cpuPercent, parseCgroupLines, type CgroupSample } from './cgroup';

export type Sections = ReadonlyMap<string, BatchSection>;

export function reason(kind: MissingReason['kind'], detail: string): MissingReason {
  return { kind, detail };
}

/** The output of a section that ran and succeeded, or why there is none. */
export function sectionText(sections: Sections | null, name: string): string | MissingReason {
  const section = sections?.get(name);
  if (!section) return reason(sections ? 'unparsed' : 'channel-down', `${name} was not read`);
  if (section.exitCode !== 0) {
    const firstLine = section.stdout.trim().split('\n')[0] ?? '';
    return reason(
      'error',
      `${name} failed (exit ${section.exitCode ?? 'cut short'}): ${firstLine}`,
    );
  }
  return section.stdout;
}

export function channelObservation(
  error: ChannelError | null,
  latencyMs: number | null,
  lastSuccessAt: string | null,
): Channel {
  if (error) return { state: 'down', latencyMs: null, error, lastSuccessAt };
  return {
    state: 'up',
    latencyMs: Math.round((latencyMs ?? 0) * 10) / 10,
    error: null,
    lastSuccessAt,
  };
}

export function notConfigured(what: string): Channel {
  return {
    state: 'unknown',
    latencyMs: null,
    error: { kind: 'not-configured', message: `the fleet file gives no ${what} for this node` },
    lastSuccessAt: null,
  };
}

interface HostInput {
  fast: Sections | null;
  slow: Sections | null;
}

/** Host metrics: uptime, load, memory from the fast tier; disks, clock, versions from the slow. */
export function buildHost({ fast, slow }: HostInput): Host {
  const missing: MissingMap = {};
  const read = <T>(
    field: string,
    sections: Sections | null,
    name: string,
    parse: (text: string) => T | null,
  ): T | null => {
    const text = sectionText(sections, name);
    if (typeof text !== 'string') {
      missing[field] = text;
      return null;
    }
    const value = parse(text);
    if (value === null) missing[field] = reason('unparsed', `${name} printed nothing readable`);
    return value;
  };
  const meminfo = read('memTotalBytes', fast, 'meminfo', (text) => parseMeminfo(text).value);
  const memTotalBytes = meminfo?.MemTotal ?? null;
  const memAvailableBytes = meminfo?.MemAvailable ?? null;
  if (memTotalBytes === null)
    missing.memTotalBytes ??= reason('unparsed', 'no MemTotal in /proc/meminfo');
  if (memAvailableBytes === null)
    missing.memAvailableBytes = missing.memTotalBytes ?? reason('unparsed', 'no MemAvailable');
  const timedatectl = read(
    'clock',
    slow,
    'timedatectl',
    (text) => parseTimedatectlShow(text).value,
  );
  return {
    uptimeSeconds: read('uptimeSeconds', fast, 'uptime', (text) => parseProcUptime(text).value),
    load1: read('load1', fast, 'loadavg', (text) => parseLoadavg(text).value?.load1 ?? null),
    memTotalBytes,
    memAvailableBytes,
    disks: read('disks', slow, 'df', (text) => parseDf(text).value),
    clock: timedatectl ? clockFrom(timedatectl, null) : null,
    dockerVersion: read('dockerVersion', slow, 'docker-version', (text) => text.trim() || null),
    composeVersion: read(
      'composeVersion',
      slow,
      'compose-version',
      (text) => parseComposeVersion(text).value,
    ),
    missing,
  };
}

/**
 * GPUs from nvidia-smi. When the driver fails, the GPUs seen before stay listed with every
 * reading null and telemetry `unavailable` with the driver's reason.
 */
export function buildGpus(
  fast: Sections | null,
  previous: readonly Gpu[] | null,
): Gpu[] | MissingReason {
  const text = sectionText(fast, 'gpus');
  const output = typeof text === 'string' ? text : (fast?.get('gpus')?.stdout ?? '');
  const failure = detectNvidiaSmiFailure(output);
  if (failure === null && typeof text === 'string') return gpusFromNvidiaSmiCsv(text).value;
  if (failure === 'nvidia-smi missing')
    return reason('not-applicable', 'no nvidia-smi on this node');
  if (/no devices were found/i.test(output)) return [];
  const why = failure ?? (typeof text === 'string' ? 'unreadable output' : text.detail);
  if (!previous || previous.length === 0)
    return reason('error', `GPU telemetry unavailable: ${why}`);
  return previous.map((gpu) => blankGpu(gpu, why));
}

const gpuReadings = [
  'temperatureC',
  'memoryUsedBytes',
  'memoryTotalBytes',
  'memoryUsedPct',
  'utilizationPct',
  'powerW',
  'fanPct',
] as const;

function blankGpu(gpu: Gpu, why: string): Gpu {
  const missing: MissingMap = {};
  const blank: Gpu = { ...gpu, telemetry: { state: 'unavailable', reason: why }, missing };
  for (const field of gpuReadings) {
    blank[field] = null;
    missing[field] = reason('error', why);
  }
  if (blank.uuid === null) missing.uuid = gpu.missing.uuid ?? reason('unavailable', why);
  return blank;
}

export interface CpuSample {
  usageUsec: number;
  atMs: number;
}

/** A container's CPU % at the last fast tick, or why there is none. */
export type CpuReading = { value: number } | { value: null; why: MissingReason };

/**
 * CPU % of every container from this tick's cgroup counters and the previous tick's; updates
 * `samples` for the next tick. Called once per fast tick, never while building a snapshot.
 */
export function readCpu(
  fast: Sections,
  samples: Map<string, CpuSample>,
  atMs: number,
): Map<string, CpuReading> {
  const cgroupText = sectionText(fast, 'cgroups');
  const readings = new Map<string, CpuReading>();
  if (typeof cgroupText !== 'string') return readings;
  for (const sample of parseCgroupLines(cgroupText).values()) {
    const previous = samples.get(sample.id);
    const value = cpuPercent(previous, sample.cpuUsageUsec, atMs);
    if (sample.cpuUsageUsec !== null)
      samples.set(sample.id, { usageUsec: sample.cpuUsageUsec, atMs });
    const why = previous
      ? reason('unavailable', 'the CPU counter went back (restarted) or did not move in time')
      : reason('unavailable', 'first reading: CPU % needs two');
    readings.set(sample.id, value === null ? { value, why } : { value });
  }
  return readings;
}

export interface ContainerInput {
  fast: Sections | null;
  inspected: ReadonlyMap<string, DockerInspectEntry>;
  cpu: ReadonlyMap<string, CpuReading>;
}

/** Containers: the list and state from `docker ps`, usage from cgroups, details from inspect. */
export function buildContainers(input: ContainerInput): Container[] | MissingReason {
  const listText = sectionText(input.fast, 'containers');
  if (typeof listText !== 'string') return listText;
  const cgroupText = sectionText(input.fast, 'cgroups');
  const usage = typeof cgroupText === 'string' ? parseCgroupLines(cgroupText) : new Map();
  return parseDockerPsJson(listText).value.map((entry) =>
    buildContainer(
      entry,
      usage.get(entry.id),
      input.inspected.get(entry.id),
      input.cpu.get(entry.id),
    ),
  );
}

const notInspected = reason('not-collected', 'not inspected yet (slow tier)');

function buildContainer(
  entry: DockerPsEntry,
  sample: CgroupSample | undefined,
  inspect: DockerInspectEntry | undefined,
  cpu: CpuReading | undefined,
): Container {
  const missing: MissingMap = {};
  const note = <T>(field: string, value: T | null | undefined, why: MissingReason): T | null => {
    if (value === null || value === undefined) missing[field] = why;
    return value ?? null;
  };
  const running = entry.state === 'running';
  const notRunning = reason('not-applicable', 'not running');
  const noCounters = reason('unavailable', 'no cgroup counters for this container');
  const cpuWhy = !running ? notRunning : cpu && cpu.value === null ? cpu.why : noCounters;
  return {
    name: entry.name,
    image: entry.image,
    tag: note('tag', entry.tag, reason('absent', 'the image reference has no tag')),
    state: entry.state ?? 'dead',
    health: entry.health,
    restartCount: note('restartCount', inspect?.restartCount, notInspected),
    oomKilled: note('oomKilled', inspect?.oomKilled, notInspected),
    exitCode: note(
      'exitCode',
      entry.exitCode ?? inspect?.exitCode,
      reason('not-applicable', 'still running'),
    ),
    startedAt: note('startedAt', inspect?.startedAt, notInspected),
    memoryBytes: note(
      'memoryBytes',
      running ? sample?.memoryBytes : null,
      running ? noCounters : notRunning,
    ),
    memoryLimitBytes: note(
      'memoryLimitBytes',
      sample?.memoryLimitBytes ?? inspect?.memoryLimitBytes,
      reason('not-applicable', 'no memory limit set'),
    ),
    cpuPct: note('cpuPct', running ? cpu?.value : null, cpuWhy),
    sizeRwBytes: note('sizeRwBytes', inspect?.sizeRwBytes, notInspected),
    missing,
  };
}

/** Container id → inspect details, from the slow tier's `docker inspect --size`. */
export function readInspect(slow: Sections | null): Map<string, DockerInspectEntry> | null {
  const section = slow?.get('inspect');
  if (!section) return null;
  // A container removed between ps and inspect makes docker exit 1 but still print the others,
  // followed by `Error: No such object` in the same stream: read only the JSON array.
  const start = section.stdout.indexOf('[');
  const end = section.stdout.lastIndexOf(']');
  if (start === -1 || end < start) return null;
  const entries = parseDockerInspect(section.stdout.slice(start, end + 1)).value;
  return new Map(entries.filter((entry) => entry.id).map((entry) => [entry.id as string, entry]));
}

export type { ContainerLogs };
