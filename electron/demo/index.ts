// The demo plant's public API (docs/demo-plant.md): a simulated deployment 03002 behind the same
// transport interface as real nodes.
export { createDemoClock, DEFAULT_DEMO_SPEED, DemoClock, type DemoClockOptions } from './clock';
export { runCommand, type CommandContext } from './commands';
export {
  createDemoCollector,
  createDemoPlant,
  demoFleet,
  type DemoPlant,
  type DemoPlantOptions,
} from './demo-fleet';
export {
  createDemoEngine,
  DemoEngine,
  type ActionOutcome,
  type DemoAction,
  type DemoActionName,
} from './engine';
export {
  DEFAULT_SCENARIO_FILE,
  formatScenarioProblem,
  loadDefaultScenario,
  loadScenarioFile,
  parseScenario,
  type Scenario,
  type ScenarioProblem,
} from './scenario';
export { redisContents, type RedisDatabaseContents } from './services';
export { createDemoTransports, type DemoTransportOptions } from './transports';
