// What the core watches: a fleet file, the built-in demo plant, or nothing yet. Shared by
// `control-room serve`/`snapshot` and the desktop app's utility process.
import type { FleetSummary } from '../../shared/api/contract';
import type { Fleet } from '../../shared/fleet';
import { createDemoActionService, createFleetActionService, type ActionService } from '../actions';
import type { Archive } from '../archive';
import { createFleetCollector, type Collector } from '../collect/collector';
import { createDemoPlant } from '../demo';
import { formatProblem, loadFleetFile } from '../fleet/load';
import { emptyFleet } from './core';

/** Bad input in the choice: a broken fleet file, both sources at once, a bad moment. */
export class FleetChoiceError extends Error {}

export interface Watched {
  summary: FleetSummary;
  collector: Collector | undefined;
  /** Plant time per real time: 1 for real nodes, the demo clock's speed (60) for the demo. */
  timeScale: number;
  /** The action runner for what is watched; its audit goes to `archive` when given. */
  actions?: (archive: Archive | undefined) => ActionService;
}

export interface FleetChoice {
  fleet?: string;
  demo?: boolean;
  /** The demo plant's starting moment (ISO-8601). */
  at?: string;
}

/** The fleet file, the demo plant, or nothing: what `--fleet` and `--demo` ask for. */
export function chooseFleet(choice: FleetChoice, demoSpeed?: number): Watched {
  if (choice.fleet !== undefined && choice.demo) {
    throw new FleetChoiceError('choose --fleet FILE or --demo, not both');
  }
  if (choice.demo) {
    const plant = createDemoPlant({ speed: demoSpeed, startTime: parseMoment(choice.at) });
    const summary = summarizeFleet(plant.fleet, 'demo');
    return {
      summary,
      collector: plant.collector,
      timeScale: plant.clock.speed,
      actions: (archive) => createDemoActionService(plant, { archive }),
    };
  }
  if (choice.fleet === undefined)
    return { summary: emptyFleet, collector: undefined, timeScale: 1 };
  const fleet = readFleet(choice.fleet);
  const summary = summarizeFleet(fleet, 'file');
  const collector = createFleetCollector(fleet);
  return {
    summary,
    collector,
    timeScale: 1,
    actions: (archive) => createFleetActionService(fleet, collector, { archive }),
  };
}

function parseMoment(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (Number.isNaN(Date.parse(text)) || !/^\d{4}-\d\d-\d\dT/.test(text)) {
    const example = '2026-02-18T22:08:00-03:00';
    throw new FleetChoiceError(`--at must be an ISO-8601 time such as ${example}, got '${text}'`);
  }
  return text;
}

/** Loads a fleet file or throws, listing every problem, one per line. */
export function readFleet(file: string): Fleet {
  const result = loadFleetFile(file);
  if (result.ok) return result.fleet;
  const lines = result.problems.map(formatProblem).join('\n');
  throw new FleetChoiceError(`the fleet file has problems:\n${lines}`);
}

export function summarizeFleet(fleet: Fleet, source: FleetSummary['source']): FleetSummary {
  const nodes = Object.entries(fleet.nodes).map(([id, node]) => ({
    id,
    role: node.role,
    host: node.host,
  }));
  return { source, deployment: fleet.deployment, nodes };
}
