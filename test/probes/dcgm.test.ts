import { describe, expect, it } from 'vitest';
import {
  dcgmSentinel,
  gpusFromDcgm,
  gpusFromNvidiaGpuExporter,
  gpusFromPrometheus,
} from '../../electron/probes/dcgm';
import { parsePrometheusText } from '../../electron/probes/prometheus-text';
import { expectAllCovered, problemTexts, readFixture } from './fixtures';

const FOLDER = '05-dcgm-nvidia-gpu-exporter';
const MIB = 1024 * 1024;
const files = {
  a30: 'dcgm-exporter-a30-mig-fb-free-excerpt.txt',
  readme: 'dcgm-exporter-readme-blank-sentinel-9223372036854775794-spaces-in-labels.txt',
  v100: 'dcgm-exporter-v100-hostname-label-excerpt.txt',
  windows:
    'nvidia_gpu_exporter-golden-windows-x86_64__nvidia-geforce-rtx-2080-super__591.86__load.txt',
};
const exposition = (file: string) => parsePrometheusText(readFixture(FOLDER, file)).value;

it('covers every GPU exporter fixture', () => {
  expectAllCovered(FOLDER, Object.values(files));
});

describe('DCGM sentinels', () => {
  it('recognises the int64 sentinels from their exact digits', () => {
    expect(dcgmSentinel('9223372036854775794')).toEqual({
      kind: 'not-supported',
      detail: 'DCGM: not supported (9223372036854775794)',
    });
    expect(dcgmSentinel('9223372036854775792')?.detail).toBe('DCGM: blank (9223372036854775792)');
    expect(dcgmSentinel('9223372036854775793')?.kind).toBe('unavailable');
    expect(dcgmSentinel('9223372036854775795')?.detail).toContain('not permitted');
  });

  it('recognises the int32 and fp64 sentinels, and leaves real values alone', () => {
    expect(dcgmSentinel('2147483634')?.kind).toBe('not-supported');
    expect(dcgmSentinel('140737488355328')?.detail).toContain('blank');
    expect(dcgmSentinel('1.40737488355330e+14')?.kind).toBe('not-supported');
    expect(dcgmSentinel('139')).toBeNull();
    expect(dcgmSentinel('300.000000')).toBeNull();
    expect(dcgmSentinel('2147483648')).toBeNull();
  });
});

