// Host readings from node_exporter (or a compatible clone) via its /metrics text. Metric names
// changed in node_exporter 0.16 (`node_memory_MemTotal` → `node_memory_MemTotal_bytes`); both
// generations are read.
import type { Disk, MissingMap, MissingReason } from '../../shared/snapshot';
import { guarded, reason, type Parsed } from './parse-result';
import { samplesNamed, type PrometheusExposition } from './prometheus-text';

export interface NodeExporterHost {
  bootTimeSeconds: number | null;
  uptimeSeconds: number | null;
  load1: number | null;
  memTotalBytes: number | null;
  memAvailableBytes: number | null;
  disks: Disk[];
  missing: MissingMap;
}

/** The first value of a metric under its new or its old name. */
function scalar(exposition: PrometheusExposition, ...names: string[]): number | null {
  return samplesNamed(exposition, ...names)[0]?.value ?? null;
}

function absent(names: string[], note = ''): MissingReason {
  return reason('unavailable', `${names.join(' / ')} not in the exporter output${note}`);
}

export function hostFromNodeExporter(exposition: PrometheusExposition): Parsed<NodeExporterHost> {
  return guarded(
    () => ({ ...emptyHost(), missing: {} }),
    () => {
      const names = metricNames;
      const bootTimeSeconds = scalar(exposition, ...names.bootTime);
      const now = scalar(exposition, ...names.time);
      const host: NodeExporterHost = {
        bootTimeSeconds,
        uptimeSeconds: bootTimeSeconds !== null && now !== null ? now - bootTimeSeconds : null,
        load1: scalar(exposition, ...names.load1),
        memTotalBytes: scalar(exposition, ...names.memTotal),
        memAvailableBytes: scalar(exposition, ...names.memAvailable),
        disks: disksFromNodeExporter(exposition),
        missing: {},
      };
      return { value: { ...host, missing: hostReasons(host) }, problems: [] };
    },
  );
}

const metricNames = {
  bootTime: ['node_boot_time_seconds', 'node_boot_time'],
  time: ['node_time_seconds', 'node_time'],
  load1: ['node_load1'],
  memTotal: ['node_memory_MemTotal_bytes', 'node_memory_MemTotal'],
  memAvailable: ['node_memory_MemAvailable_bytes', 'node_memory_MemAvailable'],
};

function emptyHost(): Omit<NodeExporterHost, 'missing'> {
  return {
    bootTimeSeconds: null,
    uptimeSeconds: null,
    load1: null,
    memTotalBytes: null,
    memAvailableBytes: null,
    disks: [],
  };
}

function hostReasons(host: NodeExporterHost): MissingMap {
  const missing: MissingMap = {};
  if (host.bootTimeSeconds === null) missing.bootTimeSeconds = absent(metricNames.bootTime);
  if (host.uptimeSeconds === null) {
    missing.uptimeSeconds = absent([...metricNames.bootTime, ...metricNames.time]);
  }
  if (host.load1 === null) missing.load1 = absent(metricNames.load1);
  if (host.memTotalBytes === null) missing.memTotalBytes = absent(metricNames.memTotal);
  if (host.memAvailableBytes === null) {
    // Linux added MemAvailable in 3.14; older kernels (and old exporters) have no such line.
    const note = ' (kernels before 3.14 have no MemAvailable)';
    missing.memAvailableBytes = absent(metricNames.memAvailable, note);
  }
  return missing;
}

/** One Disk per mount point, from node_filesystem_{size,avail,free}(_bytes). */
export function disksFromNodeExporter(exposition: PrometheusExposition): Disk[] {
  const mounts = new Map<string, Record<string, number>>();
  const devices = new Map<string, string>();
  for (const [key, names] of Object.entries(filesystemMetrics)) {
    for (const sample of samplesNamed(exposition, ...names)) {
      const mount = sample.labels.mountpoint ?? sample.labels.mountPoint;
      if (mount === undefined) continue;
      mounts.set(mount, { ...mounts.get(mount), [key]: sample.value });
      if (sample.labels.device) devices.set(mount, sample.labels.device);
    }
  }
  return [...mounts.entries()].map(([mount, values]) =>
    diskFrom(mount, devices.get(mount) ?? null, values),
  );
}

const filesystemMetrics = {
  size: ['node_filesystem_size_bytes', 'node_filesystem_size'],
  avail: ['node_filesystem_avail_bytes', 'node_filesystem_avail'],
  free: ['node_filesystem_free_bytes', 'node_filesystem_free'],
};

/** Used = size − free; used % as df computes it: used / (used + available to users). */
function diskFrom(mount: string, device: string | null, values: Record<string, number>): Disk {
  const size = values.size ?? null;
  const used = size !== null && values.free !== undefined ? size - values.free : null;
  const available = values.avail ?? null;
  const usable = used !== null && available !== null ? used + available : null;
  const disk = {
    mount,
    filesystem: device,
    sizeBytes: size,
    usedBytes: used,
    availableBytes: available,
    usedPct: usable ? ((used ?? 0) / usable) * 100 : null,
  };
  const missing: MissingMap = {};
  for (const [field, value] of Object.entries(disk)) {
    if (value === null) missing[field] = reason('unavailable', 'filesystem metric not exported');
  }
  return { ...disk, missing };
}
