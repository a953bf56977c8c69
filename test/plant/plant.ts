// The test plant: real OpenSSH, Redis and PostgreSQL servers for vk01..vk03 on loopback addresses,
// with stand-in docker / nvidia-smi / timedatectl on the SSH user's PATH (docs/test-plant.md).
import { randomBytes } from 'node:crypto';
import { chownSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { CgroupWriter, type Owner } from './cgroups';
import { parseContainerFile, updateContainerFile, type ContainerFields } from './containers';
import { ensureDebianPackages, findPostgresBinDir, plantPrerequisiteProblem } from './debian';
import type { DemoMoment, DemoMomentOptions, DemoTime } from './demo-moment';
import { NODE_IDS, NODE_LAYOUTS, SERVICE_NAMES, type NodeId, type ServiceName } from './layout';
import {
  descendantsOf,
  killAll,
  isServerRunning,
  signalTree,
  spawnServer,
  stopServer,
  type ServerProcess,
} from './processes';
import { waitUntilReady } from './readiness';
import {
  chownTree,
  commandLogPath,
  provokeBadDatabaseLogin,
  readCommandLog,
  readDockerActions,
  removeScenarioFile,
  scenarioFilePath,
  writeScenarioFile,
  type DockerAction,
  type RecordedCommand,
} from './scenario';
import { postgresCertPath, postgresLogPath, SERVICES, type NodeContext } from './services';
import * as setup from './setup';
import {
  readPlantState,
  runningProcesses,
  statePath,
  writePlantState,
  type RecordedProcess,
} from './state';
import type { PlantInfo, PlantNode } from './types';

export { NODE_IDS, NODE_LAYOUTS, SERVICE_NAMES } from './layout';
export type { NodeId, ServiceName } from './layout';
export type { PlantInfo, PlantNode } from './types';
export type { ContainerFields } from './containers';
export type { DockerAction, RecordedCommand } from './scenario';
export type { DemoMoment, DemoMomentOptions, DemoTime } from './demo-moment';
export { plantPrerequisiteProblem } from './debian';
export { defaultPlantDir } from './setup';

export interface StartPlantOptions {
  /** Recreated on every start. Default: <repo>/.plant */
  dir?: string;
  /** The user SSH logins are for. Default: the current user. */
  sshUser?: string;
  /** Servers outlive this Node process, as for `npm run plant:up`. Default: false. */
  detached?: boolean;
  /** A folder with vk01/ vk02/ vk03/ scenario files. Default: test/plant/scenarios/default. */
  scenarioDir?: string;
  /** How long one server may take to answer its protocol. Default: 20 000 ms. */
  readyTimeoutMs?: number;
  /** How long a server may take to exit before SIGKILL. Default: 5 000 ms. */
  stopGraceMs?: number;
  /** Progress lines (package installation, startup). Default: silent. */
  log?: (line: string) => void;
  /**
   * How often the cgroup files are rewritten from the scenario, so that cpu.stat counters grow
   * with time and containers started or stopped get or lose their scope. 0: only at start and on
   * refreshCgroups/advanceCgroups. Default: 250 ms. Only while this process runs.
   */
  cgroupRefreshMs?: number;
  /**
   * Start showing the demo engine's plant at this simulated moment instead of the scenario
   * files (scenarioDir must then be left out); see `Plant.showDemoMoment`.
   */
  demo?: DemoMomentOptions & { at: DemoTime };
}

/** A running plant, with the servers it started under its control. */
export interface Plant extends PlantInfo {
  /** The OpenSSH private key (clientKeyPath's contents) that the SSH user accepts. */
  clientPrivateKey: string;
  /** Stops every server this plant started and waits until each has exited. */
  stop(): Promise<void>;
  /** Fault injection: stops one server; `start` brings it back with the same data. */
  stop(node: NodeId, service: ServiceName): Promise<void>;
  start(node: NodeId, service: ServiceName): Promise<void>;
  restart(node: NodeId, service: ServiceName): Promise<void>;
  /** Freezes the server and all it forked (SIGSTOP): connections open but are never answered. */
  pause(node: NodeId, service: ServiceName): void;
  resume(node: NodeId, service: ServiceName): void;
  /**
   * Replaces one scenario file of a node (a name such as "nvidia-smi.csv", "logs/keydb.log" or
   * "containers/keydb"); the stand-ins read it on their next call.
   */
  writeScenarioFile(node: NodeId, fileName: string, content: string): Promise<void>;
  /** Removes a scenario file, e.g. nvidia-smi.csv: the node has no GPU any more. */
  removeScenarioFile(node: NodeId, fileName: string): Promise<void>;
  /** A scenario container's fields as the docker stand-in keeps them; undefined once removed. */
  readContainer(node: NodeId, name: string): Promise<ContainerFields | undefined>;
  /**
   * Changes fields of a scenario container (null removes one), as the daemon would change them:
   * e.g. `{ State: 'restarting', RestartCount: 5, ExitCode: 1 }` for a crash loop.
   */
  updateContainer(
    node: NodeId,
    name: string,
    changes: Record<string, string | number | null>,
  ): Promise<void>;
  /** The docker restart/start/stop/kill/rm commands this node's stand-in received, in order. */
  dockerActions(node: NodeId): DockerAction[];
  /** Every call the stand-ins received: docker, nvidia-smi, timedatectl, chronyc, sudo, df. */
  commands(node: NodeId): RecordedCommand[];
  /** Moves the node's cgroup clock on: every cpu.stat grows by plant.cpu × seconds × 1e6 µs. */
  advanceCgroups(node: NodeId, seconds: number): void;
  /** Rewrites every node's cgroup files from its scenario now. */
  refreshCgroups(): void;
  /**
   * Shows the demo engine's plant (electron/demo, assets/demo/scenario-03002.yaml) at a simulated
   * moment: every node's scenario files, cgroups and Redis keys are replaced by what the engine
   * says, and PostgreSQL is asked for the database the engine's clients ask for. Times keep
   * their age: the moment stands for the real time of the call. Resolves when all is in place.
   */
  showDemoMoment(at: DemoTime, options?: DemoMomentOptions): Promise<DemoMoment>;
  /** The demo moment shown last; null while the plant shows its scenario files. */
  readonly demoMoment: DemoMoment | null;
}

export interface StoppedServer {
  node: NodeId;
  service: ServiceName;
  pid: number;
}

const DEFAULT_READY_TIMEOUT_MS = 20_000;
const DEFAULT_STOP_GRACE_MS = 5_000;
const DEFAULT_CGROUP_REFRESH_MS = 250;
const POSTGRES_SYSTEM_USER = 'postgres';

interface Settings {
  dir: string;
  sshUser: string;
  detached: boolean;
  scenarioDir: string;
  readyTimeoutMs: number;
  stopGraceMs: number;
  log: (line: string) => void;
  cgroupRefreshMs: number;
  demo: (DemoMomentOptions & { at: DemoTime }) | undefined;
}

function resolveSettings(options: StartPlantOptions): Settings {
  if (options.demo && options.scenarioDir !== undefined) {
    throw new Error('startPlant: give either scenarioDir or demo, not both');
  }
  return {
    dir: path.resolve(options.dir ?? setup.defaultPlantDir()),
    sshUser: options.sshUser ?? setup.defaultSshUser(),
    detached: options.detached ?? false,
    scenarioDir: options.scenarioDir ?? setup.DEFAULT_SCENARIO_DIR,
    readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    stopGraceMs: options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
    log: options.log ?? (() => undefined),
    cgroupRefreshMs: options.cgroupRefreshMs ?? DEFAULT_CGROUP_REFRESH_MS,
    demo: options.demo,
  };
}

function serverKey(node: NodeId, service: ServiceName): string {
  return `${node}/${service}`;
}

/** What the plant needs to keep each node's scenario and cgroup tree going. */
interface ScenarioRuntime {
  owner: Owner;
  cgroups: Record<NodeId, CgroupWriter>;
}

class RunningPlant implements Plant {
  private readonly servers = new Map<string, RecordedProcess & { server: ServerProcess }>();
  private readonly startedAt = new Date().toISOString();
  private cgroupTimer: NodeJS.Timeout | undefined;
  private shownMoment: DemoMoment | null = null;

  constructor(
    readonly info: PlantInfo,
    readonly clientPrivateKey: string,
    private readonly contexts: Record<NodeId, NodeContext>,
    private readonly settings: Settings,
    private readonly scenario: ScenarioRuntime,
  ) {}

  get dir(): string {
    return this.info.dir;
  }
  get sshUser(): string {
    return this.info.sshUser;
  }
  get clientKeyPath(): string {
    return this.info.clientKeyPath;
  }
  get knownHostsPath(): string {
    return this.info.knownHostsPath;
  }
  get nodes(): Record<NodeId, PlantNode> {
    return this.info.nodes;
  }

  /** Launches one server, records it in plant.json at once, then waits until it answers. */
  async start(node: NodeId, service: ServiceName): Promise<void> {
    const previous = this.servers.get(serverKey(node, service));
    if (previous !== undefined && isServerRunning(previous.server)) {
      throw new Error(`${node} ${service} is already running`);
    }
    const spec = SERVICES[service];
    const launch = spec.launch(this.contexts[node]);
    const server = spawnServer({ ...launch, detached: this.settings.detached });
    const recorded = {
      node,
      service,
      identity: server.identity,
      gracefulSignal: spec.gracefulSignal,
    };
    this.servers.set(serverKey(node, service), { ...recorded, server });
    this.info.nodes[node].pids[service] = server.identity.pid;
    this.persist();

    await waitUntilReady({
      label: `${node} ${service}`,
      server,
      logPath: launch.logPath,
      timeoutMs: this.settings.readyTimeoutMs,
      probe: () => spec.probe(this.contexts[node]),
    });
  }

  stop(): Promise<void>;
  stop(node: NodeId, service: ServiceName): Promise<void>;
  async stop(node?: NodeId, service?: ServiceName): Promise<void> {
    if (node === undefined || service === undefined) {
      await this.stopAll();
      return;
    }
    const entry = this.servers.get(serverKey(node, service));
    if (entry === undefined) return;
    // A stopped server takes its open sessions with it, like a node going away: sshd's
    // per-connection children would otherwise keep established SSH connections alive.
    const descendants = descendantsOf(entry.server);
    await stopServer(entry.server, entry.gracefulSignal, this.settings.stopGraceMs);
    killAll(descendants);
    this.servers.delete(serverKey(node, service));
    this.info.nodes[node].pids[service] = null;
    this.persist();
  }

  async restart(node: NodeId, service: ServiceName): Promise<void> {
    await this.stop(node, service);
    await this.start(node, service);
  }

  pause(node: NodeId, service: ServiceName): void {
    this.signal(node, service, 'SIGSTOP');
  }

  resume(node: NodeId, service: ServiceName): void {
    this.signal(node, service, 'SIGCONT');
  }

  async writeScenarioFile(node: NodeId, fileName: string, content: string): Promise<void> {
    const { scenarioDir } = this.info.nodes[node];
    await writeScenarioFile(scenarioDir, fileName, content, this.scenario.owner);
  }

  async removeScenarioFile(node: NodeId, fileName: string): Promise<void> {
    await removeScenarioFile(this.info.nodes[node].scenarioDir, fileName);
  }

  async readContainer(node: NodeId, name: string): Promise<ContainerFields | undefined> {
    const file = scenarioFilePath(this.info.nodes[node].scenarioDir, `containers/${name}`);
    try {
      return parseContainerFile(await readFile(file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async updateContainer(
    node: NodeId,
    name: string,
    changes: Record<string, string | number | null>,
  ): Promise<void> {
    const { scenarioDir } = this.info.nodes[node];
    const text = await readFile(scenarioFilePath(scenarioDir, `containers/${name}`), 'utf8');
    const updated = updateContainerFile(text, changes);
    await writeScenarioFile(scenarioDir, `containers/${name}`, updated, this.scenario.owner);
    this.scenario.cgroups[node].refresh();
  }

  dockerActions(node: NodeId): DockerAction[] {
    return readDockerActions(this.info.nodes[node].dockerActionsPath);
  }

  commands(node: NodeId): RecordedCommand[] {
    return readCommandLog(commandLogPath(this.info.nodes[node]));
  }

  advanceCgroups(node: NodeId, seconds: number): void {
    if (!Number.isFinite(seconds)) throw new Error(`not a number of seconds: ${seconds}`);
    const writer = this.scenario.cgroups[node];
    writer.offsetSeconds += seconds;
    writer.refresh();
  }

  refreshCgroups(): void {
    for (const node of NODE_IDS) this.scenario.cgroups[node].refresh();
  }

  get demoMoment(): DemoMoment | null {
    return this.shownMoment;
  }

  async showDemoMoment(at: DemoTime, options: DemoMomentOptions = {}): Promise<DemoMoment> {
    // Loaded on demand: the demo engine (scenario, YAML, collector types) is not every test's.
    const demo = await import('./demo-moment');
    const target = { nodes: this.info.nodes, owner: this.scenario.owner };
    this.shownMoment = await demo.showDemoMoment(target, at, options);
    this.refreshCgroups();
    return this.shownMoment;
  }

  /** Keeps the cgroup files moving while this process runs; never keeps it alive by itself. */
  startCgroupRefresh(): void {
    this.refreshCgroups();
    if (this.settings.cgroupRefreshMs <= 0) return;
    this.cgroupTimer = setInterval(() => {
      try {
        this.refreshCgroups();
      } catch (error) {
        this.settings.log(`cgroup refresh failed: ${(error as Error).message}`);
      }
    }, this.settings.cgroupRefreshMs);
    this.cgroupTimer.unref();
  }

  private signal(node: NodeId, service: ServiceName, signal: 'SIGSTOP' | 'SIGCONT'): void {
    const entry = this.servers.get(serverKey(node, service));
    if (entry === undefined) throw new Error(`${node} ${service} is not running`);
    signalTree(entry.server, signal);
  }

  /** Stops all servers in parallel; every one is tried even when another fails. */
  private async stopAll(): Promise<void> {
    clearInterval(this.cgroupTimer);
    this.cgroupTimer = undefined;
    const entries = [...this.servers.values()];
    const results = await Promise.allSettled(
      entries.map((entry) => this.stop(entry.node, entry.service)),
    );
    await rm(statePath(this.dir), { force: true });
    const failures = results.filter((result) => result.status === 'rejected');
    if (failures.length > 0) {
      throw new AggregateError(
        failures.map((failure) => failure.reason),
        'test plant stop failed',
      );
    }
  }

  private persist(): void {
    const processes = [...this.servers.values()].map(
      ({ server: _server, ...recorded }) => recorded,
    );
    writePlantState(this.dir, {
      version: 1,
      startedAt: this.startedAt,
      info: this.info,
      processes,
    });
  }
}

function newPassword(): string {
  return randomBytes(18).toString('base64url');
}

function buildNode(settings: Settings, node: NodeId, keys: setup.PlantKeys): PlantNode {
  const dir = setup.nodeDir(settings.dir, node);
  return {
    ...NODE_LAYOUTS[node],
    hostKeyFingerprint: keys.hosts[node].fingerprint,
    hostPublicKey: keys.hosts[node].publicKey,
    postgresUser: 'postgres',
    postgresPassword: newPassword(),
    postgresDatabase: 'postgres',
    dir,
    scenarioDir: path.join(dir, 'scenario'),
    postgresLogPath: postgresLogPath(dir),
    postgresCertPath: postgresCertPath(dir),
    cgroupRoot: path.join(dir, 'cgroup'),
    dockerActionsPath: path.join(dir, 'docker-actions.log'),
    pids: { sshd: null, redis: null, postgres: null },
  };
}

function buildContext(settings: Settings, node: PlantNode, postgresBinDir: string): NodeContext {
  return {
    layout: NODE_LAYOUTS[node.id],
    plantDir: settings.dir,
    nodeDir: node.dir,
    sshUser: settings.sshUser,
    postgresBinDir,
    postgresOwner: setup.lookupSystemUser(POSTGRES_SYSTEM_USER),
    postgresUser: node.postgresUser,
    postgresPassword: node.postgresPassword,
    postgresDatabase: node.postgresDatabase,
  };
}

async function checkPrerequisites(settings: Settings): Promise<string> {
  const problem = plantPrerequisiteProblem();
  if (problem !== undefined) throw new Error(`Cannot start the test plant: ${problem}.`);
  setup.validatePlantDir(settings.dir);
  setup.lookupSystemUser(settings.sshUser);
  await ensureDebianPackages(settings.log);

  setup.refuseIfAlreadyRunning(settings.dir);
  await setup.refuseIfPortsTaken([settings.dir, setup.defaultPlantDir()]);
  const postgresBinDir = findPostgresBinDir();
  if (postgresBinDir === undefined) throw new Error('PostgreSQL binaries not found');
  return postgresBinDir;
}

interface CreatedPlant {
  plant: RunningPlant;
  contexts: Record<NodeId, NodeContext>;
}

/**
 * The scenario belongs to the SSH user, whose docker stand-in changes it; each node gets an empty
 * docker-actions.log and commands.log and its cgroup tree.
 */
function prepareScenarios(
  nodes: Record<NodeId, PlantNode>,
  owner: Owner,
  originSeconds: number,
): ScenarioRuntime {
  const cgroups = {} as Record<NodeId, CgroupWriter>;
  for (const node of Object.values(nodes)) {
    chownTree(node.scenarioDir, owner);
    for (const log of [node.dockerActionsPath, commandLogPath(node)]) {
      writeFileSync(log, '', { mode: 0o644 });
      chownSync(log, owner.uid, owner.gid);
    }
    const tree = { root: node.cgroupRoot, scenarioDir: node.scenarioDir, originSeconds, owner };
    cgroups[node.id] = new CgroupWriter(tree);
    cgroups[node.id].init();
  }
  return { owner, cgroups };
}

async function createPlant(settings: Settings, postgresBinDir: string): Promise<CreatedPlant> {
  await setup.recreatePlantDir(settings.dir);
  const [keys, , , originSeconds] = await Promise.all([
    setup.generatePlantKeys(settings.dir),
    setup.installStandins(settings.dir),
    // A demo plant starts empty; the engine's moment is written once the servers answer.
    setup.installScenario(settings.demo ? null : settings.scenarioDir, settings.dir),
    setup.writeClockOrigin(settings.dir),
  ]);
  const nodes = Object.fromEntries(
    NODE_IDS.map((node) => [node, buildNode(settings, node, keys)]),
  ) as Record<NodeId, PlantNode>;
  const contexts = Object.fromEntries(
    NODE_IDS.map((node) => [node, buildContext(settings, nodes[node], postgresBinDir)]),
  ) as Record<NodeId, NodeContext>;
  const info: PlantInfo = {
    dir: settings.dir,
    sshUser: settings.sshUser,
    clientKeyPath: setup.clientKeyPath(settings.dir),
    knownHostsPath: setup.knownHostsPath(settings.dir),
    nodes,
  };
  const clientPrivateKey = readFileSync(info.clientKeyPath, 'utf8');
  const owner = setup.lookupSystemUser(settings.sshUser);
  const scenario = prepareScenarios(nodes, owner, originSeconds);
  return {
    plant: new RunningPlant(info, clientPrivateKey, contexts, settings, scenario),
    contexts,
  };
}

/** All nine servers at once: startup takes as long as the slowest, not the sum. */
async function startAllServers(plant: RunningPlant, contexts: NodeContext[]): Promise<void> {
  const launches = contexts.flatMap((context) =>
    SERVICE_NAMES.map(async (service) => {
      await SERVICES[service].prepare(context);
      await plant.start(context.layout.id, service);
    }),
  );
  const results = await Promise.allSettled(launches);
  const failures = results.filter((result) => result.status === 'rejected');
  if (failures.length === 0) return;

  await plant.stop().catch(() => undefined);
  const reasons = failures.map((failure) => String(failure.reason?.message ?? failure.reason));
  throw new Error(`The test plant did not start:\n${reasons.join('\n')}`);
}

/**
 * Starts a fresh plant: checks that nothing holds its ports, recreates its directory, generates
 * keys and starts sshd, Redis and PostgreSQL for vk01..vk03, resolving once every one answers.
 */
export async function startPlant(options: StartPlantOptions = {}): Promise<Plant> {
  const settings = resolveSettings(options);
  const postgresBinDir = await checkPrerequisites(settings);
  const { plant, contexts } = await createPlant(settings, postgresBinDir);
  const startedMs = Date.now();
  await startAllServers(plant, Object.values(contexts));
  await Promise.all(NODE_IDS.map((node) => provokeBadDatabaseLogin(plant.nodes[node])));
  if (settings.demo) await showFirstDemoMoment(plant, settings.demo);
  plant.startCgroupRefresh();
  settings.log(`test plant up in ${Date.now() - startedMs} ms`);
  return plant;
}

async function showFirstDemoMoment(
  plant: RunningPlant,
  demo: DemoMomentOptions & { at: DemoTime },
): Promise<void> {
  const { at, ...options } = demo;
  try {
    await plant.showDemoMoment(at, options);
  } catch (error) {
    await plant.stop().catch(() => undefined);
    throw error;
  }
}

/** How to reach a plant that another process started from `dir` (default <repo>/.plant). */
export function readPlantInfo(dir = setup.defaultPlantDir()): PlantInfo | undefined {
  const state = readPlantState(path.resolve(dir));
  if (state === undefined || runningProcesses(state).length === 0) return undefined;
  return state.info;
}

/**
 * Stops, from any process, the servers a plant recorded in `dir`/plant.json: only those whose
 * PID still belongs to the same process (start time and command line), and waits for each.
 */
export async function stopPlant(
  options: { dir?: string; stopGraceMs?: number } = {},
): Promise<StoppedServer[]> {
  const dir = path.resolve(options.dir ?? setup.defaultPlantDir());
  const state = readPlantState(dir);
  if (state === undefined) return [];
  const graceMs = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
  const running = runningProcesses(state);
  await Promise.all(
    running.map(({ identity, gracefulSignal }) =>
      stopServer({ identity }, gracefulSignal, graceMs),
    ),
  );
  await rm(statePath(dir), { force: true });
  return running.map(({ node, service, identity }) => ({ node, service, pid: identity.pid }));
}