describe('DCGM exporter', () => {
  it('reads the README sample: one GPU whose fields are not exported', () => {
    const result = gpusFromPrometheus(exposition(files.readme));
    expect(result.problems).toEqual([]);
    expect(result.value).toHaveLength(1);
    expect(result.value[0]).toMatchObject({
      index: 0,
      name: 'unknown GPU',
      uuid: 'GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52',
      temperatureC: null,
      telemetry: {
        state: 'unavailable',
        reason: 'DCGM_FI_DEV_GPU_TEMP not in the exporter output',
      },
    });
  });

  it('turns a sentinel in a mapped field into null with "not supported"', () => {
    const text = readFixture(FOLDER, files.readme).replace(
      'DCGM_FI_DEV_MEMORY_TEMP{',
      'DCGM_FI_DEV_GPU_TEMP{',
    );
    const [gpu] = gpusFromDcgm(parsePrometheusText(text).value).value;
    expect(gpu?.temperatureC).toBeNull();
    expect(gpu?.missing.temperatureC).toEqual({
      kind: 'not-supported',
      detail: 'DCGM: not supported (9223372036854775794)',
    });
  });

  it('reads four V100s by their gpu label, with utilization where exported', () => {
    const result = gpusFromDcgm(exposition(files.v100));
    expect(result.value.map((gpu) => [gpu.index, gpu.uuid])).toEqual([
      [0, 'GPU-a6158b59-2c1e-1e63-0068-9178c4298abd'],
      [1, 'GPU-8d5053b3-9280-7d1a-751b-4fd2fdd547c5'],
      [2, 'GPU-a9079f15-493e-6c1c-c78c-73ec2b840cba'],
      [3, 'GPU-bd94f0f5-8c2f-bc95-74ad-5f99fdc33d01'],
    ]);
    expect(result.value[0]).toMatchObject({
      name: 'Tesla V100-SXM2-32GB',
      utilizationPct: 0,
      telemetry: { state: 'ok' },
    });
    expect(result.value[1]?.missing.utilizationPct?.detail).toBe(
      'DCGM_FI_DEV_GPU_UTIL not in the exporter output',
    );
  });

  it('does not add MIG instances up into a whole-GPU memory figure', () => {
    const result = gpusFromDcgm(exposition(files.a30));
    expect(result.value.map((gpu) => [gpu.index, gpu.name])).toEqual([
      [0, 'NVIDIA A30'],
      [1, 'NVIDIA A30'],
    ]);
    expect(result.value[0]?.memoryTotalBytes).toBeNull();
    expect(result.value[0]?.missing.memoryTotalBytes?.detail).toBe(
      'DCGM_FI_DEV_FB_USED not in the exporter output',
    );
  });

  it('reads memory, temperature, power and utilization of a whole GPU', () => {
    const text = [
      'DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-1",modelName="NVIDIA A2"} 27',
      'DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-1",modelName="NVIDIA A2"} 10342',
      'DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-1",modelName="NVIDIA A2"} 4641',
      'DCGM_FI_DEV_FB_RESERVED{gpu="0",UUID="GPU-1",modelName="NVIDIA A2"} 373',
      'DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-1",modelName="NVIDIA A2"} 0',
      'DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-1",modelName="NVIDIA A2"} 17.5',
      'DCGM_FI_DEV_FB_USED{UUID="GPU-x"} 1',
    ].join('\n');
    const result = gpusFromDcgm(parsePrometheusText(text).value);
    expect(result.value[0]).toMatchObject({
      temperatureC: 27,
      memoryUsedBytes: 10342 * MIB,
      memoryTotalBytes: (10342 + 4641 + 373) * MIB,
      utilizationPct: 0,
      powerW: 17.5,
      fanPct: null,
    });
    expect(result.value[0]?.memoryUsedPct).toBeCloseTo((10342 / 15356) * 100, 6);
    expect(problemTexts(result)).toEqual(['line 7: DCGM_FI_DEV_FB_USED has no gpu label']);
  });
});

describe('nvidia_gpu_exporter', () => {
  it('reads the RTX 2080 SUPER under load from the golden file', () => {
    const result = gpusFromPrometheus(exposition(files.windows));
    expect(result.problems).toEqual([]);
    expect(result.value).toEqual([
      {
        index: 0,
        name: 'NVIDIA GeForce RTX 2080 SUPER',
        uuid: '00000000-0000-0000-0000-000000000000',
        temperatureC: 45,
        memoryUsedBytes: 1_358_954_496,
        memoryTotalBytes: 8_589_934_592,
        memoryUsedPct: (1_358_954_496 / 8_589_934_592) * 100,
        utilizationPct: 7,
        powerW: 97.43,
        fanPct: 38,
        telemetry: { state: 'ok' },
        missing: {},
      },
    ]);
  });

  it('reports a metric the exporter left out (nvidia-smi printed [N/A]) as unavailable', () => {
    const text = readFixture(FOLDER, files.windows)
      .split('\n')
      .filter((line) => !line.startsWith('nvidia_smi_temperature_gpu'))
      .join('\n');
    const [gpu] = gpusFromNvidiaGpuExporter(parsePrometheusText(text).value).value;
    expect(gpu?.temperatureC).toBeNull();
    expect(gpu?.missing.temperatureC).toEqual({
      kind: 'unavailable',
      detail: 'nvidia_smi_temperature_gpu not in the exporter output',
    });
  });

  it('finds no GPU in an exposition without GPU metrics', () => {
    expect(gpusFromPrometheus(parsePrometheusText('up 1\n').value).value).toEqual([]);
  });
});
