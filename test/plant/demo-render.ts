// The demo engine's plant at one simulated moment, rendered as the test plant's scenario files
// (docs/test-plant.md, "A demo moment"). Every value comes from the engine's own answers to the
// collector's commands (`runCommand`: docker ps, docker inspect, the cgroup reader, nvidia-smi,
// timedatectl, docker version) and from its log and Redis models, so the real-SSH path and the
// demo tell one story. Pure: files and Redis contents out, nothing written here.
import { cgroupScript } from '../../electron/collect/ssh-sections';
import {
  redisContents,
  runCommand,
  type DemoEngine,
  type RedisDatabaseContents,
} from '../../electron/demo';
import { parseRfc3339, rfc3339Nano } from '../../electron/demo/formats';
import type { LogLine } from '../../electron/demo/logs';
import type { NodeView } from '../../electron/demo/node-view';
import { gpuQueryFields } from '../../electron/probes/nvidia-smi';
import { memoryStat } from './cgroups';

export interface RenderOptions {
  /** How far back each container's log file reaches, in simulated ms. */
  logWindowMs: number;
  /** Most lines kept per container log file (the newest). */
  maxLogLines: number;
}

/** One node at the moment: its scenario files, its Redis contents, a database to ask for. */
export interface NodeMoment {
  /** Scenario file name (as writeScenarioFile takes it) → content. */
  files: Map<string, string>;
  /** The databases with keys; empty when the node's Redis is empty or it has none. */
  redis: RedisDatabaseContents[];
  /**
   * A database the engine's PostgreSQL log says a client asks for and does not find: the plant
   * logs in to it, so the real server writes the FATAL itself.
   */
  badDatabase: string | null;
}

const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
/** The span over which a container's CPU use is measured from the engine's counters. */
const CPU_SAMPLE_MS = 1_000;
const BAD_DATABASE = /FATAL: {2}database "([^"]+)" does not exist/;

/**
 * Simulated time mapped onto the plant's real clock: the moment shows at `shownAtMs`, and
 * everything before it keeps its age (a container up 2 hours then is up 2 hours now).
 */
export class PlantClock {
  constructor(
    readonly atMs: number,
    readonly shownAtMs: number,
  ) {}

  /** An RFC 3339 time from the engine, moved onto the plant's clock; Go's zero time stays. */
  time(text: string): string {
    const parsed = parseRfc3339(text);
    if (text === GO_ZERO_TIME || !parsed) return GO_ZERO_TIME;
    return rfc3339Nano(parsed.atUs + this.shiftUs(), parsed.nanos);
  }

  /** A log line's Docker time on the plant's clock, with its nanoseconds. */
  logStamp(line: LogLine): string {
    return rfc3339Nano(line.atUs + this.shiftUs(), line.nanos);
  }

  private shiftUs(): number {
    return Math.round(this.shownAtMs - this.atMs) * 1000;
  }
}

/** Everything one node needs to show the engine's moment. */
export function renderNodeMoment(
  engine: DemoEngine,
  nodeId: string,
  clock: PlantClock,
  options: RenderOptions,
): NodeMoment {
  const view = engine.node(nodeId, clock.atMs);
  const files = new Map<string, string>([
    ...hostFiles(engine, view),
    ...gpuFiles(engine, view),
    ...containerFiles(engine, view, clock),
  ]);
  const logs = logFiles(engine, view, clock, options);
  for (const [name, text] of logs.files) files.set(name, text);
  if (logs.badDatabase !== null) files.set('postgres-bad-database.txt', `${logs.badDatabase}\n`);
  return {
    files,
    redis: view.spec.redis ? redisContents(view) : [],
    badDatabase: logs.badDatabase,
  };
}

function run(engine: DemoEngine, view: NodeView, argv: string[]): string {
  const output = runCommand(argv, { engine, view });
  if (output.exitCode !== 0) {
    throw new Error(`the demo engine refused ${argv.join(' ')}: ${output.stdout.trim()}`);
  }
  return output.stdout;
}

