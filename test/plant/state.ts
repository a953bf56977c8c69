// plant.json: what a plant started, so `npm run plant:down` in another process can stop exactly
// those processes and nothing else.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NodeId, ServiceName } from './layout';
import { isRunning, type ProcessIdentity } from './processes';
import type { PlantInfo } from './types';

export const STATE_FILE_NAME = 'plant.json';

export interface RecordedProcess {
  node: NodeId;
  service: ServiceName;
  identity: ProcessIdentity;
  gracefulSignal: NodeJS.Signals;
}

export interface PlantState {
  version: 1;
  startedAt: string;
  info: PlantInfo;
  processes: RecordedProcess[];
}

export function statePath(dir: string): string {
  return path.join(dir, STATE_FILE_NAME);
}

/** Written whole to a temporary file and renamed, so a reader never sees half a file. */
export function writePlantState(dir: string, state: PlantState): void {
  const temporaryPath = `${statePath(dir)}.tmp`;
  // 0600: the file holds this run's PostgreSQL passwords.
  writeFileSync(temporaryPath, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporaryPath, statePath(dir));
}

function isPlantState(value: unknown): value is PlantState {
  const candidate = value as Partial<PlantState> | null;
  return candidate?.version === 1 && Array.isArray(candidate.processes) && !!candidate.info;
}

export function readPlantState(dir: string): PlantState | undefined {
  if (!existsSync(statePath(dir))) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(statePath(dir), 'utf8'));
  if (!isPlantState(parsed)) throw new Error(`${statePath(dir)} is not a test plant state file`);
  return parsed;
}

/** The recorded processes that still run, checked by start time and command line. */
export function runningProcesses(state: PlantState): RecordedProcess[] {
  return state.processes.filter((recorded) => isRunning(recorded.identity));
}
