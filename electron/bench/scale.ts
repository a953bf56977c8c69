// `control-room bench scale`: one core watching many deployments at once, as a company with many
// lines would run it. Each deployment is a demo plant of its own (the 03002 scenario with its
// own seed) and its nodes are named `dNN-vk01`...; all of them form one fleet behind one
// collector, archive, findings engine and core, driven tick by tick like `serve` at 60x.
// Baseline, in the same run: the same pipeline watching one deployment.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collector } from '../collect/collector';
import { snapshotMessages } from '../core/core';
import { summarizeFleet } from '../core/watched';
import { byteLength, encodeMessage, MAX_MESSAGE_BYTES } from '../../shared/api/protocol';
import { createDemoClock, createDemoEngine, createDemoTransports, demoFleet } from '../demo';
import { loadDefaultScenario, type Scenario } from '../demo';
import { fleetSchema, type Fleet } from '../../shared/fleet';
import type { Snapshot } from '../../shared/snapshot';
import type { BenchOutput } from './collect';
import { sampleMemory } from './memory';
import { FAST_TICK_MS, startServedPipeline, type ServedPipeline } from './pipeline';
import { formatTable, median, percentile } from './stats';
import { ratioToBaseline, type SummaryRow } from './summary';

const MB = 1_000_000;
const KB = 1_000;
const DAY_MS = 24 * 3_600_000;

export interface ScaleOptions {
  deployments: number;
  /** Ticks before measuring: the first slow tick, the JIT, the findings History starting. */
  warmupTicks: number;
  measuredTicks: number;
}

export interface ScaleFigures {
  deployments: number;
  nodes: number;
  containers: number;
  tickMs: { median: number; p90: number };
  collectMs: number;
  pipelineMs: number;
  /** CPU time per tick over the 5 s between ticks: the share of one core it takes at 60x. */
  cpuShare: number;
  rssBytes: number;
  heapUsedBytes: number;
  archiveBytesPerDay: number;
  /**
   * The largest message that carries the latest snapshot to a client (one `snapshot.node` part
   * or the `snapshot.new` marker, as on the wire), in bytes: bounded by one node's size.
   */
  largestSnapshotMessageBytes: number;
  /** The same snapshot as one message would be (log lines trimmed), in bytes: for comparison. */
  wholeSnapshotBytes: number;
  snapshotLatestMs: number | null;
  /** One `snapshot.node` request. */
  snapshotNodeMs: number | null;
  /** What a page does on connect: `snapshot.latest`, then every `snapshot.node` at once. */
  snapshotFleetMs: number | null;
  trendQueryMs: number | null;
  /** Why a request figure is null (its error), if one is. */
  requestProblem: string | null;
  archiveFailures: number;
}

/** One fleet of `count` demo deployments; the collector reads each node from its own engine. */
export function scaledFleet(count: number, scenario: Scenario = loadDefaultScenario()) {
  const clock = createDemoClock({ startTime: scenario.start, speed: 0, seed: scenario.seed });
  const base = demoFleet(scenario);
  const nodes: Record<string, Fleet['nodes'][string]> = {};
  const sources = new Map<string, { engine: ReturnType<typeof createDemoEngine>; id: string }>();
  for (let index = 1; index <= count; index++) {
    const engine = createDemoEngine(scenario, {
      seed: scenario.seed + index - 1,
      now: () => clock.nowMs(),
    });
    const prefix = `d${String(index).padStart(2, '0')}`;
    for (const [id, node] of Object.entries(base.nodes)) {
      nodes[`${prefix}-${id}`] = node;
      sources.set(`${prefix}-${id}`, { engine, id });
    }
  }
  const fleet = fleetSchema.parse({ ...base, deployment: `scale-${count}`, nodes });
  const collector = new Collector({
    fleet,
    transportsFor: (nodeId) => {
      const source = sources.get(nodeId)!;
      return createDemoTransports(source.engine, source.id);
    },
    now: () => clock.now(),
  });
  return { fleet, clock, collector };
}

