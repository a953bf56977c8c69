// `control-room bench collect`: one fast tick of all three nodes of the test plant, measured
// against the same commands run the way a shell script would, one `ssh` process per command.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fleetSchema } from '../../shared/fleet';
import { createFleetCollector } from '../collect/collector';
import { fastCommands } from '../collect/ssh-sections';
import { commandText } from '../transport/ssh-command';
import { formatTable, median, percentile } from './stats';
import { ratioToBaseline, type SummaryRow } from './summary';

const run = promisify(execFile);

export interface BenchOutput {
  out(line: string): void;
}

interface PlantModule {
  startPlant(): Promise<PlantHandle>;
}

interface PlantHandle {
  sshUser: string;
  clientKeyPath: string;
  knownHostsPath: string;
  nodes: Record<string, { address: string; sshPort: number }>;
  stop(): Promise<void>;
}

const TICKS = 20;
const BASELINE_TICKS = 5;

export async function benchCollect(output: BenchOutput): Promise<SummaryRow[]> {
  // The test plant is a development tool: loaded only when a benchmark needs it.
  const { startPlant } = (await import('../../test/plant/plant')) as PlantModule;
  const { plantFleet } = await import('../../test/helpers/plant-fleet');
  const plant = await startPlant();
  try {
    const written = plantFleet(plant as never);
    const fleet = fleetSchema.parse(written.fleet);
    const ours = await measureCollector(fleet, written.env);
    const baseline = await measureSshProcesses(plant);
    report(output, ours, baseline);
    return summaryRows(ours, baseline);
  } finally {
    await plant.stop();
  }
}

interface Measurement {
  tickMs: number[];
  roundTripsPerNode: number;
}

async function measureCollector(
  fleet: ReturnType<typeof fleetSchema.parse>,
  env: NodeJS.ProcessEnv,
): Promise<Measurement> {
  const collector = createFleetCollector(fleet, { env, execTimeoutMs: 5_000 });
  try {
    await collector.fastTickAll(); // connects; not counted
    const execsBefore = total(collector.sshExecCounts());
    const tickMs: number[] = [];
    for (let tick = 0; tick < TICKS; tick++) {
      const startedMs = performance.now();
      await collector.fastTickAll();
      tickMs.push(performance.now() - startedMs);
    }
    const nodes = Object.keys(fleet.nodes).length;
    return {
      tickMs,
      roundTripsPerNode: (total(collector.sshExecCounts()) - execsBefore) / TICKS / nodes,
    };
  } finally {
    await collector.stop();
  }
}

/** The same fast-tier commands, one `ssh` process each, nodes in parallel, as a script would. */
async function measureSshProcesses(plant: PlantHandle): Promise<Measurement> {
  const commands = [...fastCommands().values()];
  const tickMs: number[] = [];
  for (let tick = 0; tick < BASELINE_TICKS; tick++) {
    const startedMs = performance.now();
    await Promise.all(
      Object.values(plant.nodes).map(async (node) => {
        for (const command of commands) await sshOnce(plant, node, commandText(command));
      }),
    );
    tickMs.push(performance.now() - startedMs);
  }
  return { tickMs, roundTripsPerNode: commands.length };
}

async function sshOnce(
  plant: PlantHandle,
  node: { address: string; sshPort: number },
  remote: string,
): Promise<void> {
  const options = [
    '-i',
    plant.clientKeyPath,
    '-o',
    `UserKnownHostsFile=${plant.knownHostsPath}`,
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
  ];
  await run('ssh', [
    ...options,
    '-p',
    `${node.sshPort}`,
    `${plant.sshUser}@${node.address}`,
    remote,
  ]).catch(() => undefined);
}

function report(output: BenchOutput, ours: Measurement, baseline: Measurement): void {
  const ratio = median(baseline.tickMs) / median(ours.tickMs);
  const row = (label: string, measurement: Measurement) => [
    label,
    `${measurement.tickMs.length}`,
    median(measurement.tickMs).toFixed(1),
    percentile(measurement.tickMs, 90).toFixed(1),
    measurement.roundTripsPerNode.toFixed(2),
  ];
  output.out('bench collect: one fast tick of vk01, vk02 and vk03 on the test plant (loopback)');
  output.out(
    formatTable(
      ['method', 'ticks', 'median ms', 'p90 ms', 'SSH round trips/node/tick'],
      [
        row('control room (one batched exec per node)', ours),
        row('baseline (one ssh process per command)', baseline),
      ],
    ),
  );
  output.out(
    `speed-up: ${ratio.toFixed(1)}x (target >= 10x); ` +
      `median tick ${median(ours.tickMs).toFixed(1)} ms (target <= 150 ms)`,
  );
}

function summaryRows(ours: Measurement, baseline: Measurement): SummaryRow[] {
  const oursMs = median(ours.tickMs);
  const baselineMs = median(baseline.tickMs);
  return [
    {
      figure: 'fast tick of 3 plant nodes, median',
      value: oursMs,
      unit: 'ms',
      target: { op: '<=', value: 150 },
      baseline: baselineMs,
      ratio: ratioToBaseline(oursMs, baselineMs, 'lower'),
      note: 'baseline: one ssh process per command (target: ratio >= 10x)',
    },
    {
      figure: 'SSH round trips per node per tick',
      value: ours.roundTripsPerNode,
      unit: 'trips',
      target: { op: '<=', value: 1 },
      baseline: baseline.roundTripsPerNode,
      ratio: ratioToBaseline(ours.roundTripsPerNode, baseline.roundTripsPerNode, 'lower'),
    },
  ];
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}
