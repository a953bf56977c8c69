// `control-room bench faults`: faults on the test plant while a collector watches it and
// records into an archive, each repeated and counted. SSH, Redis and PostgreSQL servers killed
// (SIGKILL) and started again, stopped and restarted, paused (SIGSTOP) and resumed, answering
// garbage; the docker daemon made slow; the workstation's network gone; the core killed mid-write.
// For each: the time until the health (what the interface shows) changes, the time to recover
// after the fault ends, ticks lost from the archive, and process crashes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fleetSchema } from '../../shared/fleet';
import type { Snapshot } from '../../shared/snapshot';
import { Archive } from '../archive';
import { createFleetCollector, type Collector } from '../collect/collector';
import type { BenchOutput } from './collect';
import { formatTable, median } from './stats';
import type { SummaryRow } from './summary';

type NodeId = 'vk01' | 'vk02' | 'vk03';
type ServiceName = 'sshd' | 'redis' | 'postgres';
type ChannelName = 'ssh' | 'redis' | 'postgres';

interface PlantNode {
  id: NodeId;
  address: string;
  sshPort: number;
  redisPort: number;
  postgresPort: number;
  pids: Record<ServiceName, number | null>;
}

/** What this benchmark uses of the test plant (test/plant/plant.ts). */
export interface FaultPlant {
  nodes: Record<NodeId, PlantNode>;
  stop(): Promise<void>;
  stop(node: NodeId, service: ServiceName): Promise<void>;
  start(node: NodeId, service: ServiceName): Promise<void>;
  pause(node: NodeId, service: ServiceName): void;
  resume(node: NodeId, service: ServiceName): void;
  writeScenarioFile(node: NodeId, name: string, text: string): Promise<void>;
  removeScenarioFile(node: NodeId, name: string): Promise<void>;
}

export const FAST_INTERVAL_MS = 2_000;
/** How long a fault lasts: long enough for every timeout of the collector to fire. */
const HOLD_MS = 8_000;
const DETECT_LIMIT_MS = 30_000;
const RECOVER_LIMIT_MS = 60_000;
const POLL_MS = 50;
const NODES: readonly NodeId[] = ['vk01', 'vk02', 'vk03'];
const CHANNEL_OF: Record<ServiceName, ChannelName> = {
  sshd: 'ssh',
  redis: 'redis',
  postgres: 'postgres',
};

/** One kind of fault: what it does to a node, and how it ends. */
export interface FaultKind {
  name: string;
  /** The channel whose health shows it; `all-ssh`: every node's SSH. */
  watch: ChannelName | 'all-ssh';
  begin(plant: FaultPlant, node: NodeId): Promise<() => Promise<void>>;
}

export function serverFaults(service: ServiceName): FaultKind[] {
  const watch = CHANNEL_OF[service];
  return [
    {
      name: `${service} killed (SIGKILL), started again`,
      watch,
      async begin(plant, node) {
        killTree(plant.nodes[node].pids[service]);
        await plant.stop(node, service);
        return () => plant.start(node, service);
      },
    },
    {
      name: `${service} stopped, restarted`,
      watch,
      async begin(plant, node) {
        await plant.stop(node, service);
        return () => plant.start(node, service);
      },
    },
    {
      name: `${service} paused (SIGSTOP), resumed`,
      watch,
      async begin(plant, node) {
        plant.pause(node, service);
        return async () => plant.resume(node, service);
      },
    },
    {
      name: `${service} answering garbage`,
      watch,
      async begin(plant, node) {
        await plant.stop(node, service);
        const garbage = await garbageServer(
          plant.nodes[node].address,
          portOf(plant, node, service),
        );
        return async () => {
          await garbage.close();
          await plant.start(node, service);
        };
      },
    },
  ];
}

export const slowDockerFault: FaultKind = {
  name: 'docker daemon slow (every call 5 s late)',
  watch: 'ssh',
  async begin(plant, node) {
    await plant.writeScenarioFile(node, 'docker-delay-seconds', '5\n');
    return () => plant.removeScenarioFile(node, 'docker-delay-seconds');
  },
};

/**
 * The workstation's network gone. This machine has no firewall to drop packets with, so every
 * server of every node is paused: connections are accepted by the kernel and never answered,
 * as behind a dead link.
 */
