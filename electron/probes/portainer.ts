// Portainer's HTTP API: `/api/endpoints` (one entry per Docker environment, with Portainer's own
// periodic snapshot of it) and the Docker Engine API it proxies (`…/docker/containers/json`).
// When SSH is down everywhere, as in the reference report, Portainer may be the only window left.
import type { ContainerState } from '../../shared/snapshot';
import { parseDockerStatus, splitImageReference, toContainerState } from './docker';
import {
  asFiniteNumber,
  asRecord,
  asString,
  guarded,
  parseJsonObjects,
  parseJson,
  problem,
  type Parsed,
} from './parse-result';

export interface PortainerEndpoint {
  id: number | null;
  name: string;
  url: string | null;
  /** Portainer's Status: 1 up, 2 down. */
  up: boolean | null;
  snapshot: PortainerSnapshot | null;
}

export interface PortainerSnapshot {
  takenAt: string | null;
  dockerVersion: string | null;
  runningContainers: number | null;
  stoppedContainers: number | null;
  totalMemoryBytes: number | null;
  totalCpus: number | null;
}

/** `/api/endpoints`. A truncated body yields no endpoints and a problem at the line it stops. */
export function parsePortainerEndpoints(text: string): Parsed<PortainerEndpoint[]> {
  return guarded(
    () => [],
    () => parseJsonObjects(text, endpointFrom),
  );
}

function endpointFrom(record: Record<string, unknown>): PortainerEndpoint {
  const status = asFiniteNumber(record.Status);
  const snapshots = Array.isArray(record.Snapshots) ? record.Snapshots : [];
  const latest = asRecord(snapshots[snapshots.length - 1]);
  return {
    id: asFiniteNumber(record.Id),
    name: asString(record.Name) ?? '',
    url: asString(record.URL),
    up: status === 1 ? true : status === 2 ? false : null,
    snapshot: latest ? snapshotFrom(latest) : null,
  };
}

function snapshotFrom(record: Record<string, unknown>): PortainerSnapshot {
  const time = asFiniteNumber(record.Time);
  return {
    takenAt: time === null ? null : new Date(time * 1000).toISOString(),
    dockerVersion: asString(record.DockerVersion),
    runningContainers: asFiniteNumber(record.RunningContainerCount),
    stoppedContainers: asFiniteNumber(record.StoppedContainerCount),
    totalMemoryBytes: asFiniteNumber(record.TotalMemory),
    totalCpus: asFiniteNumber(record.TotalCPU),
  };
}

export interface EngineContainer {
  id: string;
  name: string;
  image: string;
  tag: string | null;
  state: ContainerState | null;
  status: string;
}

/** Engine API `GET /containers/json`: `[]` means the engine answered and runs no container. */
export function parseEngineContainers(text: string): Parsed<EngineContainer[]> {
  return guarded(
    () => [],
    () => {
      const json = parseJson(text);
      if (!Array.isArray(json.value)) {
        const problems = json.problems.length ? json.problems : [problem(1, 'not a JSON array')];
        return { value: [], problems };
      }
      const containers = json.value
        .map(asRecord)
        .filter((record): record is Record<string, unknown> => record !== undefined)
        .map(engineContainerFrom);
      return { value: containers, problems: [] };
    },
  );
}

function engineContainerFrom(record: Record<string, unknown>): EngineContainer {
  const names = Array.isArray(record.Names) ? record.Names.map(String) : [];
  const image = asString(record.Image) ?? '';
  const status = asString(record.Status) ?? '';
  return {
    id: asString(record.Id) ?? '',
    name: (names[0] ?? '').replace(/^\//, ''),
    image,
    tag: splitImageReference(image).tag,
    state: toContainerState(asString(record.State)) ?? parseDockerStatus(status).state,
    status,
  };
}
