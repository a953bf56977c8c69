import { describe, expect, it } from 'vitest';
import {
  parsePrometheusText,
  parseSampleLine,
  samplesNamed,
} from '../../electron/probes/prometheus-text';
import { fixtureFiles, problemTexts, readFixture } from './fixtures';

const GPU = '05-dcgm-nvidia-gpu-exporter';
const HOST = '06-cadvisor-node-exporter';
const WINDOWS_GOLDEN =
  'nvidia_gpu_exporter-golden-windows-x86_64__nvidia-geforce-rtx-2080-super__591.86__load.txt';

describe('every exporter fixture', () => {
  // Sample lines per file: every non-comment, non-blank line of the body, minus the README's
  // `...` elision, which is the one line reported as a problem.
  const expected: Record<string, { samples: number; problems: string[] }> = {
    'dcgm-exporter-a30-mig-fb-free-excerpt.txt': { samples: 6, problems: [] },
    'dcgm-exporter-readme-blank-sentinel-9223372036854775794-spaces-in-labels.txt': {
      samples: 3,
      problems: ['line 7: not a sample: "..."'],
    },
    'dcgm-exporter-v100-hostname-label-excerpt.txt': { samples: 7, problems: [] },
    [WINDOWS_GOLDEN]: { samples: 92, problems: [] },
    'cadvisor-memory-usage-zero-empty-compose-labels-systemd-scope.txt': {
      samples: 1,
      problems: [],
    },
    'cadvisor-v0.28.3-version-info-accelerator-docker-id-image-name-excerpt.txt': {
      samples: 3,
      problems: [],
    },
    'lua-metrics-openwrt-old-node-names-http-response.txt': { samples: 24, problems: [] },
    'node-exporter-filesystem-avail-fuse-zero-filefd-max-excerpt.txt': {
      samples: 9,
      problems: [],
    },
    'node-exporter-v0.14-old-names-no-MemAvailable-kernel3.13-excerpt.txt': {
      samples: 6,
      problems: [],
    },
  };

  it('lists every file of both exporter folders', () => {
    expect(Object.keys(expected).sort()).toEqual(
      [...fixtureFiles(GPU), ...fixtureFiles(HOST)].sort(),
    );
  });

  it.each(Object.entries(expected))('%s', (file, { samples, problems }) => {
    const folder = fixtureFiles(GPU).includes(file) ? GPU : HOST;
    const result = parsePrometheusText(readFixture(folder, file));
    expect(result.value.samples).toHaveLength(samples);
    expect(problemTexts(result)).toEqual(problems);
  });
});

describe('exposition details', () => {
  it('keeps the exact digits of the DCGM blank sentinel and reads labels after ", "', () => {
    const text = readFixture(
      GPU,
      'dcgm-exporter-readme-blank-sentinel-9223372036854775794-spaces-in-labels.txt',
    );
    const [memoryTemperature] = samplesNamed(
      parsePrometheusText(text).value,
      'DCGM_FI_DEV_MEMORY_TEMP',
    );
    expect(memoryTemperature?.valueText).toBe('9223372036854775794');
    expect(memoryTemperature?.labels).toEqual({
      gpu: '0',
      UUID: 'GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52',
    });
    expect(parsePrometheusText(text).value.families.DCGM_FI_DEV_SM_CLOCK).toEqual({
      type: 'gauge',
      help: 'SM clock frequency (in MHz).',
    });
  });

  it('reads float values, counters and escaped backslashes in label values', () => {
    const v100 = parsePrometheusText(
      readFixture(GPU, 'dcgm-exporter-v100-hostname-label-excerpt.txt'),
    ).value;
    expect(samplesNamed(v100, 'DCGM_FI_DEV_POWER_MGMT_LIMIT')[0]?.value).toBe(300);
    expect(v100.families.DCGM_FI_DEV_PCIE_REPLAY_COUNTER?.type).toBe('counter');
    const windows = parsePrometheusText(readFixture(GPU, WINDOWS_GOLDEN)).value;
    const apps = samplesNamed(windows, 'nvidia_smi_compute_app_info');
    expect(apps.find((app) => app.labels.pid === '12332')?.labels.process_name).toBe(
      'C:\\Windows\\explorer.exe',
    );
  });

  it('skips the status line and headers of a raw HTTP response', () => {
    const result = parsePrometheusText(
      readFixture(HOST, 'lua-metrics-openwrt-old-node-names-http-response.txt'),
    );
    expect(result.value.samples[0]).toMatchObject({ name: 'node_boot_time', value: 1.48854e9 });
    expect(result.value.samples[0]?.line).toBe(6);
  });

  it('reads huge floats and labels with empty values', () => {
    const filesystem = parsePrometheusText(
      readFixture(HOST, 'node-exporter-filesystem-avail-fuse-zero-filefd-max-excerpt.txt'),
    ).value;
    expect(samplesNamed(filesystem, 'node_filefd_maximum')[0]?.value).toBe(9.223372036854776e18);
    const cadvisor = parsePrometheusText(
      readFixture(HOST, 'cadvisor-memory-usage-zero-empty-compose-labels-systemd-scope.txt'),
    ).value;
    expect(cadvisor.samples[0]?.labels.container_label_maintainer).toBe('');
    expect(cadvisor.samples[0]?.labels.name).toBe('cadvisor');
  });

  it('reads NaN, ±Inf, timestamps and escapes', () => {
    expect(parseSampleLine('up NaN', 1)).toMatchObject({ value: NaN });
    expect(parseSampleLine('x{le="+Inf"} +Inf 1700000000000', 1)).toMatchObject({
      value: Infinity,
      timestampMs: 1_700_000_000_000,
      labels: { le: '+Inf' },
    });
    expect(parseSampleLine('x{a="q\\"uote\\nline"} -Inf', 1)).toMatchObject({
      labels: { a: 'q"uote\nline' },
      value: -Infinity,
    });
  });

  it('names what is wrong with a broken line and keeps the others', () => {
    const text = [
      'ok 1',
      'cut{gpu="0"',
      'bad{9gpu="0"} 1',
      'unclosed{gpu="0} 1',
      'novalue{gpu="0"}',
      'bad{gpu="0"} abc',
      'extra 1 2 3',
      '{gpu="0"} 1',
    ].join('\n');
    const result = parsePrometheusText(text);
    expect(result.value.samples.map((sample) => sample.name)).toEqual(['ok']);
    expect(problemTexts(result)).toEqual([
      'line 2: label set not closed (line cut short?)',
      'line 3: bad label name at column 5',
      'line 4: label gpu is not closed',
      'line 5: value "" of novalue is not a number',
      'line 6: value "abc" of bad is not a number',
      'line 7: unexpected text after the value of extra',
      'line 8: not a sample: "{gpu="0"} 1"',
    ]);
  });

  it('reports a non-200 HTTP status', () => {
    const result = parsePrometheusText('HTTP/1.1 503 Service Unavailable\n\n');
    expect(problemTexts(result)).toEqual(['line 1: HTTP status 503']);
  });
});