export const networkGoneFault: FaultKind = {
  name: 'network gone (every server of every node frozen)',
  watch: 'all-ssh',
  async begin(plant) {
    const services: ServiceName[] = ['sshd', 'redis', 'postgres'];
    for (const node of NODES) for (const service of services) plant.pause(node, service);
    return async () => {
      for (const node of NODES) for (const service of services) plant.resume(node, service);
    };
  },
};

export function allFaultKinds(): FaultKind[] {
  return [
    ...serverFaults('sshd'),
    slowDockerFault,
    ...serverFaults('redis'),
    ...serverFaults('postgres'),
    networkGoneFault,
  ];
}

function portOf(plant: FaultPlant, node: NodeId, service: ServiceName): number {
  const { sshPort, redisPort, postgresPort } = plant.nodes[node];
  return { sshd: sshPort, redis: redisPort, postgres: postgresPort }[service];
}

/** SIGKILL to a server and everything it forked (sshd's sessions, PostgreSQL's backends). */
function killTree(pid: number | null): void {
  if (pid === null) return;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // It exited while we looked.
    }
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index++)
    tree.push(...(children.get(tree[index]!) ?? []));
  for (const member of tree) {
    try {
      process.kill(member, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** A server on the port that answers every connection and every message with noise. */
async function garbageServer(address: string, port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const noise = Buffer.from('\x00\xff garbage \x1b[0m\r\n-ERR? +OK $-1 E\x00\x00\x00\x08');
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => sockets.delete(socket));
    socket.on('close', () => sockets.delete(socket));
    socket.write(noise);
    socket.on('data', () => socket.write(noise));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// -- measuring --------------------------------------------------------------------------------

export interface FaultResult {
  fault: string;
  node: string;
  /** False for a fault the health cannot show (the core itself killed). */
  shows: boolean;
  /** From the fault's start until the health changes; null: not shown within the limit. */
  detectMs: number | null;
  /** From the fault's end until the health is up again; null: not within the limit. */
  recoverMs: number | null;
  /** Fast ticks the archive lacks between the fault's start and its recovery. */
  ticksLost: number;
  crashes: number;
}

interface Watch {
  collector: Collector;
  archivedMs: number[];
  crashes(): number;
  stop(): Promise<void>;
}

/** The collector on its own timers, recording every snapshot into an archive, as serve does. */
function startWatching(
  fleet: ReturnType<typeof fleetSchema.parse>,
  env: NodeJS.ProcessEnv,
  directory: string,
): Watch {
  const collector = createFleetCollector(fleet, { env, fastIntervalMs: FAST_INTERVAL_MS });
  const archive = Archive.open({ directory, tickIntervalMs: FAST_INTERVAL_MS });
  const archivedMs: number[] = [];
  collector.subscribe({
    snapshot(snapshot: Snapshot) {
      const result = archive.recordSnapshot(snapshot);
      if (result.ok) archivedMs.push(Date.parse(snapshot.takenAt));
    },
    health(health) {
      archive.recordHealth(health, Date.now());
    },
  });
  // A fault that escapes every handler would end the app: here it is counted instead.
  let crashes = 0;
  const countCrash = () => {
    crashes += 1;
  };
  process.on('uncaughtException', countCrash);
  process.on('unhandledRejection', countCrash);
  collector.start();
  return {
    collector,
    archivedMs,
    crashes: () => crashes,
    async stop() {
      await collector.stop();
      archive.close();
      process.off('uncaughtException', countCrash);
      process.off('unhandledRejection', countCrash);
    },
  };
}

function healthUp(collector: Collector, watch: FaultKind['watch'], node: NodeId): boolean {
  const nodes = collector.health().nodes;
  if (watch === 'all-ssh') return NODES.some((id) => nodes[id]?.ssh.state === 'up');
  return nodes[node]?.[watch].state === 'up';
}

/** Milliseconds until the condition holds, or null after the limit. */
async function waitFor(condition: () => boolean, limitMs: number): Promise<number | null> {
  const startedMs = performance.now();
  while (performance.now() - startedMs < limitMs) {
    if (condition()) return performance.now() - startedMs;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return null;
}

async function allUp(watch: Watch): Promise<boolean> {
  const everything = () =>
    NODES.every((node) =>
      (['ssh', 'redis', 'postgres'] as const).every((channel) =>
        healthUp(watch.collector, channel, node),
      ),
    );
  return (await waitFor(everything, RECOVER_LIMIT_MS)) !== null;
}

export async function runFault(
  plant: FaultPlant,
  watch: Watch,
  kind: FaultKind,
  node: NodeId,
): Promise<FaultResult> {
  await allUp(watch);
  const crashesBefore = watch.crashes();
  const startedMs = Date.now();
  const end = await kind.begin(plant, node);
  const detectMs = await waitFor(
    () => !healthUp(watch.collector, kind.watch, node),
    DETECT_LIMIT_MS,
  );
  const heldMs = Date.now() - startedMs;
  if (heldMs < HOLD_MS) await new Promise((resolve) => setTimeout(resolve, HOLD_MS - heldMs));
  await end();
  const recoverMs = await waitFor(
    () => healthUp(watch.collector, kind.watch, node),
    RECOVER_LIMIT_MS,
  );
  const windowEndMs = Date.now();
  return {
    fault: kind.name,
    node: kind.watch === 'all-ssh' ? 'all' : node,
    shows: true,
    detectMs,
    recoverMs,
    ticksLost: ticksMissing(watch.archivedMs, startedMs, windowEndMs),
    crashes: watch.crashes() - crashesBefore,
  };
}

/** Fast ticks that should have been archived in the window but were not (gaps over 1.5 ticks). */
export function ticksMissing(archivedMs: readonly number[], fromMs: number, toMs: number): number {
  const inside = [fromMs, ...archivedMs.filter((atMs) => atMs > fromMs && atMs < toMs), toMs];
  let missing = 0;
  for (let index = 1; index < inside.length; index++) {
    const gap = inside[index]! - inside[index - 1]!;
    if (gap > 1.5 * FAST_INTERVAL_MS) missing += Math.round(gap / FAST_INTERVAL_MS) - 1;
  }
  return missing;
}

// -- the core killed mid-write -----------------------------------------------------------------

const WRITER = new URL('../../test/archive/crash-writer.ts', import.meta.url).pathname;

/** The archive crash-test writer killed with SIGKILL; committed ticks missing afterwards. */
export async function coreKilledMidWrite(directory: string): Promise<FaultResult> {
  const committed = await runWriterUntilKilled(directory);
  const openStarted = performance.now();
  const archive = Archive.open({ directory });
  const recoverMs = performance.now() - openStarted;
  const file = archive.file;
  archive.close();
  const db = new Database(file, { readonly: true });
  try {
    const stored = new Set(
      (db.prepare('SELECT at_ms FROM raw_tick').all() as { at_ms: number }[]).map(
        (row) => row.at_ms,
      ),
    );
    return {
      fault: 'core killed (SIGKILL) mid-write, archive reopened',
      node: '-',
      shows: false,
      detectMs: null,
      recoverMs,
      ticksLost: committed.filter((atMs) => !stored.has(atMs)).length,
      crashes: 0,
    };
  } finally {
    db.close();
  }
}

async function runWriterUntilKilled(directory: string): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, directory], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const committed: number[] = [];
  const killAt = 50 + Math.floor(Math.random() * 150);
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) committed.push(Number(line.split(' ')[1]));
    if (committed.length >= killAt) child.kill('SIGKILL');
  });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== null) throw new Error(`the writer exited on its own: ${Buffer.concat(stderr)}`);
  return committed;
}

