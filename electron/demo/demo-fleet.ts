// The demo plant as the rest of the app sees it: a Fleet (deployment 03002, its three nodes
// and every channel the scenario gives them) and a Collector whose transports are the demo's
// and whose clock is simulated. `serve --demo`, `snapshot --demo`, `watch --demo` and `npm start`
// without a fleet file build on createDemoPlant.
import { Collector } from '../collect/collector';
import { fleetSchema, type Fleet } from '../../shared/fleet';
import { createDemoClock, DEFAULT_DEMO_SPEED, type DemoClock } from './clock';
import { createDemoEngine, type DemoEngine } from './engine';
import { loadDefaultScenario, type Scenario, type ScenarioNode } from './scenario';
import { createDemoTransports } from './transports';

/** The user the demo fleet says it logs in as (nothing logs in: the transports are simulated). */
const DEMO_SSH_USER = 'visionking';

export function demoFleet(scenario: Scenario): Fleet {
  const nodes = Object.fromEntries(
    Object.entries(scenario.nodes).map(([nodeId, node]) => [nodeId, fleetNode(node)]),
  );
  return fleetSchema.parse({ deployment: scenario.deployment, nodes });
}

function fleetNode(node: ScenarioNode): Record<string, unknown> {
  const { host } = node;
  return {
    role: node.role,
    host,
    ssh: { user: DEMO_SSH_USER, port: node.sshPort },
    postgres: node.postgres && { port: node.postgres.port, user: 'postgres', database: 'postgres' },
    redis: node.redis && { port: node.redis.port, watch: node.redis.watch },
    prometheus: node.prometheus && `http://${host}:${node.prometheus.port}`,
    rabbitmq: node.rabbitmq && { url: `http://${host}:${node.rabbitmq.port}`, user: 'guest' },
    endpoints: Object.fromEntries(
      Object.entries(node.endpoints).map(([name, endpoint]) => [name, endpoint.url]),
    ),
  };
}

export interface DemoPlantOptions {
  /** Default: assets/demo/scenario-03002.yaml. */
  scenario?: Scenario;
  /** Default: the scenario's seed. */
  seed?: number;
  /** Simulated ms per real ms; default 60. Ignored when a clock is given. */
  speed?: number;
  /** Where simulated time starts; default the scenario's start. Ignored when a clock is given. */
  startTime?: Date | string | number;
  /** A clock of one's own: tests pass one at speed 0 and step it. */
  clock?: DemoClock;
  fastIntervalMs?: number;
  slowIntervalMs?: number;
  execTimeoutMs?: number;
}

/** Everything one demo plant is made of; the collector reads the engine through the clock. */
export interface DemoPlant {
  scenario: Scenario;
  fleet: Fleet;
  clock: DemoClock;
  engine: DemoEngine;
  collector: Collector;
}

export function createDemoPlant(options: DemoPlantOptions = {}): DemoPlant {
  const scenario = options.scenario ?? loadDefaultScenario();
  const seed = options.seed ?? scenario.seed;
  const clock =
    options.clock ??
    createDemoClock({
      startTime: options.startTime ?? scenario.start,
      speed: options.speed ?? DEFAULT_DEMO_SPEED,
      seed,
    });
  const engine = createDemoEngine(scenario, { seed, now: () => clock.nowMs() });
  const fleet = demoFleet(scenario);
  const collector = new Collector({
    fleet,
    transportsFor: (nodeId) => createDemoTransports(engine, nodeId),
    fastIntervalMs: options.fastIntervalMs,
    slowIntervalMs: options.slowIntervalMs,
    execTimeoutMs: options.execTimeoutMs,
    now: () => clock.now(),
  });
  return { scenario, fleet, clock, engine, collector };
}

/** A Collector over the demo plant (see createDemoPlant for the clock and the engine). */
export function createDemoCollector(options: DemoPlantOptions = {}): Collector {
  return createDemoPlant(options).collector;
}
