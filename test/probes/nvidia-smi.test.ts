import { describe, expect, it } from 'vitest';
import {
  detectNvidiaSmiFailure,
  gpusFromNvidiaSmiCsv,
  parseNvidiaSmiComputeApps,
  parseNvidiaSmiCsv,
  parseNvidiaSmiTable,
  readSmiCell,
} from '../../electron/probes/nvidia-smi';
import { expectAllCovered, problemTexts, readFixture } from './fixtures';

const FOLDER = '04-nvidia-smi';
const MIB = 1024 * 1024;
const read = (file: string) => readFixture(FOLDER, file);

const files = {
  driverGone: 'error-failed-communicate-driver-single-line.txt',
  noDevices: 'error-no-devices-were-found-rtx5090.txt',
  nvmlMismatch: 'error-nvml-driver-library-mismatch-550-two-lines.txt',
  computeAppsIdle: 'ngx-h100-mig-590.48.01-query-compute-apps-idle-header-only.txt',
  h100Csv: 'ngx-h100-mig-590.48.01-query-gpu-all-fields-csv-idle.txt',
  h200Table: 'ngx-h200-590.48.01-default-table-load-100pct.txt',
  l40sTable: 'ngx-l40s-595.80-default-table-load.txt',
  windowsTable: 'ngx-windows-rtx2080s-591.86-default-table-wddm-NA-memory.txt',
  rtx2060Csv: 'query-gpu-csv-with-header-units-rtx2060.txt',
  gtx770Row: 'query-gpu-noheader-gtx770-many-NotSupported.txt',
  olderDriverRow: 'query-gpu-noheader-nounits-fan-NotSupported-older-driver.txt',
  migTable: 'smi-mig-devices-table-excerpt.txt',
  k80Table: 'smi-table-384.90-tesla-k80-fan-NA-no-processes.txt',
  a6000Table: 'smi-table-515.48.07-rtx-a6000-mig-column.txt',
  p4Table: 'smi-table-550.135-tesla-p4-new-layout.txt',
};

it('covers every nvidia-smi fixture', () => {
  expectAllCovered(FOLDER, Object.values(files));
});

describe('nvidia-smi failures', () => {
  it.each([
    [files.driverGone, 'the NVIDIA driver is not loaded'],
    [files.noDevices, 'no NVIDIA GPU found'],
    [files.nvmlMismatch, 'NVML failed: Driver/library version mismatch'],
  ])('%s is recognised as a failure, not as data', (file, meaning) => {
    expect(detectNvidiaSmiFailure(read(file))).toBe(meaning);
    const gpus = gpusFromNvidiaSmiCsv(read(file));
    expect(gpus.value).toEqual([]);
    expect(problemTexts(gpus)).toEqual([`line 1: nvidia-smi failed: ${meaning}`]);
    expect(problemTexts(parseNvidiaSmiTable(read(file)))).toEqual([
      `line 1: nvidia-smi failed: ${meaning}`,
    ]);
  });

  it('does not take a data row for a failure', () => {
    expect(detectNvidiaSmiFailure(read(files.rtx2060Csv))).toBeNull();
  });
});

describe('CSV cells', () => {
  it('turns every marker into null with its reason', () => {
    expect(readSmiCell(' [N/A]').missing?.kind).toBe('unavailable');
    expect(readSmiCell('N/A').missing?.kind).toBe('unavailable');
    expect(readSmiCell('').missing?.kind).toBe('unavailable');
    expect(readSmiCell('[Not Supported]').missing).toEqual({
      kind: 'not-supported',
      detail: 'nvidia-smi: [Not Supported]',
    });
    expect(readSmiCell('[Requested functionality has been deprecated]').missing?.kind).toBe(
      'not-supported',
    );
    expect(readSmiCell('[Unknown Error]').missing?.kind).toBe('error');
    expect(readSmiCell('[GPU requires reset]').missing?.kind).toBe('error');
  });

  it('reads numbers with and without units', () => {
    expect(readSmiCell('81559 MiB').number).toBe(81559);
    expect(readSmiCell('71.15 W').number).toBe(71.15);
    expect(readSmiCell('100.00 %').number).toBe(100);
    expect(readSmiCell('42').number).toBe(42);
    expect(readSmiCell('NVIDIA H100 80GB HBM3')).toEqual({
      text: 'NVIDIA H100 80GB HBM3',
      number: null,
      missing: null,
    });
  });
});

