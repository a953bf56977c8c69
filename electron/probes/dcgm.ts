// GPU readings from a Prometheus GPU exporter: NVIDIA's DCGM exporter (`DCGM_FI_*`) or
// utkuozdemir's nvidia_gpu_exporter (`nvidia_smi_*`). When an exporter cannot read a value it
// either omits the sample or, for DCGM, writes a "blank" sentinel such as 9223372036854775794;
// both become null with a reason.
import type { Gpu, MissingReason } from '../../shared/snapshot';
import { memoryUsedPct, gpuFromMeasurements, type GpuMetric } from './nvidia-smi';
import { guarded, reason, type Parsed, type ParseProblem, problem } from './parse-result';
import type { PrometheusExposition, PrometheusSample } from './prometheus-text';

const MIB = 1024 * 1024;

interface Measurement {
  value: number | null;
  missing: MissingReason | null;
}

// DCGM's "no value" sentinels (dcgm_structs.h): BLANK, then +1 NOT_FOUND, +2 NOT_SUPPORTED,
// +3 NOT_PERMISSIONED. Compared as text/BigInt because 2^63-14 does not fit a double exactly.
const INT64_BLANK = 0x7ffffffffffffff0n;
const INT32_BLANK = 0x7ffffff0n;
const FP64_BLANK = 140737488355328;
const sentinelMeanings = ['blank', 'not found', 'not supported', 'not permitted'] as const;

/** The reason a DCGM value is a sentinel rather than a reading, or null for a real value. */
export function dcgmSentinel(valueText: string): MissingReason | null {
  const offset = sentinelOffset(valueText.trim());
  if (offset === null) return null;
  const meaning = sentinelMeanings[offset] ?? 'blank';
  const kind = meaning === 'not supported' ? 'not-supported' : 'unavailable';
  return reason(kind, `DCGM: ${meaning} (${valueText.trim()})`);
}

function sentinelOffset(text: string): number | null {
  if (/^\d+$/.test(text)) {
    const value = BigInt(text);
    if (value >= INT64_BLANK) return Number(value - INT64_BLANK);
    if (value >= INT32_BLANK && value <= INT32_BLANK + 3n) return Number(value - INT32_BLANK);
  }
  // Floating-point fields print FP64_BLANK + n, possibly in exponent form or as an integer.
  const value = Number(text);
  if (value >= FP64_BLANK && value <= FP64_BLANK + 3) return Math.round(value - FP64_BLANK);
  return null;
}

// -- DCGM exporter --------------------------------------------------------------------------------

/** A whole-GPU sample: MIG instances carry GPU_I_ID and are reported per instance instead. */
function isWholeGpu(sample: PrometheusSample): boolean {
  return sample.labels.GPU_I_ID === undefined;
}

function dcgmMeasure(samples: PrometheusSample[], metric: string, scale = 1): Measurement {
  const matching = samples.filter((sample) => sample.name === metric);
  const whole = matching.find(isWholeGpu);
  if (!whole) {
    const detail =
      matching.length > 0
        ? `${metric} reported only per MIG instance (${matching.length})`
        : `${metric} not in the exporter output`;
    return { value: null, missing: reason('unavailable', detail) };
  }
  const sentinel = dcgmSentinel(whole.valueText);
  if (sentinel) return { value: null, missing: sentinel };
  return { value: whole.value * scale, missing: null };
}

/** used + free (+ reserved when exported), in bytes. */
function dcgmTotal(samples: PrometheusSample[]): Measurement {
  const used = dcgmMeasure(samples, 'DCGM_FI_DEV_FB_USED', MIB);
  const free = dcgmMeasure(samples, 'DCGM_FI_DEV_FB_FREE', MIB);
  const reserved = dcgmMeasure(samples, 'DCGM_FI_DEV_FB_RESERVED', MIB);
  if (used.value === null) return used;
  if (free.value === null) return free;
  return { value: used.value + free.value + (reserved.value ?? 0), missing: null };
}

function gpuFromDcgmSamples(samples: PrometheusSample[]): Gpu {
  const labels = samples[0]?.labels ?? {};
  const used = dcgmMeasure(samples, 'DCGM_FI_DEV_FB_USED', MIB);
  const total = dcgmTotal(samples);
  const measurements: Record<GpuMetric, Measurement> = {
    temperatureC: dcgmMeasure(samples, 'DCGM_FI_DEV_GPU_TEMP'),
    memoryUsedBytes: used,
    memoryTotalBytes: total,
    memoryUsedPct: memoryUsedPct(used, total),
    utilizationPct: dcgmMeasure(samples, 'DCGM_FI_DEV_GPU_UTIL'),
    powerW: dcgmMeasure(samples, 'DCGM_FI_DEV_POWER_USAGE'),
    fanPct: dcgmMeasure(samples, 'DCGM_FI_DEV_FAN_SPEED'),
  };
  const identity = {
    index: Number(labels.gpu ?? 0),
    name: labels.modelName ?? 'unknown GPU',
    uuid: labels.UUID ?? null,
    uuidMissing: reason('not-collected', 'no UUID label'),
  };
  return gpuFromMeasurements(identity, measurements);
}

