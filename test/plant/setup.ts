import { execFileSync } from 'node:child_process';
// Getting a plant directory ready: checks that nothing is in the way, then a fresh folder with
// stand-ins, scenario files and this run's keys.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, copyFile, cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEd25519Key, type GeneratedKey } from './keys';
import { allEndpoints, NODE_IDS, NODE_LAYOUTS, type NodeId } from './layout';
import { findTakenEndpoints, formatEndpoint } from './ports';
import { authorizedKeysPath, hostKeyPath, plantBinDir, type SystemUser } from './services';
import { readPlantState, runningProcesses, statePath } from './state';

const PLANT_MODULE_DIR = path.dirname(fileURLToPath(import.meta.url));
const STANDIN_NAMES = ['docker', 'nvidia-smi', 'timedatectl', 'chronyc', 'sudo', 'df'];
// Only a folder carrying this file is ever wiped, so a mistyped --dir cannot erase anything else.
const PLANT_MARKER_FILE = '.vk-plant';
// A Unix socket path has at most 107 bytes; PostgreSQL's lives at <dir>/vkNN/postgres-socket/….
const MAX_PLANT_DIR_LENGTH = 60;

export const DEFAULT_SCENARIO_DIR = path.join(PLANT_MODULE_DIR, 'scenarios', 'default');

export function defaultPlantDir(): string {
  return path.resolve(PLANT_MODULE_DIR, '..', '..', '.plant');
}

export function nodeDir(plantDir: string, node: NodeId): string {
  return path.join(plantDir, node);
}

export function clientKeyPath(plantDir: string): string {
  return path.join(plantDir, 'client_ed25519');
}

export function knownHostsPath(plantDir: string): string {
  return path.join(plantDir, 'known_hosts');
}

/** The path goes verbatim into sshd_config and SetEnv, which have no quoting we could rely on. */
export function validatePlantDir(dir: string): void {
  if (!path.isAbsolute(dir) || !/^[A-Za-z0-9._/-]+$/.test(dir)) {
    throw new Error(`plant directory must be an absolute path of [A-Za-z0-9._/-]: ${dir}`);
  }
  if (dir.length > MAX_PLANT_DIR_LENGTH) {
    throw new Error(`plant directory path too long for PostgreSQL's socket (max 60): ${dir}`);
  }
}

const DOWN_HINT = 'stop it with `npm run plant:down`';

/** A plant started earlier from this folder that still runs would lose its plant.json to us. */
export function refuseIfAlreadyRunning(dir: string): void {
  const state = readPlantState(dir);
  const running = state ? runningProcesses(state) : [];
  if (running.length === 0) return;
  const pids = running.map((recorded) => recorded.identity.pid).join(', ');
  throw new Error(
    `A previous test plant is still running (PIDs ${pids}, see ${statePath(dir)}); ${DOWN_HINT}.`,
  );
}

export async function refuseIfPortsTaken(dirsToMention: string[]): Promise<void> {
  const taken = await findTakenEndpoints(allEndpoints());
  if (taken.length === 0) return;
  const runningPlantDir = dirsToMention.find((dir) => {
    const state = existsSync(statePath(dir)) ? readPlantState(dir) : undefined;
    return state !== undefined && runningProcesses(state).length > 0;
  });
  const owner = runningPlantDir
    ? `a previous test plant is running (${statePath(runningPlantDir)}); ${DOWN_HINT}`
    : `something else listens there; stop it, or ${DOWN_HINT} if it is an old plant`;
  throw new Error(
    `Test plant ports already in use: ${taken.map(formatEndpoint).join(', ')} — ${owner}.`,
  );
}

export async function recreatePlantDir(dir: string): Promise<void> {
  const isPlantDir = existsSync(path.join(dir, PLANT_MARKER_FILE));
  if (existsSync(dir) && !isPlantDir && readdirSync(dir).length > 0) {
    throw new Error(`${dir} is not empty and is no test plant directory; refusing to erase it`);
  }
  await rm(dir, { recursive: true, force: true });
  // 0755 all the way: PostgreSQL (user postgres) and the SSH user must reach their files inside.
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await chmod(dir, 0o755);
  await writeFile(path.join(dir, PLANT_MARKER_FILE), 'Test plant directory; recreated per run.\n');
  await Promise.all(NODE_IDS.map((node) => mkdir(nodeDir(dir, node), { mode: 0o755 })));
}