describe('--query-gpu CSV', () => {
  it('reads the ~200-field H100 MIG query by its header, utilization [N/A] under MIG', () => {
    const result = gpusFromNvidiaSmiCsv(read(files.h100Csv), null);
    expect(result.problems).toEqual([]);
    expect(result.value).toHaveLength(1);
    const [gpu] = result.value;
    expect(gpu).toMatchObject({
      index: 0,
      name: 'NVIDIA H100 80GB HBM3',
      uuid: 'GPU-00000000-0000-0000-0000-000000000000',
      temperatureC: 42,
      memoryUsedBytes: 59 * MIB,
      memoryTotalBytes: 81559 * MIB,
      utilizationPct: null,
      powerW: 71.15,
      fanPct: null,
      telemetry: { state: 'ok' },
    });
    expect(gpu?.memoryUsedPct).toBeCloseTo((59 / 81559) * 100, 6);
    expect(gpu?.missing.utilizationPct).toEqual({
      kind: 'unavailable',
      detail: 'nvidia-smi: [N/A]',
    });
  });

  it('keeps every field of the H100 row, deprecated and empty ones included', () => {
    const [row] = parseNvidiaSmiCsv(read(files.h100Csv)).value;
    expect(Object.keys(row ?? {})).toHaveLength(212);
    expect(row?.['driver_version']?.text).toBe('590.48.01');
    expect(row?.['mig.mode.current']?.text).toBe('Enabled');
    expect(row?.['display_mode']?.missing?.kind).toBe('not-supported');
    expect(row?.['memory.reserved']?.number).toBe(479);
  });

  it('reads a header with units in the values (`20 %`, `5934 MiB`)', () => {
    const result = gpusFromNvidiaSmiCsv(read(files.rtx2060Csv), null);
    expect(result.problems).toEqual([]);
    expect(result.value[0]).toMatchObject({
      index: 0,
      name: 'GeForce RTX 2060',
      uuid: null,
      temperatureC: 36,
      utilizationPct: 20,
      memoryUsedBytes: 682 * MIB,
      memoryTotalBytes: 5934 * MIB,
      powerW: null,
    });
    expect(result.value[0]?.missing.powerW).toEqual({
      kind: 'not-collected',
      detail: 'power.draw not queried',
    });
  });

  it('rejects noheader rows whose field count differs from the query, naming the line', () => {
    expect(problemTexts(gpusFromNvidiaSmiCsv(read(files.gtx770Row)))).toEqual([
      'line 1: expected 9 fields, found 12',
    ]);
    expect(problemTexts(gpusFromNvidiaSmiCsv(read(files.olderDriverRow)))).toEqual([
      'line 1: expected 9 fields, found 7',
    ]);
  });

  it('reads those rows given the field list of the query that produced them', () => {
    // The original queries are not published with these rows; positional names stand in.
    const twelve = Array.from({ length: 12 }, (_, index) => `f${index}`);
    const [gtx] = parseNvidiaSmiCsv(read(files.gtx770Row), twelve).value;
    expect(gtx?.f0?.text).toBe('GeForce GTX 770');
    expect(gtx?.f1?.missing?.kind).toBe('not-supported');
    expect(gtx?.f3?.number).toBe(52);
    expect(gtx?.f6?.number).toBe(52);
    expect(gtx?.f7?.text).toBe('P0');
    const seven = Array.from({ length: 7 }, (_, index) => `f${index}`);
    const [older] = parseNvidiaSmiCsv(read(files.olderDriverRow), seven).value;
    expect([older?.f0?.number, older?.f3?.number, older?.f4?.missing?.kind]).toEqual([
      2004,
      44,
      'not-supported',
    ]);
  });

  it('reads our own query, with an error marker as a null of kind error', () => {
    const row = '0, NVIDIA A2, GPU-1f2e, [Unknown Error], 5970, 15356, 0, 21.5, [N/A]';
    const [gpu] = gpusFromNvidiaSmiCsv(row).value;
    expect(gpu).toMatchObject({ uuid: 'GPU-1f2e', temperatureC: null, utilizationPct: 0 });
    expect(gpu?.missing.temperatureC?.kind).toBe('error');
    expect(gpu?.memoryUsedPct).toBeCloseTo((5970 / 15356) * 100, 6);
  });

  it('marks telemetry unavailable when no live reading came back', () => {
    const row = '0, NVIDIA A2, GPU-1f2e, [N/A], [N/A], [N/A], [N/A], [N/A], [N/A]';
    const [gpu] = gpusFromNvidiaSmiCsv(row).value;
    expect(gpu?.telemetry).toEqual({ state: 'unavailable', reason: 'nvidia-smi: [N/A]' });
  });

  it('says so when output is empty or cut mid-row', () => {
    expect(problemTexts(gpusFromNvidiaSmiCsv(''))).toEqual(['no GPU rows']);
    expect(problemTexts(gpusFromNvidiaSmiCsv('0, NVIDIA A2, GPU-1f2e, 4'))).toEqual([
      'line 1: expected 9 fields, found 4',
    ]);
  });
});

