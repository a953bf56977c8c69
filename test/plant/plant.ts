// The test plant: real OpenSSH, Redis and PostgreSQL servers for vk01..vk03 on loopback addresses,
// with stand-in docker / nvidia-smi / timedatectl on the SSH user's PATH (docs/test-plant.md).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureDebianPackages, findPostgresBinDir, plantPrerequisiteProblem } from './debian';
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
import { postgresLogPath, SERVICES, type NodeContext } from './services';
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
  /** Replaces one scenario file of a node; the stand-ins read it on their next call. */
  writeScenarioFile(node: NodeId, fileName: string, content: string): Promise<void>;
}

export interface StoppedServer {
  node: NodeId;
  service: ServiceName;
  pid: number;
}

const DEFAULT_READY_TIMEOUT_MS = 20_000;
const DEFAULT_STOP_GRACE_MS = 5_000;
const POSTGRES_SYSTEM_USER = 'postgres';

interface Settings {
  dir: string;
  sshUser: string;
  detached: boolean;
  scenarioDir: string;
  readyTimeoutMs: number;
  stopGraceMs: number;
  log: (line: string) => void;
}

function resolveSettings(options: StartPlantOptions): Settings {
  return {
    dir: path.resolve(options.dir ?? setup.defaultPlantDir()),
    sshUser: options.sshUser ?? setup.defaultSshUser(),
    detached: options.detached ?? false,
    scenarioDir: options.scenarioDir ?? setup.DEFAULT_SCENARIO_DIR,
    readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    stopGraceMs: options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
    log: options.log ?? (() => undefined),
  };
}

function serverKey(node: NodeId, service: ServiceName): string {
  return `${node}/${service}`;
}

class RunningPlant implements Plant {
  private readonly servers = new Map<string, RecordedProcess & { server: ServerProcess }>();
  private readonly startedAt = new Date().toISOString();

  constructor(
    readonly info: PlantInfo,
    readonly clientPrivateKey: string,
    private readonly contexts: Record<NodeId, NodeContext>,
    private readonly settings: Settings,
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
    if (!/^[A-Za-z0-9_.-]+$/.test(fileName) || fileName.startsWith('.')) {
      throw new Error(`not a plain scenario file name: ${fileName}`);
    }
    await writeFile(path.join(this.info.nodes[node].scenarioDir, fileName), content);
  }

  private signal(node: NodeId, service: ServiceName, signal: 'SIGSTOP' | 'SIGCONT'): void {
    const entry = this.servers.get(serverKey(node, service));
    if (entry === undefined) throw new Error(`${node} ${service} is not running`);
    signalTree(entry.server, signal);
  }

  /** Stops all servers in parallel; every one is tried even when another fails. */
  private async stopAll(): Promise<void> {
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

async function createPlant(settings: Settings, postgresBinDir: string): Promise<CreatedPlant> {
  await setup.recreatePlantDir(settings.dir);
  const [keys] = await Promise.all([
    setup.generatePlantKeys(settings.dir),
    setup.installStandins(settings.dir),
    setup.installScenario(settings.scenarioDir, settings.dir),
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
  return { plant: new RunningPlant(info, clientPrivateKey, contexts, settings), contexts };
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
  settings.log(`test plant up in ${Date.now() - startedMs} ms`);
  return plant;
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
