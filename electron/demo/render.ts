// Command outputs of a demo node, in the formats the probes read on real nodes
// (test/fixtures/real-outputs): `docker ps` JSON lines, cgroup v2 counters as the collector's
// cgroup script prints them, `nvidia-smi` CSV, /proc files, `df -P -B1`, `timedatectl show`,
// `docker inspect --size`.
import type { Scenario } from './scenario';
import { goJson, goTime, humanDuration, humanSize, rfc3339Nano, systemdTime } from './formats';
import type { ContainerView, GpuView, NodeView } from './node-view';

const MIB = 1024 * 1024;

export interface CommandOutput {
  stdout: string;
  exitCode: number;
}

export function ok(stdout: string): CommandOutput {
  return { stdout, exitCode: 0 };
}

// -- /proc ----------------------------------------------------------------------------------------

export function procUptime(view: NodeView): string {
  const upSeconds = (view.atMs - view.bootMs) / 1000;
  const busyShare = Math.min(1, view.load[0] / view.spec.cpuCores);
  const idleSeconds = upSeconds * view.spec.cpuCores * (1 - busyShare);
  return `${upSeconds.toFixed(2)} ${idleSeconds.toFixed(2)}\n`;
}

export function procLoadavg(view: NodeView): string {
  const [one, five, fifteen] = view.load.map((load) => load.toFixed(2));
  const running = Math.max(1, Math.round(view.load[0]));
  const threads = 900 + view.containers.length * 31;
  return `${one} ${five} ${fifteen} ${running}/${threads} ${view.pid}\n`;
}

export function procMeminfo(view: NodeView): string {
  const totalKb = Math.floor(view.spec.memTotal / 1024);
  const availableKb = Math.floor(view.memAvailableBytes / 1024);
  const cachedKb = Math.floor(availableKb * 0.62);
  const freeKb = Math.max(0, availableKb - cachedKb - 150_000);
  const rows: [string, number][] = [
    ['MemTotal', totalKb],
    ['MemFree', freeKb],
    ['MemAvailable', availableKb],
    ['Buffers', 412_236],
    ['Cached', cachedKb],
    ['SwapCached', 0],
    ['Active', Math.floor((totalKb - availableKb) * 0.7)],
    ['Inactive', Math.floor(cachedKb * 0.8)],
    ['SwapTotal', 2_097_148],
    ['SwapFree', 2_097_148],
    ['Shmem', 281_320],
  ];
  return rows.map(([key, kb]) => `${`${key}:`.padEnd(15)}${String(kb).padStart(9)} kB\n`).join('');
}

// -- docker ---------------------------------------------------------------------------------------

