// Container readings from cAdvisor's /metrics: memory per container, GPU accelerator use, and
// cAdvisor's own version line. cAdvisor names a container by its cgroup path (`id` label):
// `/docker/<64 hex>` under cgroup v1, `/system.slice/docker-<64 hex>.scope` under systemd.
import type { MissingMap } from '../../shared/snapshot';
import { guarded, reason, type Parsed } from './parse-result';
import type { PrometheusExposition, PrometheusSample } from './prometheus-text';

export interface CadvisorContainer {
  /** The cgroup path, as cAdvisor labels it. */
  cgroup: string;
  containerId: string | null;
  name: string | null;
  image: string | null;
  memoryBytes: number | null;
  acceleratorDutyCyclePct: number | null;
  acceleratorMemoryTotalBytes: number | null;
  missing: MissingMap;
}

/** The Docker container ID inside a cgroup path, or null for non-container cgroups. */
export function containerIdOfCgroup(cgroup: string): string | null {
  return /docker[-/]([0-9a-f]{64})(?:\.scope)?$/.exec(cgroup)?.[1] ?? null;
}

const metricFields = {
  container_memory_usage_bytes: 'memoryBytes',
  container_accelerator_duty_cycle: 'acceleratorDutyCyclePct',
  container_accelerator_memory_total_bytes: 'acceleratorMemoryTotalBytes',
} as const;

type MetricField = (typeof metricFields)[keyof typeof metricFields];

export function containersFromCadvisor(
  exposition: PrometheusExposition,
): Parsed<CadvisorContainer[]> {
  return guarded(
    () => [],
    () => {
      const byCgroup = new Map<string, CadvisorContainer>();
      for (const sample of exposition.samples) {
        const field = metricFields[sample.name as keyof typeof metricFields];
        if (field && sample.labels.id !== undefined) record(byCgroup, sample, field);
      }
      return { value: [...byCgroup.values()].map(withReasons), problems: [] };
    },
  );
}

function record(
  byCgroup: Map<string, CadvisorContainer>,
  sample: PrometheusSample,
  field: MetricField,
): void {
  const cgroup = sample.labels.id ?? '';
  const container = byCgroup.get(cgroup) ?? {
    cgroup,
    containerId: containerIdOfCgroup(cgroup),
    name: sample.labels.name || null,
    image: sample.labels.image || null,
    memoryBytes: null,
    acceleratorDutyCyclePct: null,
    acceleratorMemoryTotalBytes: null,
    missing: {},
  };
  container[field] = sample.value;
  byCgroup.set(cgroup, container);
}

function withReasons(container: CadvisorContainer): CadvisorContainer {
  const missing: MissingMap = {};
  // A running container never uses 0 bytes: cAdvisor reads 0 when it cannot see the cgroup's
  // memory accounting (seen with systemd scopes), so 0 is reported as missing, not as a value.
  const memoryBytes = container.memoryBytes === 0 ? null : container.memoryBytes;
  if (container.memoryBytes === 0) {
    missing.memoryBytes = reason('unavailable', 'cAdvisor reported 0 bytes');
  }
  const result = { ...container, memoryBytes };
  for (const field of Object.values(metricFields)) {
    if (result[field] === null && !missing[field]) {
      missing[field] = reason('unavailable', 'metric not in the cAdvisor output');
    }
  }
  if (result.containerId === null) missing.containerId = reason('not-applicable', 'not Docker');
  if (result.name === null) missing.name = reason('unavailable', 'no name label');
  if (result.image === null) missing.image = reason('unavailable', 'no image label');
  return { ...result, missing };
}

export interface CadvisorVersion {
  cadvisorVersion: string | null;
  dockerVersion: string | null;
  kernelVersion: string | null;
  osVersion: string | null;
}

/** The labels of `cadvisor_version_info`, or null when the exposition has none. */
export function cadvisorVersion(exposition: PrometheusExposition): CadvisorVersion | null {
  const info = exposition.samples.find((sample) => sample.name === 'cadvisor_version_info');
  if (!info) return null;
  return {
    cadvisorVersion: info.labels.cadvisorVersion ?? null,
    dockerVersion: info.labels.dockerVersion ?? null,
    kernelVersion: info.labels.kernelVersion ?? null,
    osVersion: info.labels.osVersion ?? null,
  };
}