export async function measureScale(options: ScaleOptions): Promise<ScaleFigures> {
  const directory = mkdtempSync(join(tmpdir(), 'control-room-scale-'));
  const { fleet, clock, collector } = scaledFleet(options.deployments);
  const pipeline = startServedPipeline({
    collector,
    clock,
    summary: summarizeFleet(fleet, 'demo'),
    dataDirectory: directory,
  });
  try {
    for (let tick = 0; tick < options.warmupTicks; tick++) await pipeline.tick();
    const { seen, ...measured } = await measureTicks(pipeline, collector, options.measuredTicks);
    const latency = await measureRequests(pipeline, seen);
    const memory = sampleMemory(0);
    return {
      deployments: options.deployments,
      nodes: Object.keys(fleet.nodes).length,
      containers: seen.containers,
      ...snapshotSizes(collector.snapshot()),
      ...measured,
      rssBytes: memory.rssBytes,
      heapUsedBytes: memory.heapUsedBytes,
      ...latency,
      archiveFailures: pipeline.failures(),
    };
  } finally {
    await pipeline.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The most containers one tick saw, and one container's memory series to ask trends of. */
interface Seen {
  containers: number;
  series: string | null;
  atMs: number;
}

/** Bytes the archive's pages hold (committed, WAL included), free pages not counted. */
function archiveBytes(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const pragma = (name: string) => db.pragma(name, { simple: true }) as number;
    return (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
  } finally {
    db.close();
  }
}

function noteSeen(seen: Seen, snapshot: Snapshot): void {
  let containers = 0;
  for (const [nodeId, node] of Object.entries(snapshot.nodes)) {
    containers += node.containers?.length ?? 0;
    const first = node.containers?.[0];
    if (seen.series === null && first) {
      seen.series = `${nodeId}|container:${first.name}|memoryBytes`;
    }
  }
  seen.containers = Math.max(seen.containers, containers);
  seen.atMs = Date.parse(snapshot.takenAt);
}

async function measureTicks(pipeline: ServedPipeline, collector: Collector, count: number) {
  const seen: Seen = { containers: 0, series: null, atMs: 0 };
  const tickMs: number[] = [];
  const collectMs: number[] = [];
  const pipelineMs: number[] = [];
  const bytesBefore = archiveBytes(pipeline.archive.file);
  const cpuBefore = process.cpuUsage();
  let plantMs = 0;
  for (let tick = 0; tick < count; tick++) {
    const timing = await pipeline.tick();
    collectMs.push(timing.collectMs);
    pipelineMs.push(timing.pipelineMs + timing.maintenanceMs);
    tickMs.push(timing.collectMs + timing.pipelineMs + timing.maintenanceMs);
    plantMs += FAST_TICK_MS * 60;
    noteSeen(seen, collector.snapshot());
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // Raw samples and documents while the day is young (rollups replace raw samples after 48 h).
  const grownBytes = archiveBytes(pipeline.archive.file) - bytesBefore;
  return {
    seen,
    tickMs: { median: median(tickMs), p90: percentile(tickMs, 90) },
    collectMs: median(collectMs),
    pipelineMs: median(pipelineMs),
    cpuShare: cpuMs / count / FAST_TICK_MS,
    archiveBytesPerDay: (grownBytes / plantMs) * DAY_MS,
  };
}

/** The latest snapshot's messages as the core sends them, and the one message they replace. */
function snapshotSizes(snapshot: Snapshot) {
  const { tick, parts } = snapshotMessages(snapshot);
  const wire = [
    encodeMessage({ kind: 'event', name: 'snapshot.new', payload: tick }),
    ...parts.map((part) => encodeMessage({ kind: 'event', name: 'snapshot.node', payload: part })),
  ];
  const whole = { ...tick, nodes: Object.fromEntries(parts.map((p) => [p.node, p.snapshot])) };
  return {
    largestSnapshotMessageBytes: Math.max(...wire.map(byteLength)),
    wholeSnapshotBytes: byteLength(JSON.stringify(whole)),
  };
}

/** What the interface asks between ticks, through the in-memory pipe; each request apart. */
async function measureRequests(pipeline: ServedPipeline, seen: Seen) {
  const problems: string[] = [];
  const timeRequest = async (name: string, call: () => Promise<unknown>) => {
    const times: number[] = [];
    try {
      for (let run = 0; run < 10; run++) times.push(await timed(call));
      return median(times);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      return null;
    }
  };
  const series = [seen.series ?? 'no container seen'];
  const from = new Date(seen.atMs - 6 * 3_600_000).toISOString();
  const trendArgs = { series, from, to: new Date(seen.atMs).toISOString() };
  const { client } = pipeline;
  const node = seen.series?.split('|')[0] ?? 'no node seen';
  return {
    snapshotLatestMs: await timeRequest('snapshot.latest', () =>
      client.call('snapshot.latest', {}),
    ),
    snapshotNodeMs: await timeRequest('snapshot.node', () =>
      client.call('snapshot.node', { node }),
    ),
    snapshotFleetMs: await timeRequest('snapshot.latest + every snapshot.node', async () => {
      const tick = await client.call('snapshot.latest', {});
      await Promise.all(
        (tick?.nodes ?? []).map((id) => client.call('snapshot.node', { node: id })),
      );
    }),
    trendQueryMs: await timeRequest('trend.query', () =>
      pipeline.client.call('trend.query', trendArgs),
    ),
    requestProblem: problems.length > 0 ? problems.join('; ') : null,
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const startedMs = performance.now();
  await work();
  return performance.now() - startedMs;
}

export async function benchScale(output: BenchOutput): Promise<SummaryRow[]> {
  const run = { warmupTicks: 13, measuredTicks: 24 };
  const baseline = await measureScale({ deployments: 1, ...run });
  const ours = await measureScale({ deployments: 30, ...run });
  report(output, ours, baseline);
  return scaleRows(ours, baseline);
}

function report(output: BenchOutput, ours: ScaleFigures, baseline: ScaleFigures): void {
  const row = (figures: ScaleFigures) => [
    `${figures.deployments} (${figures.nodes} nodes, ${figures.containers} containers)`,
    figures.tickMs.median.toFixed(0),
    figures.tickMs.p90.toFixed(0),
    figures.collectMs.toFixed(0),
    figures.pipelineMs.toFixed(0),
    `${(figures.cpuShare * 100).toFixed(0)}%`,
    (figures.rssBytes / MB).toFixed(0),
    (figures.archiveBytesPerDay / MB).toFixed(0),
    (figures.wholeSnapshotBytes / MB).toFixed(2),
    (figures.largestSnapshotMessageBytes / KB).toFixed(0),
    figures.snapshotLatestMs?.toFixed(1) ?? '-',
    figures.snapshotNodeMs?.toFixed(1) ?? '-',
    figures.snapshotFleetMs?.toFixed(0) ?? '-',
    figures.trendQueryMs?.toFixed(1) ?? '-',
  ];
  output.out('bench scale: one core (collector, archive, findings, router) at 60x, per 5 s tick');
  output.out(
    formatTable(
      [
        'deployments',
        'tick ms',
        'p90',
        'collect',
        'archive+findings',
        'CPU of 1 core',
        'RSS MB',
        'archive MB/day',
        'whole snapshot MB',
        'largest message KB',
        'snapshot.latest ms',
        'snapshot.node ms',
        'latest + every node ms',
        'trend.query ms',
      ],
      [row(ours), row(baseline)],
    ),
  );
  for (const figures of [ours, baseline]) {
    if (figures.requestProblem)
      output.out(`${figures.deployments} deployments: a request failed: ${figures.requestProblem}`);
  }
  const linear = ours.tickMs.median / (baseline.tickMs.median * ours.deployments);
  output.out(
    `a tick of ${ours.deployments} deployments costs ${linear.toFixed(2)}x ${ours.deployments} ` +
      `ticks of one (1.00: linear); the tick must fit the 5 s fast interval (target <= 5000 ms).`,
  );
}

export function scaleRows(ours: ScaleFigures, baseline: ScaleFigures): SummaryRow[] {
  const name = `${ours.deployments} deployments`;
  const perDeployment = (value: number) => value / ours.deployments;
  const rows: SummaryRow[] = [
    {
      figure: `${name}: tick time, median`,
      value: ours.tickMs.median,
      unit: 'ms',
      target: { op: '<=', value: FAST_TICK_MS },
      baseline: baseline.tickMs.median * ours.deployments,
      ratio: ratioToBaseline(
        ours.tickMs.median,
        baseline.tickMs.median * ours.deployments,
        'lower',
      ),
      note: `baseline: ${ours.deployments} x the tick of one deployment`,
    },
    {
      figure: `${name}: CPU share of one core`,
      value: ours.cpuShare * 100,
      unit: '%',
      target: { op: '<=', value: 100 },
      baseline: baseline.cpuShare * 100,
      ratio: null,
      note: 'baseline: one deployment',
    },
    {
      figure: `${name}: RSS`,
      value: ours.rssBytes / MB,
      unit: 'MB',
      target: null,
      baseline: baseline.rssBytes / MB,
      ratio: null,
      note: 'baseline: one deployment',
    },
    {
      figure: `${name}: archive bytes per day, per deployment`,
      value: perDeployment(ours.archiveBytesPerDay) / MB,
      unit: 'MB',
      target: { op: '<=', value: 50 },
      baseline: baseline.archiveBytesPerDay / MB,
      ratio: ratioToBaseline(
        perDeployment(ours.archiveBytesPerDay),
        baseline.archiveBytesPerDay,
        'lower',
      ),
      note: 'baseline: one deployment alone',
    },
  ];
  rows.push(...snapshotRows(name, ours, baseline));
  for (const [label, value, base] of [
    ['snapshot.latest', ours.snapshotLatestMs, baseline.snapshotLatestMs],
    ['snapshot.node', ours.snapshotNodeMs, baseline.snapshotNodeMs],
    ['trend.query 6 h', ours.trendQueryMs, baseline.trendQueryMs],
  ] as const) {
    rows.push({
      figure: `${name}: ${label} latency, median`,
      value,
      unit: 'ms',
      target: { op: '<=', value: 100 },
      baseline: base,
      ratio: ratioToBaseline(value, base, 'lower'),
      note: value === null ? `failed: ${ours.requestProblem}` : 'baseline: one deployment',
    });
  }
  return rows;
}

/** The snapshot's messages against the pipe's limit, and what a page's connect costs. */
function snapshotRows(name: string, ours: ScaleFigures, baseline: ScaleFigures): SummaryRow[] {
  return [
    {
      figure: `${name}: largest snapshot message`,
      value: ours.largestSnapshotMessageBytes / KB,
      unit: 'KB',
      target: { op: '<=', value: MAX_MESSAGE_BYTES / KB },
      baseline: baseline.largestSnapshotMessageBytes / KB,
      ratio: null,
      note:
        `one node per message; the whole snapshot would be ` +
        `${(ours.wholeSnapshotBytes / MB).toFixed(2)} MB; target: the 1 MiB message limit`,
    },
    {
      figure: `${name}: snapshot.latest + every snapshot.node`,
      value: ours.snapshotFleetMs,
      unit: 'ms',
      target: null,
      baseline: baseline.snapshotFleetMs,
      ratio: null,
      note:
        ours.snapshotFleetMs === null
          ? `failed: ${ours.requestProblem}`
          : `what a page asks on connect, ${ours.nodes} nodes at once; baseline: one deployment`,
    },
  ];
}

export const scaleBenchmark = {
  summary: 'one core watching 30 demo deployments (90 nodes): tick, CPU, memory, disk, requests',
  run: benchScale,
};
