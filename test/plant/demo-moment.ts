// Shows the demo engine's plant at one simulated moment on the test plant (docs/test-plant.md,
// "A demo moment"): each node's scenario files are replaced by the engine's (demo-render.ts), its
// real Redis is emptied and filled with the keys the engine says exist, and its real PostgreSQL
// is asked for the database the engine's clients ask for, so that it logs the FATAL itself.
// The stand-ins never start Node: they keep answering from files, at shell speed.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import {
  createDemoEngine,
  loadDefaultScenario,
  type RedisDatabaseContents,
  type Scenario,
} from '../../electron/demo';
import type { Owner } from './cgroups';
import { NODE_IDS, type NodeId } from './layout';
import { PlantClock, renderNodeMoment, type NodeMoment, type RenderOptions } from './demo-render';
import { provokeBadDatabaseLogin, writeScenarioFile } from './scenario';
import type { PlantNode } from './types';

/** A simulated moment: an ISO time with its offset, a Date, or ms since 1970. */
export type DemoTime = string | number | Date;

export interface DemoMomentOptions {
  /** Default: assets/demo/scenario-03002.yaml. */
  scenario?: Scenario;
  /** Default: the scenario's seed (the demo plant's default, so both tell the same story). */
  seed?: number;
  /** How far back each container's log file reaches, in simulated ms. Default: 15 min. */
  logWindowMs?: number;
  /** Most lines kept per container log file, the newest. Default: 1000 (twice the tail). */
  maxLogLines?: number;
}

/** Which moment the plant shows, and when it started showing it on the real clock. */
export interface DemoMoment {
  /** The simulated moment, ISO in UTC. */
  at: string;
  atMs: number;
  /** Real time (ms) that stands for `atMs`: the plant's times are the engine's, shifted by it. */
  shownAtMs: number;
  seed: number;
}

export interface DemoTarget {
  nodes: Record<NodeId, PlantNode>;
  /** The SSH user, owner of the scenario files the docker stand-in changes. */
  owner: Owner;
}

const DEFAULT_LOG_WINDOW_MS = 15 * 60_000;
const DEFAULT_MAX_LOG_LINES = 1_000;

export function demoTimeMs(at: DemoTime): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`not a demo moment: ${String(at)}`);
  return ms;
}

/**
 * Renders the engine at `at` into every node of the plant; resolves once all is in place.
 * TODO(#4): the engine's channel faults at that moment (the SSH outage, a reboot, a stopped KeyDB)
 * are not mirrored: the plant's servers keep answering. Stopping or pausing them per the view's
 * `faults` would.
 */
export async function showDemoMoment(
  target: DemoTarget,
  at: DemoTime,
  options: DemoMomentOptions = {},
): Promise<DemoMoment> {
  const scenario = options.scenario ?? loadDefaultScenario();
  const seed = options.seed ?? scenario.seed;
  const atMs = demoTimeMs(at);
  const unknown = Object.keys(scenario.nodes).filter((id) => !isNodeId(id));
  if (unknown.length > 0) throw new Error(`the test plant has no node ${unknown.join(', ')}`);
  const engine = createDemoEngine(scenario, { seed, now: () => atMs });
  const clock = new PlantClock(atMs, Date.now());
  const render: RenderOptions = {
    logWindowMs: options.logWindowMs ?? DEFAULT_LOG_WINDOW_MS,
    maxLogLines: options.maxLogLines ?? DEFAULT_MAX_LOG_LINES,
  };
  await Promise.all(
    NODE_IDS.map((id) => {
      // A plant node the scenario lacks shows an empty node: no containers, no GPU files.
      const moment = scenario.nodes[id]
        ? renderNodeMoment(engine, id, clock, render)
        : { files: new Map(), redis: [], badDatabase: null };
      return applyNodeMoment(target.nodes[id], target.owner, moment);
    }),
  );
  return { at: new Date(atMs).toISOString(), atMs, shownAtMs: clock.shownAtMs, seed };
}

function isNodeId(id: string): id is NodeId {
  return (NODE_IDS as readonly string[]).includes(id);
}

async function applyNodeMoment(node: PlantNode, owner: Owner, moment: NodeMoment): Promise<void> {
  await clearScenario(node.scenarioDir);
  for (const [name, text] of moment.files) {
    await writeScenarioFile(node.scenarioDir, name, text, owner);
  }
  await fillRedis(node, moment.redis);
  if (moment.badDatabase !== null) await provokeBadDatabaseLogin(node);
}

/**
 * Empties the node's scenario folder: the previous moment's containers, logs and switches go.
 * A stand-in running meanwhile may see an empty node for a few milliseconds.
 */
async function clearScenario(scenarioDir: string): Promise<void> {
  const entries = await readdir(scenarioDir);
  await Promise.all(
    entries.map((entry) => rm(path.join(scenarioDir, entry), { recursive: true, force: true })),
  );
}

/**
 * FLUSHALL, then the engine's keys: its hashes with their fields, and as many plain keys again as
 * the engine counts in each database. TODO(#4): the scenario counts production keys without
 * naming them, so those are `demo:key:N` placeholders (INFO's keyspace is what the collector
 * reads of them).
 */
async function fillRedis(node: PlantNode, databases: RedisDatabaseContents[]): Promise<void> {
  const client = new Redis({
    host: node.address,
    port: node.redisPort,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.flushall();
    for (const database of databases) {
      await client.select(database.db);
      const batch = client.multi();
      for (const hash of database.hashes) batch.hset(hash.key, hash.fields);
      for (let index = database.hashes.length; index < database.keys; index += 1) {
        batch.set(`demo:key:${index}`, 'x');
      }
      await batch.exec();
    }
  } finally {
    client.disconnect();
  }
}