// -- the benchmark ----------------------------------------------------------------------------

interface PlantModule {
  startPlant(): Promise<FaultPlant & { sshUser: string; clientKeyPath: string }>;
}

export interface FaultOptions {
  kinds: FaultKind[];
  repeats: number;
  /** Repeats of the core killed mid-write (0: none). */
  writerKills: number;
}

/** Starts the test plant (the caller holds /tmp/plant.lock), runs every fault, stops it. */
export async function measureFaults(options: FaultOptions): Promise<FaultResult[]> {
  const { startPlant } = (await import('../../test/plant/plant')) as PlantModule;
  const { plantFleet } = await import('../../test/helpers/plant-fleet');
  const directory = mkdtempSync(join(tmpdir(), 'control-room-faults-'));
  const results: FaultResult[] = [];
  const plant = await startPlant();
  try {
    const written = plantFleet(plant as never);
    const watch = startWatching(
      fleetSchema.parse(written.fleet),
      written.env,
      join(directory, 'a'),
    );
    try {
      for (const kind of options.kinds) {
        for (let run = 0; run < options.repeats; run++) {
          results.push(await runFault(plant, watch, kind, NODES[run % NODES.length]!));
        }
      }
    } finally {
      await watch.stop();
    }
  } finally {
    await plant.stop();
  }
  for (let run = 0; run < options.writerKills; run++) {
    results.push(await coreKilledMidWrite(join(directory, `writer-${run}`)));
  }
  rmSync(directory, { recursive: true, force: true });
  return results;
}