/** Versions and the clock settings (timedatectl's live times stay the plant's own). */
function hostFiles(engine: DemoEngine, view: NodeView): [string, string][] {
  const timedatectl = run(engine, view, ['timedatectl', 'show'])
    .split('\n')
    .filter((line) => line !== '' && !/^(TimeUSec|RTCTimeUSec)=/.test(line));
  const docker = ['docker', 'version', '--format', '{{.Server.Version}}'];
  return [
    ['docker-version.txt', run(engine, view, docker)],
    ['compose-version.txt', run(engine, view, ['docker', 'compose', 'version', '--short'])],
    ['timedatectl-show.txt', `${timedatectl.join('\n')}\n`],
  ];
}

/**
 * nvidia-smi's CSV for the fields the collector asks (with `[N/A]` where the engine prints it),
 * or, when the engine's nvidia-smi fails, the stand-in's error switch with the same words.
 */
function gpuFiles(engine: DemoEngine, view: NodeView): [string, string][] {
  const argv = ['nvidia-smi', `--query-gpu=${gpuQueryFields.join(',')}`];
  const output = runCommand([...argv, '--format=csv,noheader,nounits'], { engine, view });
  if (output.exitCode !== 0) {
    return [
      ['nvidia-smi-error.txt', output.stdout],
      ['nvidia-smi-error-code.txt', `${output.exitCode}\n`],
    ];
  }
  return [['nvidia-smi.csv', `${gpuQueryFields.join(', ')}\n${output.stdout}`]];
}

// -- containers -------------------------------------------------------------------------------

interface PsEntry {
  ID: string;
  Names: string;
  Image: string;
  Labels: string;
  Networks: string;
}

interface InspectDocument {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  Image: string;
  Name: string;
  RestartCount: number;
  State: {
    Status: string;
    OOMKilled: boolean;
    Pid: number;
    ExitCode: number;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string };
  };
  HostConfig: { RestartPolicy: { Name: string }; Memory: number };
  SizeRw: number;
  SizeRootFs: number;
}

/** `containers/NAME` for every container the engine's `docker ps -a` lists. */
function containerFiles(engine: DemoEngine, view: NodeView, clock: PlantClock): [string, string][] {
  const ps = run(engine, view, ['docker', 'ps', '-a', '--no-trunc', '--format', '{{json .}}'])
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as PsEntry);
  if (ps.length === 0) return [];
  const documents = JSON.parse(
    run(engine, view, ['docker', 'inspect', '--size', ...ps.map((entry) => entry.ID)]),
  ) as InspectDocument[];
  const usage = cgroupUsage(engine, view);
  return documents.map((document) => {
    const name = document.Name.replace(/^\//, '');
    const entry = ps.find((candidate) => candidate.Names === name);
    const fields = containerFields(view, document, entry, clock);
    Object.assign(fields, usageFields(usage.get(document.Id)));
    return [`containers/${name}`, keyValueText(fields)];
  });
}

function containerFields(
  view: NodeView,
  document: InspectDocument,
  entry: PsEntry | undefined,
  clock: PlantClock,
): Record<string, string | number> {
  const name = document.Name.replace(/^\//, '');
  const container = view.containers.find((candidate) => candidate.id === document.Id);
  const { State: state } = document;
  const fields: Record<string, string | number> = {
    Id: document.Id,
    Name: name,
    Image: entry?.Image ?? '',
    ImageId: document.Image,
    Command: [document.Path, ...document.Args].join(' '),
    Created: clock.time(document.Created),
    StartedAt: clock.time(state.StartedAt),
    FinishedAt: clock.time(state.FinishedAt),
    State: state.Status,
    ExitCode: state.ExitCode,
    RestartCount: document.RestartCount,
    OOMKilled: String(state.OOMKilled),
    Pid: state.Pid,
    Health: state.Health?.Status ?? '',
    RestartPolicy: document.HostConfig.RestartPolicy.Name,
    // docker ps prints no ports for a stopped container; the engine keeps them in the spec.
    Ports: container?.spec.ports ?? '',
    Networks: entry?.Networks ?? '',
    Labels: entry?.Labels ?? '',
    MemoryLimit: document.HostConfig.Memory,
    SizeRw: document.SizeRw,
    SizeRootFs: document.SizeRootFs,
  };
  if (view.spec.gpus.some((gpu) => gpu.heldBy === name)) fields.Gpus = 'all';
  if (view.spec.postgres?.container === name) fields['plant.logs'] = 'postgres';
  return fields;
}

interface CgroupUsage {
  /** What the collector computes from memory.current and inactive_file. */
  memoryBytes: number;
  /** Cores kept busy, from usage_usec over CPU_SAMPLE_MS. */
  cores: number;
}

/** The engine's cgroup counters, read the way the collector's cgroup script reports them. */
function cgroupUsage(engine: DemoEngine, view: NodeView): Map<string, CgroupUsage> {
  const argv = ['sh', '-c', cgroupScript, 'cgroups', '/sys/fs/cgroup'];
  const read = (at: NodeView) =>
    new Map(
      run(engine, at, argv)
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split(' '))
        .map(([id = '', current, , inactive, usage]) => [
          id,
          { memory: Number(current) - Number(inactive), usage: Number(usage) },
        ]),
    );
  const now = read(view);
  const later = read(engine.node(view.id, view.atMs + CPU_SAMPLE_MS));
  const usage = new Map<string, CgroupUsage>();
  for (const [id, reading] of now) {
    const next = later.get(id)?.usage ?? reading.usage;
    const cores = Math.max(0, (next - reading.usage) / (CPU_SAMPLE_MS * 1000));
    usage.set(id, { memoryBytes: reading.memory, cores: Math.round(cores * 10_000) / 10_000 });
  }
  return usage;
}