/** GPUs from DCGM exporter samples, one per `gpu` label, in index order. */
export function gpusFromDcgm(exposition: PrometheusExposition): Parsed<Gpu[]> {
  return guarded(
    () => [],
    () => {
      const byGpu = groupBy(
        exposition.samples.filter((sample) => sample.name.startsWith('DCGM_FI_')),
        (sample) => sample.labels.gpu,
      );
      const problems = unlabelled(byGpu, 'gpu');
      byGpu.delete(undefined);
      const gpus = [...byGpu.values()].map(gpuFromDcgmSamples).sort((a, b) => a.index - b.index);
      return { value: gpus, problems };
    },
  );
}

// -- nvidia_gpu_exporter --------------------------------------------------------------------------

function exporterMeasure(samples: PrometheusSample[], metric: string, scale = 1): Measurement {
  const sample = samples.find((candidate) => candidate.name === `nvidia_smi_${metric}`);
  if (!sample) {
    // The exporter leaves out what nvidia-smi printed as [N/A] or [Not Supported].
    const detail = `nvidia_smi_${metric} not in the exporter output`;
    return { value: null, missing: reason('unavailable', detail) };
  }
  // Ratios times 100 drift (0.07 * 100 = 7.000000000000001); twelve digits are plenty.
  return { value: Number((sample.value * scale).toPrecision(12)), missing: null };
}

function gpuFromExporterSamples(samples: PrometheusSample[]): Gpu {
  const info = samples.find((sample) => sample.name === 'nvidia_smi_gpu_info')?.labels ?? {};
  const used = exporterMeasure(samples, 'memory_used_bytes');
  const total = exporterMeasure(samples, 'memory_total_bytes');
  const index = exporterMeasure(samples, 'index').value ?? Number(info.index ?? 0);
  return gpuFromMeasurements(
    { index, name: info.name ?? 'unknown GPU', uuid: samples[0]?.labels.uuid ?? null },
    {
      temperatureC: exporterMeasure(samples, 'temperature_gpu'),
      memoryUsedBytes: used,
      memoryTotalBytes: total,
      memoryUsedPct: memoryUsedPct(used, total),
      utilizationPct: exporterMeasure(samples, 'utilization_gpu_ratio', 100),
      powerW: exporterMeasure(samples, 'power_draw_watts'),
      fanPct: exporterMeasure(samples, 'fan_speed_ratio', 100),
    },
  );
}

/** GPUs from nvidia_gpu_exporter samples, one per `uuid` label. */
export function gpusFromNvidiaGpuExporter(exposition: PrometheusExposition): Parsed<Gpu[]> {
  return guarded(
    () => [],
    () => {
      const perGpu = exposition.samples.filter(
        (sample) => sample.name.startsWith('nvidia_smi_') && sample.labels.uuid !== undefined,
      );
      const byUuid = groupBy(perGpu, (sample) => sample.labels.uuid);
      const gpus = [...byUuid.values()].map(gpuFromExporterSamples);
      return { value: gpus.sort((a, b) => a.index - b.index), problems: [] };
    },
  );
}

/** Whichever exporter the samples came from. */
export function gpusFromPrometheus(exposition: PrometheusExposition): Parsed<Gpu[]> {
  const isDcgm = exposition.samples.some((sample) => sample.name.startsWith('DCGM_FI_'));
  return isDcgm ? gpusFromDcgm(exposition) : gpusFromNvidiaGpuExporter(exposition);
}

function groupBy<T>(
  items: T[],
  key: (item: T) => string | undefined,
): Map<string | undefined, T[]> {
  const groups = new Map<string | undefined, T[]>();
  for (const item of items) {
    const group = groups.get(key(item)) ?? [];
    group.push(item);
    groups.set(key(item), group);
  }
  return groups;
}

function unlabelled(
  groups: Map<string | undefined, PrometheusSample[]>,
  label: string,
): ParseProblem[] {
  return (groups.get(undefined) ?? []).map((sample) =>
    problem(sample.line, `${sample.name} has no ${label} label`),
  );
}