export async function benchFaults(output: BenchOutput): Promise<SummaryRow[]> {
  const results = await measureFaults({ kinds: allFaultKinds(), repeats: 3, writerKills: 3 });
  report(output, results);
  return faultRows(results);
}

interface FaultSummary {
  fault: string;
  runs: number;
  detectMs: number | null;
  recoverMs: number | null;
  notShown: number;
  notRecovered: number;
  ticksLost: number;
  crashes: number;
}

export function summarizeFaults(results: readonly FaultResult[]): FaultSummary[] {
  const byFault = new Map<string, FaultResult[]>();
  for (const result of results)
    byFault.set(result.fault, [...(byFault.get(result.fault) ?? []), result]);
  const medianOf = (values: (number | null)[]) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length > 0 ? median(known) : null;
  };
  return [...byFault].map(([fault, runs]) => ({
    fault,
    runs: runs.length,
    detectMs: medianOf(runs.map((run) => run.detectMs)),
    recoverMs: medianOf(runs.map((run) => run.recoverMs)),
    notShown: runs.filter((run) => run.shows && run.detectMs === null).length,
    notRecovered: runs.filter((run) => run.recoverMs === null).length,
    ticksLost: runs.reduce((sum, run) => sum + run.ticksLost, 0),
    crashes: runs.reduce((sum, run) => sum + run.crashes, 0),
  }));
}

function report(output: BenchOutput, results: readonly FaultResult[]): void {
  const seconds = (ms: number | null) => (ms === null ? '-' : (ms / 1000).toFixed(2));
  output.out(
    'bench faults: the test plant watched by a collector ' +
      `(fast tick ${FAST_INTERVAL_MS / 1000} s, ` +
      `the default timeouts) recording into an archive; each fault held ${HOLD_MS / 1000} s`,
  );
  output.out(
    formatTable(
      [
        'fault',
        'runs',
        'shown after s',
        'not shown',
        'recovered after s',
        'not recovered',
        'ticks lost',
        'crashes',
      ],
      summarizeFaults(results).map((row) => [
        row.fault,
        `${row.runs}`,
        seconds(row.detectMs),
        `${row.notShown}`,
        seconds(row.recoverMs),
        `${row.notRecovered}`,
        `${row.ticksLost}`,
        `${row.crashes}`,
      ]),
    ),
  );
  output.out(
    '  shown: the channel leaves `up` in the health the interface shows (median); recovered: ' +
      'back to `up` after the fault ended; core killed: recovered = reopening the archive; ' +
      'targets: 0 ticks lost, 0 crashes.',
  );
}

export function faultRows(results: readonly FaultResult[]): SummaryRow[] {
  const summaries = summarizeFaults(results);
  const known = (pick: (row: FaultSummary) => number | null) =>
    summaries.map(pick).filter((value): value is number => value !== null);
  const worst = (values: number[]) => (values.length > 0 ? Math.max(...values) / 1000 : null);
  const none = { baseline: null, ratio: null };
  return [
    {
      figure: 'faults: slowest median time until the health shows it',
      value: worst(known((row) => row.detectMs)),
      unit: 's',
      target: null,
      ...none,
      note: `${summaries.reduce((sum, row) => sum + row.notShown, 0)} runs never shown`,
    },
    {
      figure: 'faults: slowest median recovery after the fault ends',
      value: worst(known((row) => row.recoverMs)),
      unit: 's',
      target: null,
      ...none,
      note: `${summaries.reduce((sum, row) => sum + row.notRecovered, 0)} runs never recovered`,
    },
    {
      figure: 'faults: archive ticks lost, all runs',
      value: summaries.reduce((sum, row) => sum + row.ticksLost, 0),
      unit: 'ticks',
      target: { op: '<=', value: 0 },
      ...none,
    },
    {
      figure: 'faults: process crashes, all runs',
      value: summaries.reduce((sum, row) => sum + row.crashes, 0),
      unit: '',
      target: { op: '<=', value: 0 },
      ...none,
    },
  ];
}

export const faultsBenchmark = {
  summary: 'servers killed, paused, slow, answering garbage; network gone; core killed mid-write',
  run: benchFaults,
};