function usageFields(usage: CgroupUsage | undefined): Record<string, number> {
  if (!usage) return {};
  return { 'plant.memory': plantMemoryFor(usage.memoryBytes), 'plant.cpu': usage.cores };
}

function collectedMemory(current: number): number {
  const inactive = /^inactive_file (\d+)$/m.exec(memoryStat(current))?.[1];
  return Math.floor(current / 4096) * 4096 - Number(inactive ?? 0);
}

/**
 * The plant.memory whose cgroup files make the collector read `target` bytes (memory.current
 * less inactive_file): the plant's memory.stat keeps ~6 % inactive, so solve for it. Exact to
 * a few pages, the plant's unit.
 */
export function plantMemoryFor(target: number): number {
  let current = Math.round(target / 0.938);
  for (let step = 0; step < 6; step += 1) current += target - collectedMemory(current);
  return Math.max(0, current);
}

function keyValueText(fields: Record<string, string | number>): string {
  const lines = Object.entries(fields).map(([key, value]) => {
    const text = String(value);
    if (/[\r\n]/.test(text)) throw new Error(`a container field is one line: ${key}`);
    return `${key}=${text}`;
  });
  const header = "# The demo engine's container at one moment (test/plant/demo-render.ts)";
  return `${header}\n${lines.join('\n')}\n`;
}

// -- logs -------------------------------------------------------------------------------------

/** `logs/NAME.log` per container; the PostgreSQL container's log is the real server's. */
function logFiles(
  engine: DemoEngine,
  view: NodeView,
  clock: PlantClock,
  options: RenderOptions,
): { files: [string, string][]; badDatabase: string | null } {
  const files: [string, string][] = [];
  let badDatabase: string | null = null;
  for (const container of view.containers) {
    const name = container.spec.name;
    const lines =
      engine.logs(view.id, name, {
        sinceUs: (clock.atMs - options.logWindowMs) * 1000,
        sinceNanos: 0,
        untilUs: clock.atMs * 1000,
        limit: options.maxLogLines,
      }) ?? [];
    if (name === view.spec.postgres?.container) {
      badDatabase = newestBadDatabase(lines) ?? badDatabase;
      continue;
    }
    if (lines.length > 0) files.push([`logs/${name}.log`, logText(lines, clock)]);
  }
  return { files, badDatabase };
}

function newestBadDatabase(lines: readonly LogLine[]): string | null {
  const found = lines.map((line) => BAD_DATABASE.exec(line.text)?.[1]).filter(Boolean);
  return found.at(-1) ?? null;
}

/**
 * `<time> stdout <text>` lines. A line of several lines keeps one stamp for each part.
 * TODO(#4): the engine does not say which stream a line went to; every line goes to stdout
 * (the collector reads both together). A text holding `%{name}` would be rendered by the
 * stand-in as a placeholder; no scenario line has one.
 */
function logText(lines: readonly LogLine[], clock: PlantClock): string {
  return lines
    .flatMap((line) => {
      const stamp = clock.logStamp(line);
      return line.text.split('\n').map((part) => `${stamp} stdout ${part}\n`);
    })
    .join('');
}