describe('--query-compute-apps CSV', () => {
  it('reads a header-only answer as no processes', () => {
    expect(parseNvidiaSmiComputeApps(read(files.computeAppsIdle))).toEqual({
      value: [],
      problems: [],
    });
  });

  it('reads process rows', () => {
    const row = '2026/07/14 09:00:27.792, NVIDIA H100, 00000000:00:09.0, 0, GPU-aa, 4242, python3';
    const text = `${read(files.computeAppsIdle)}${row}, 6110 MiB\n`;
    expect(parseNvidiaSmiComputeApps(text).value).toEqual([
      {
        gpuIndex: null,
        gpuUuid: 'GPU-aa',
        pid: 4242,
        type: null,
        name: 'python3',
        memoryBytes: 6110 * MIB,
      },
    ]);
  });
});

describe('the default table', () => {
  it('reads an H200 at full load with its processes', () => {
    const result = parseNvidiaSmiTable(read(files.h200Table));
    expect(result.problems).toEqual([]);
    expect(result.value).toMatchObject({ driverVersion: '590.48.01', cudaVersion: '13.1' });
    expect(result.value.gpus[0]).toMatchObject({
      index: 0,
      name: 'NVIDIA H200',
      uuid: null,
      temperatureC: 52,
      powerW: 628,
      memoryUsedBytes: 32362 * MIB,
      memoryTotalBytes: 143771 * MIB,
      utilizationPct: 100,
      fanPct: null,
    });
    expect(result.value.gpus[0]?.missing.fanPct?.kind).toBe('unavailable');
    expect(result.value.gpus[0]?.missing.uuid?.kind).toBe('not-collected');
    expect(result.value.processes.map((process) => [process.pid, process.name])).toEqual([
      [10291, '/root/tools/memhog'],
      [10293, '/root/tools/memhog'],
      [10309, './gpu_burn'],
    ]);
    expect(result.value.processes[2]?.memoryBytes).toBe(28234 * MIB);
  });

  it('reads the newest layout (595.80, CUDA 13.2)', () => {
    const { value, problems } = parseNvidiaSmiTable(read(files.l40sTable));
    expect(problems).toEqual([]);
    expect(value.cudaVersion).toBe('13.2');
    expect(value.gpus[0]).toMatchObject({
      name: 'NVIDIA L40S',
      temperatureC: 54,
      powerW: 110,
      memoryUsedBytes: 1235 * MIB,
      memoryTotalBytes: 46068 * MIB,
      utilizationPct: 9,
    });
    expect(value.processes.map((process) => process.memoryBytes)).toEqual([538 * MIB, 681 * MIB]);
  });

  it('reads Windows WDDM: fan percent, truncated name, process memory N/A as null', () => {
    const { value, problems } = parseNvidiaSmiTable(read(files.windowsTable));
    expect(problems).toEqual([]);
    expect(value.gpus[0]).toMatchObject({
      name: 'NVIDIA GeForce RTX 2080 ...',
      fanPct: 38,
      temperatureC: 45,
      powerW: 97,
      utilizationPct: 7,
      memoryUsedBytes: 1296 * MIB,
    });
    expect(value.processes).toHaveLength(12);
    expect(value.processes.every((process) => process.memoryBytes === null)).toBe(true);
    expect(value.processes[0]).toMatchObject({ pid: 2056, type: 'C+G' });
    expect(value.processes[0]?.name).toBe('C:\\Windows\\System32\\dwm.exe');
    expect(value.processes[11]).toMatchObject({ pid: 26660, type: 'C' });
  });

  it('reads the MIG devices block', () => {
    const { value, problems } = parseNvidiaSmiTable(read(files.migTable));
    expect(problems).toEqual([]);
    expect(value.gpus).toEqual([]);
    expect(value.migDevices).toEqual([
      {
        gpuIndex: 1,
        gpuInstanceId: 3,
        computeInstanceId: 0,
        migIndex: 0,
        memoryUsedBytes: 14366 * MIB,
        memoryTotalBytes: 19968 * MIB,
      },
      {
        gpuIndex: 1,
        gpuInstanceId: 5,
        computeInstanceId: 0,
        migIndex: 1,
        memoryUsedBytes: 9880 * MIB,
        memoryTotalBytes: 19968 * MIB,
      },
      {
        gpuIndex: 1,
        gpuInstanceId: 6,
        computeInstanceId: 0,
        migIndex: 2,
        memoryUsedBytes: 13 * MIB,
        memoryTotalBytes: 19968 * MIB,
      },
    ]);
  });

  it('reads the 384 layout (fan N/A, no processes, no CUDA version, cut-off border)', () => {
    const { value, problems } = parseNvidiaSmiTable(read(files.k80Table));
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ driverVersion: '384.90', cudaVersion: null, processes: [] });
    expect(value.gpus[0]).toMatchObject({
      name: 'Tesla K80',
      temperatureC: 41,
      powerW: 31,
      fanPct: null,
      memoryUsedBytes: 11 * MIB,
      memoryTotalBytes: 11439 * MIB,
      utilizationPct: 0,
    });
  });

  it('reads the 515 layout with the MIG M. column', () => {
    const { value, problems } = parseNvidiaSmiTable(read(files.a6000Table));
    expect(problems).toEqual([]);
    expect(value.cudaVersion).toBe('11.7');
    expect(value.gpus[0]).toMatchObject({
      name: 'NVIDIA RTX A6000',
      fanPct: 30,
      temperatureC: 32,
      powerW: 8,
      memoryUsedBytes: 5 * MIB,
      memoryTotalBytes: 49140 * MIB,
    });
  });

  it('reads the wider 550 layout', () => {
    const { value, problems } = parseNvidiaSmiTable(read(files.p4Table));
    expect(problems).toEqual([]);
    expect(value.gpus[0]).toMatchObject({
      name: 'Tesla P4',
      temperatureC: 49,
      powerW: 24,
      memoryUsedBytes: 7719 * MIB,
      memoryTotalBytes: 8192 * MIB,
      utilizationPct: 6,
    });
    expect(value.gpus[0]?.memoryUsedPct).toBeCloseTo((7719 / 8192) * 100, 6);
  });

  it('names the line of a GPU whose metrics line is garbled, and empty output', () => {
    const lines = read(files.p4Table).split('\n');
    lines[9] = '| garbled |';
    expect(problemTexts(parseNvidiaSmiTable(lines.join('\n')))).toEqual([
      'line 10: GPU metrics line not understood',
      'no GPU rows found',
    ]);
    const cut = lines.slice(0, 9).join('\n');
    expect(problemTexts(parseNvidiaSmiTable(cut))).toEqual([
      'line 9: GPU row cut off after it',
      'no GPU rows found',
    ]);
    expect(problemTexts(parseNvidiaSmiTable(''))).toEqual(['no GPU rows found']);
  });
});