function composeLabels(view: NodeView, container: ContainerView, compose: string): string {
  const labels: Record<string, string> = {
    'com.docker.compose.project': 'visionking',
    'com.docker.compose.service': container.spec.name,
    'com.docker.compose.version': compose,
    ...container.spec.labels,
  };
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** The STATUS column: `Up 2 hours (healthy)`, `Restarting (1) 23 seconds ago`, `Exited (0) …`. */
export function dockerStatus(container: ContainerView, atMs: number): string {
  if (container.state === 'running') {
    const health = container.spec.health === 'healthy' ? ' (healthy)' : '';
    return `Up ${humanDuration(atMs - (container.startedMs ?? atMs))}${health}`;
  }
  const since = humanDuration(atMs - (container.finishedMs ?? atMs));
  const verb = container.state === 'restarting' ? 'Restarting' : 'Exited';
  return `${verb} (${container.exitCode}) ${since} ago`;
}

/** `docker ps --no-trunc --format '{{json .}}'`: one JSON object per line, keys sorted. */
export function dockerPs(
  view: NodeView,
  offset: number,
  options: { all: boolean; size: boolean },
): string {
  return view.containers
    .filter((container) => options.all || container.state !== 'exited')
    .map((container) => {
      const fields = {
        Command: `"${container.spec.command}"`,
        CreatedAt: goTime(container.createdMs, offset),
        ID: container.id,
        Image: container.spec.image,
        Labels: composeLabels(view, container, view.spec.versions.compose),
        LocalVolumes: '0',
        Mounts: '',
        Names: container.spec.name,
        Networks: 'visionking_default',
        Ports: container.state === 'running' ? container.spec.ports : '',
        RunningFor: `${humanDuration(view.atMs - container.createdMs)} ago`,
        // Without sizes computed Docker still prints the field, as 0B.
        Size: options.size ? sizeField(container) : '0B',
        State: container.state,
        Status: dockerStatus(container, view.atMs),
      };
      return `${goJson(fields)}\n`;
    })
    .join('');
}

/** `120MB (virtual 295MB)`, as the report quotes is-sis-surface. */
function sizeField(container: ContainerView): string {
  return `${humanSize(container.sizeRwBytes)} (virtual ${humanSize(virtualBytes(container))})`;
}

function virtualBytes(container: ContainerView): number {
  return container.spec.imageSize + container.sizeRwBytes;
}

/**
 * What the collector's cgroup script prints: `<id> <memory.current> <memory.max>
 * <inactive_file> <usage_usec>` for every container with a live cgroup (running ones).
 */
export function cgroupLines(view: NodeView): string {
  return view.containers
    .filter((container) => container.state === 'running')
    .map((container) => {
      const inactiveBytes = Math.round(container.memoryBytes * 0.031);
      const current = container.memoryBytes + inactiveBytes;
      const limit = container.memoryLimitBytes === null ? 'max' : container.memoryLimitBytes;
      return `${container.id} ${current} ${limit} ${inactiveBytes} ${container.cpuUsageUsec}\n`;
    })
    .join('');
}

/** `docker inspect --size <ids…>`: found ones as a JSON array, then an error per unknown id. */
export function dockerInspect(view: NodeView, ids: readonly string[]): CommandOutput {
  const found = ids
    .map((id) => view.containers.find((container) => container.id === id))
    .filter((container): container is ContainerView => container !== undefined);
  const missing = ids.filter((id) => !view.containers.some((container) => container.id === id));
  const documents = found.map((container) => inspectDocument(view, container));
  const errors = missing.map((id) => `Error: No such object: ${id}\n`).join('');
  return { stdout: `${goJson(documents, 4)}\n${errors}`, exitCode: missing.length ? 1 : 0 };
}

const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

function isoNano(ms: number | null): string {
  return ms === null ? GO_ZERO_TIME : rfc3339Nano(Math.round(ms * 1000), 0);
}

function inspectDocument(view: NodeView, container: ContainerView): Record<string, unknown> {
  const { spec } = container;
  const [path = '', ...args] = spec.command.split(' ');
  return {
    Id: container.id,
    Created: isoNano(container.createdMs),
    Path: path,
    Args: args,
    State: inspectState(view, container),
    Image: container.imageId,
    Name: `/${spec.name}`,
    RestartCount: container.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    HostConfig: {
      NetworkMode: 'visionking_default',
      RestartPolicy: { Name: spec.restartPolicy, MaximumRetryCount: 0 },
      Memory: container.memoryLimitBytes ?? 0,
    },
    SizeRw: Math.round(container.sizeRwBytes),
    SizeRootFs: Math.round(virtualBytes(container)),
    Config: { Hostname: container.id.slice(0, 12), Image: spec.image, Labels: spec.labels },
  };
}

function inspectState(view: NodeView, container: ContainerView): Record<string, unknown> {
  const running = container.state === 'running';
  const state: Record<string, unknown> = {
    Status: container.state,
    Running: running,
    Paused: false,
    Restarting: container.state === 'restarting',
    OOMKilled: container.oomKilled,
    Dead: false,
    Pid: running ? 1000 + (view.pid % 50_000) : 0,
    ExitCode: running ? 0 : container.exitCode,
    Error: '',
    StartedAt: isoNano(container.startedMs),
    FinishedAt: isoNano(container.finishedMs),
  };
  if (container.spec.health === 'healthy' && running)
    state.Health = { Status: 'healthy', FailingStreak: 0, Log: [] };
  return state;
}

// -- GPUs -----------------------------------------------------------------------------------------

/** `nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits`, fields in the order asked. */
export function nvidiaSmi(view: NodeView, fields: readonly string[]): CommandOutput {
  if (view.gpus.length === 0) {
    return { stdout: 'bash: line 1: nvidia-smi: command not found\n', exitCode: 127 };
  }
  return ok(
    view.gpus.map((gpu) => `${fields.map((field) => gpuCell(gpu, field)).join(', ')}\n`).join(''),
  );
}

/** Readings the driver stops giving in the report's blackout; utilization still reads 0. */
const lostInBlackout = new Set([
  'temperature.gpu',
  'memory.used',
  'memory.total',
  'power.draw',
  'fan.speed',
]);

function gpuCell(gpu: GpuView, field: string): string {
  if (gpu.lost && lostInBlackout.has(field)) return '[N/A]';
  const cells: Record<string, () => string> = {
    index: () => String(gpu.index),
    name: () => gpu.spec.name,
    uuid: () => gpu.spec.uuid,
    'temperature.gpu': () => String(gpu.temperatureC),
    'memory.used': () => String(Math.round(gpu.memoryUsedBytes / MIB)),
    'memory.total': () => String(Math.round(gpu.spec.memoryTotal / MIB)),
    'utilization.gpu': () => String(gpu.utilizationPct),
    'power.draw': () => gpu.powerW.toFixed(2),
    'fan.speed': () => String(gpu.fanPct),
  };
  // TODO(#4): only the fields the collector asks for are simulated; others read [N/A].
  return cells[field]?.() ?? '[N/A]';
}

// -- host -----------------------------------------------------------------------------------------

/** `df -P -B1`: columns aligned the way GNU df aligns them. */
export function df(view: NodeView): string {
  const header = ['Filesystem', '1B-blocks', 'Used', 'Available', 'Capacity', 'Mounted on'];
  return alignColumns([header, ...dfRows(view)]);
}

function dfRows(view: NodeView): string[][] {
  return view.spec.disks.map((disk, index) => {
    const used = Math.round(view.diskUsedBytes[index] ?? disk.usedAtStart);
    const reserved = Math.round((disk.size * disk.reservedPct) / 100);
    const available = Math.max(0, disk.size - used - reserved);
    // df rounds the capacity up: 25.6 % prints as 26%.
    const capacity = used + available === 0 ? 0 : Math.ceil((used * 100) / (used + available));
    const sizes = [disk.size, used, available].map(String);
    return [disk.filesystem, ...sizes, `${capacity}%`, disk.mount];
  });
}

/** First column left-aligned, numbers right-aligned, the last (mount point) as it is. */
function alignColumns(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => {
        if (column === cells.length - 1) return cell;
        const width = widths[column] ?? 0;
        return column === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join(' ');
  return rows.map((cells) => `${line(cells)}\n`).join('');
}

export function timedatectlShow(view: NodeView, scenario: Scenario, offset: number): string {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  return [
    `Timezone=${scenario.timezone}`,
    'LocalRTC=no',
    'CanNTP=yes',
    `NTP=${yesNo(view.spec.clock.ntp)}`,
    `NTPSynchronized=${yesNo(view.spec.clock.synchronized)}`,
    `TimeUSec=${systemdTime(view.atMs, offset)}`,
    `RTCTimeUSec=${systemdTime(view.atMs, offset)}`,
  ]
    .map((line) => `${line}\n`)
    .join('');
}