export const standinLibDir = (plantDir: string): string => path.join(plantDir, 'lib');
export const clockOriginPath = (plantDir: string): string => path.join(plantDir, 'clock-origin');

/** The stand-ins in <plant>/bin and the awk scripts they run in <plant>/lib. */
export async function installStandins(dir: string): Promise<void> {
  await mkdir(plantBinDir(dir), { mode: 0o755 });
  for (const name of STANDIN_NAMES) {
    const target = path.join(plantBinDir(dir), name);
    await copyFile(path.join(PLANT_MODULE_DIR, 'standins', name), target);
    await chmod(target, 0o755);
  }
  const library = path.join(PLANT_MODULE_DIR, 'standins', 'lib');
  await mkdir(standinLibDir(dir), { mode: 0o755 });
  for (const name of await readdir(library)) {
    await copyFile(path.join(library, name), path.join(standinLibDir(dir), name));
  }
}

/** Whole seconds since 1970 when this plant started: scenario times "@SECONDS" count from it. */
export async function writeClockOrigin(dir: string): Promise<number> {
  const originSeconds = Math.floor(Date.now() / 1000);
  await writeFile(clockOriginPath(dir), `${originSeconds}\n`, { mode: 0o644 });
  return originSeconds;
}

/** Copies <scenarioDir>/vkNN/ to <plantDir>/vkNN/scenario/ for each node; null: empty ones. */
export async function installScenario(scenarioDir: string | null, dir: string): Promise<void> {
  for (const node of NODE_IDS) {
    const target = path.join(nodeDir(dir, node), 'scenario');
    const source = scenarioDir === null ? null : path.join(scenarioDir, node);
    if (source !== null && existsSync(source)) await cp(source, target, { recursive: true });
    else await mkdir(target);
  }
}

export interface PlantKeys {
  client: GeneratedKey;
  hosts: Record<NodeId, GeneratedKey>;
}

export async function generatePlantKeys(dir: string): Promise<PlantKeys> {
  const [client, ...hostKeys] = await Promise.all([
    generateEd25519Key(clientKeyPath(dir), 'vk-test-plant-client'),
    ...NODE_IDS.map((node) => generateEd25519Key(hostKeyPath(nodeDir(dir, node)), `${node}-host`)),
  ]);
  const hosts = Object.fromEntries(NODE_IDS.map((node, index) => [node, hostKeys[index]]));
  const keys = { client, hosts } as PlantKeys;

  await writeFile(authorizedKeysPath(dir), `${client.publicKey}\n`, { mode: 0o644 });
  const knownHosts = NODE_IDS.map(
    (node) => `${NODE_LAYOUTS[node].address} ${keys.hosts[node].publicKey}\n`,
  );
  await writeFile(knownHostsPath(dir), knownHosts.join(''), { mode: 0o644 });
  return keys;
}

export function lookupSystemUser(name: string): SystemUser {
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === name);
  if (entry === undefined) throw new Error(`no system user "${name}" (is PostgreSQL installed?)`);
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/** The deployment's own SSH user name; the plant creates it when run as root. */
export const PLANT_SSH_USER = 'visionking';

/**
 * As root, log in as a plain `visionking` account with /bin/sh, like the deployment, rather than
 * as root: root's shell start-up files here (pyenv) cost ~200 ms per command and would distort
 * every latency the tests and benchmarks see. Otherwise, the current user.
 */
export function defaultSshUser(): string {
  if (process.getuid?.() !== 0) return userInfo().username;
  const exists = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .some((line) => line.startsWith(`${PLANT_SSH_USER}:`));
  if (!exists) {
    // `*` rather than useradd's locked `!`: sshd without PAM refuses locked accounts even for keys.
    const options = ['--system', '--shell', '/bin/sh', '--create-home'];
    execFileSync('useradd', [...options, '--password', '*', PLANT_SSH_USER]);
  }
  return PLANT_SSH_USER;
}
