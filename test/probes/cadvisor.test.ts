import { describe, expect, it } from 'vitest';
import {
  cadvisorVersion,
  containerIdOfCgroup,
  containersFromCadvisor,
} from '../../electron/probes/cadvisor';
import { parsePrometheusText } from '../../electron/probes/prometheus-text';
import { expectAllCovered, readFixture } from './fixtures';

const FOLDER = '06-cadvisor-node-exporter';
const exposition = (file: string) => parsePrometheusText(readFixture(FOLDER, file)).value;
const files = {
  zeroMemory: 'cadvisor-memory-usage-zero-empty-compose-labels-systemd-scope.txt',
  accelerator: 'cadvisor-v0.28.3-version-info-accelerator-docker-id-image-name-excerpt.txt',
};

it('covers every cAdvisor and node_exporter fixture (node_exporter ones in its own test)', () => {
  expectAllCovered(FOLDER, [
    ...Object.values(files),
    'lua-metrics-openwrt-old-node-names-http-response.txt',
    'node-exporter-filesystem-avail-fuse-zero-filefd-max-excerpt.txt',
    'node-exporter-v0.14-old-names-no-MemAvailable-kernel3.13-excerpt.txt',
  ]);
});

describe('cAdvisor containers', () => {
  it('reports a 0-byte memory reading under a systemd scope as unavailable, not 0', () => {
    const { value, problems } = containersFromCadvisor(exposition(files.zeroMemory));
    expect(problems).toEqual([]);
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject({
      containerId: 'b52384e2f77b8a50e80b32bca402530e161e5eedc7d260767fdb3511475e030b',
      name: 'cadvisor',
      image: 'google/cadvisor:latest',
      memoryBytes: null,
    });
    expect(value[0]?.missing.memoryBytes).toEqual({
      kind: 'unavailable',
      detail: 'cAdvisor reported 0 bytes',
    });
  });

  it('reads accelerator metrics of a cgroup v1 /docker/<id> container', () => {
    const { value } = containersFromCadvisor(exposition(files.accelerator));
    expect(value).toEqual([
      expect.objectContaining({
        cgroup: '/docker/eb4aedb7c1291067282fc1785470bf657884227e7ba4ad334900e9f6e1ef5e31',
        containerId: 'eb4aedb7c1291067282fc1785470bf657884227e7ba4ad334900e9f6e1ef5e31',
        name: 'cadvisor',
        acceleratorDutyCyclePct: 0,
        acceleratorMemoryTotalBytes: 11_995_578_368,
        memoryBytes: null,
      }),
    ]);
  });

  it('reads the version line', () => {
    expect(cadvisorVersion(exposition(files.accelerator))).toEqual({
      cadvisorVersion: 'v0.28.3',
      dockerVersion: '1.13.1',
      kernelVersion: '4.4.111-k8s',
      osVersion: 'Alpine Linux v3.4',
    });
    expect(cadvisorVersion(exposition(files.zeroMemory))).toBeNull();
  });

  it('finds container IDs in both cgroup layouts and none elsewhere', () => {
    const id = 'a'.repeat(64);
    expect(containerIdOfCgroup(`/docker/${id}`)).toBe(id);
    expect(containerIdOfCgroup(`/system.slice/docker-${id}.scope`)).toBe(id);
    expect(containerIdOfCgroup('/system.slice/sshd.service')).toBeNull();
  });
});
