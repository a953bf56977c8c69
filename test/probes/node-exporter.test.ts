import { describe, expect, it } from 'vitest';
import { hostFromNodeExporter } from '../../electron/probes/node-exporter';
import { parsePrometheusText } from '../../electron/probes/prometheus-text';
import { readFixture } from './fixtures';

const FOLDER = '06-cadvisor-node-exporter';
const host = (file: string) =>
  hostFromNodeExporter(parsePrometheusText(readFixture(FOLDER, file)).value);

describe('node_exporter host readings', () => {
  it('reads old metric names from the lua-metrics clone (behind HTTP headers)', () => {
    const { value, problems } = host('lua-metrics-openwrt-old-node-names-http-response.txt');
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      bootTimeSeconds: 1.48854e9,
      uptimeSeconds: null,
      load1: 0.18,
      memTotalBytes: 5.20069e8,
      memAvailableBytes: 4.60177e8,
      disks: [],
    });
    expect(value.missing.uptimeSeconds?.kind).toBe('unavailable');
  });

  it('says why MemAvailable is missing from a node_exporter 0.14 on kernel 3.13', () => {
    const { value } = host('node-exporter-v0.14-old-names-no-MemAvailable-kernel3.13-excerpt.txt');
    expect(value.memAvailableBytes).toBeNull();
    expect(value.missing.memAvailableBytes).toEqual({
      kind: 'unavailable',
      detail:
        'node_memory_MemAvailable_bytes / node_memory_MemAvailable not in the exporter output' +
        ' (kernels before 3.14 have no MemAvailable)',
    });
  });

  it('reads filesystems by mount point, keeping a real 0 available on fuse', () => {
    const { value } = host('node-exporter-filesystem-avail-fuse-zero-filefd-max-excerpt.txt');
    expect(value.disks.map((disk) => [disk.mount, disk.filesystem, disk.availableBytes])).toEqual([
      ['/run/user/1000/doc', '/dev/fuse', 0],
      ['/', '/dev/mapper/vgubuntu-root', 57_639_469_056],
      ['/boot/efi', '/dev/nvme0n1p1', 503_590_912],
      ['/boot', '/dev/nvme0n1p2', 854_884_352],
      ['/run/user/1000/gvfs', 'gvfsd-fuse', 0],
      ['/run', 'tmpfs', 1_638_641_664],
      ['/run/lock', 'tmpfs', 5_238_784],
      ['/run/user/1000', 'tmpfs', 1_641_807_872],
    ]);
    expect(value.disks[1]?.sizeBytes).toBeNull();
    expect(value.disks[1]?.missing.sizeBytes?.kind).toBe('unavailable');
  });

  it('computes uptime and used percentage as df does, from current metric names', () => {
    const text = [
      'node_boot_time_seconds 1771400000',
      'node_time_seconds 1771406846',
      'node_load1 0.42',
      'node_memory_MemTotal_bytes 6.7e10',
      'node_memory_MemAvailable_bytes 2.1e10',
      'node_filesystem_size_bytes{mountpoint="/",device="/dev/sda1"} 1000',
      'node_filesystem_free_bytes{mountpoint="/",device="/dev/sda1"} 300',
      'node_filesystem_avail_bytes{mountpoint="/",device="/dev/sda1"} 250',
    ].join('\n');
    const { value } = hostFromNodeExporter(parsePrometheusText(text).value);
    expect(value).toMatchObject({ uptimeSeconds: 6846, load1: 0.42, memTotalBytes: 6.7e10 });
    expect(value.missing).toEqual({});
    expect(value.disks[0]).toMatchObject({ sizeBytes: 1000, usedBytes: 700, availableBytes: 250 });
    expect(value.disks[0]?.usedPct).toBeCloseTo((700 / 950) * 100, 9);
  });

  it('gives every host field a reason when the exposition is not node_exporter', () => {
    const { value } = host('cadvisor-memory-usage-zero-empty-compose-labels-systemd-scope.txt');
    expect(Object.keys(value.missing).sort()).toEqual([
      'bootTimeSeconds',
      'load1',
      'memAvailableBytes',
      'memTotalBytes',
      'uptimeSeconds',
    ]);
  });
});
