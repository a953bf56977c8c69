// A node's scenario at run time: the files under <plant>/vkNN/scenario/ that the stand-ins answer
// from and the docker stand-in changes (docs/test-plant.md), and the record of what was done to
// the node's containers.
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Owner } from './cgroups';
import type { PlantNode } from './types';

/** One `docker restart|start|stop|kill|rm` the stand-in received, from docker-actions.log. */
export interface DockerAction {
  /** When it ran, RFC 3339 UTC with nanoseconds. */
  time: string;
  verb: string;
  /** The arguments after the verb, exactly as given (options included). */
  args: string[];
}

/** One call a stand-in received (any program), from the node's commands.log. */
export interface RecordedCommand {
  /** When it ran, RFC 3339 UTC with nanoseconds. */
  time: string;
  /** The program and its arguments, exactly as given. */
  argv: string[];
}

/** Every stand-in appends its calls here (standins/lib/record.sh). */
export function commandLogPath(node: Pick<PlantNode, 'dir'>): string {
  return path.join(node.dir, 'commands.log');
}

/** The calls a node's stand-ins received, oldest first. */
export function readCommandLog(file: string): RecordedCommand[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [time = '', ...argv] = line.split('\t');
      return { time, argv };
    });
}

/** "nvidia-smi.csv", "logs/keydb.log", "containers/keydb": plain names, never outside. */
export function scenarioFilePath(scenarioDir: string, fileName: string): string {
  const parts = fileName.split('/');
  const plain = parts.every((part) => /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(part));
  if (!plain || parts.length > 2) throw new Error(`not a plain scenario file name: ${fileName}`);
  return path.join(scenarioDir, ...parts);
}

/** Whole or not at all: the stand-in reading it meanwhile sees the old file or the new one. */
export async function writeScenarioFile(
  scenarioDir: string,
  fileName: string,
  content: string,
  owner: Owner,
): Promise<void> {
  const target = scenarioFilePath(scenarioDir, fileName);
  const dir = path.dirname(target);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    chownSync(dir, owner.uid, owner.gid);
  }
  const temporary = path.join(dir, `.${path.basename(target)}.tmp-${process.pid}`);
  await writeFile(temporary, content, { mode: 0o644 });
  chownSync(temporary, owner.uid, owner.gid);
  await rename(temporary, target);
}

export async function removeScenarioFile(scenarioDir: string, fileName: string): Promise<void> {
  await rm(scenarioFilePath(scenarioDir, fileName), { force: true });
}

/** Gives the SSH user the scenario folder, which the docker stand-in changes as it runs. */
export function chownTree(target: string, owner: Owner): void {
  chownSync(target, owner.uid, owner.gid);
  if (!statSync(target).isDirectory()) return;
  for (const entry of readdirSync(target)) chownTree(path.join(target, entry), owner);
}

export function readDockerActions(logPath: string): DockerAction[] {
  let text: string;
  try {
    text = readFileSync(logPath, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [time = '', verb = '', ...args] = line.split('\t');
      return { time, verb, args };
    });
}

/**
 * A login to the database named in the scenario's postgres-bad-database.txt, which does not
 * exist: PostgreSQL logs `FATAL:  database "visionking" does not exist` in the node's real log,
 * as a misconfigured client made it do on deployment 03002.
 */
export async function provokeBadDatabaseLogin(node: PlantNode): Promise<void> {
  const file = path.join(node.scenarioDir, 'postgres-bad-database.txt');
  if (!existsSync(file)) return;
  const database = readFileSync(file, 'utf8').trim();
  if (database === '') return;
  const client = new pg.Client({
    host: node.address,
    port: node.postgresPort,
    user: node.postgresUser,
    password: node.postgresPassword,
    database,
    connectionTimeoutMillis: 2_000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    // Expected: the database does not exist.
  } finally {
    await client.end().catch(() => undefined);
  }
}
