// A demo scenario is data (assets/demo/*.yaml): the nodes, their containers and models, and a
// timeline of events. This module is its schema and loader; every problem names the file, line
// and field, like the fleet file's loader (electron/fleet/load.ts). docs/demo-plant.md describes
// every field.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { redisWatchSchema } from '../../shared/fleet';
import { parseByteSize, parseDurationMs } from '../probes/units';

// -- units ----------------------------------------------------------------------------------------

/** `90s`, `15min`, `2h 30min`, `3d 20h`, `5.882ms` → milliseconds. */
const duration = z.string().transform((text, context) => {
  const ms = parseDurationMs(text);
  if (ms === null || ms < 0) {
    context.addIssue({ code: 'custom', message: 'a duration such as 90s, 15min, 2h 30min or 3d' });
    return z.NEVER;
  }
  return ms;
});

/** `414 MiB`, `5.78 GB` (decimal, as Docker prints sizes), or a number of bytes. */
const bytes = z.union([z.number().nonnegative(), z.string()]).transform((value, context) => {
  const size = typeof value === 'number' ? value : parseByteSize(value);
  if (size === null || size < 0) {
    context.addIssue({ code: 'custom', message: 'a size such as 414 MiB, 5.78 GB or 1024' });
    return z.NEVER;
  }
  return size;
});

/** Placeholders a log line template may use; docs/demo-plant.md says what each becomes. */
export const templatePlaceholders = [
  'asctime',
  'pgtime',
  'nesttime',
  'gunicorntime',
  'isotime',
  'redistime',
  'pid',
  'workerPid',
  'bar',
  'camera',
  'retry',
  'speed',
] as const;

const template = z.string().superRefine((text, context) => {
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    if (!(templatePlaceholders as readonly string[]).includes(match[1] ?? '')) {
      const known = templatePlaceholders.join(', ');
      context.addIssue({ code: 'custom', message: `unknown placeholder {${match[1]}} (${known})` });
    }
  }
});

// -- models ---------------------------------------------------------------------------------------

/** A repeating rise and fall: `rise` is the fraction of the period spent rising (1: sawtooth). */
const byteWaveSchema = z
  .object({
    amplitude: bytes,
    period: duration,
    rise: z.number().min(0).max(1).default(0.5),
    /** Offset from the scenario start at which the wave is at its lowest. */
    lowAt: duration.default(0),
  })
  .strict();

const temperatureSchema = z
  .object({
    low: z.number(),
    high: z.number(),
    period: duration,
    rise: z.number().min(0).max(1).default(0.5),
    lowAt: duration.default(0),
  })
  .strict();

const memorySchema = z
  .object({
    /** After every (re)start. */
    base: bytes,
    /** At the scenario start, for a container that has been up a while; default `base`. */
    initial: bytes.optional(),
    leakPerHour: bytes.default(0),
    /** memory.max; a leak that reaches it gets the container OOM-killed and restarted. */
    limit: bytes.optional(),
    wave: byteWaveSchema.optional(),
  })
  .strict();

const streamSchema = z
  .object({
    every: duration.optional(),
    perSecond: z.number().positive().optional(),
    jitter: duration.default(0),
    /** Shifts the stream's grid: the first line is at start + offset (+ k × every). */
    offset: duration.default(0),
    from: duration.optional(),
    until: duration.optional(),
    during: z.enum(['production', 'idle']).optional(),
    /** The stream stops at the container's first start after `from` (a stuck client). */
    endsWhenRestarted: z.boolean().default(false),
    /** Added to the time written inside the line (not Docker's): a process with a wrong clock. */
    skew: duration.default(0),
    lines: z.array(template).min(1),
  })
  .strict()
  .superRefine((stream, context) => {
    if ((stream.every === undefined) === (stream.perSecond === undefined)) {
      context.addIssue({ code: 'custom', message: 'give exactly one of every or perSecond' });
      return;
    }
    const intervalMs = stream.every ?? 1000 / (stream.perSecond ?? 1);
    if (intervalMs <= 0 || stream.jitter >= intervalMs) {
      context.addIssue({ code: 'custom', path: ['jitter'], message: 'must be less than every' });
    }
  })
  .transform(({ every, perSecond, ...stream }) => ({
    ...stream,
    intervalMs: every ?? 1000 / (perSecond ?? 1),
  }));

const containerSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'a container name'),
    image: z.string().min(1),
    command: z.string().default(''),
    ports: z.string().default(''),
    labels: z.record(z.string(), z.string()).default({}),
    health: z.enum(['healthy', 'none']).default('none'),
    restartPolicy: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).default('always'),
    createdAgo: duration.optional(),
    /** After the node boots, when the daemon starts it. */
    startDelay: duration.default(30_000),
    /** CPU use in cores, as `docker stats` shows it (0.48 = 48 %). */
    cpu: z.number().nonnegative(),
    memory: memorySchema,
    imageSize: bytes,
    sizeRw: z.object({ atStart: bytes, perHour: bytes.default(0) }).strict(),
    restartCount: z.number().int().nonnegative().default(0),
    /** Not running at the start: exited with this code this long before. */
    exited: z.object({ code: z.number().int(), ago: duration }).strict().optional(),
    crashLoop: z
      .object({
        every: duration,
        upFor: duration.default(2_000),
        exitCode: z.number().int().default(1),
        lines: z.array(template).min(1),
      })
      .strict()
      .optional(),
    production: z
      .object({ cpu: z.number().nonnegative().optional(), memory: memorySchema.optional() })
      .strict()
      .optional(),
    bootLines: z.array(template).default([]),
    killLines: z.array(template).default([]),
    /**
     * Workers OOM-killed before the start, as how long before it: gunicorn's master wrote its
     * `killLines` then and respawned the worker, so the container kept running.
     */
    pastKills: z.array(duration).default([]),
    logs: z.array(streamSchema).default([]),
  })
  .strict();

const gpuSchema = z
  .object({
    name: z.string(),
    uuid: z.string(),
    memoryTotal: bytes,
    /** The container whose models hold GPU memory while it runs. */
    heldBy: z.string(),
    heldPct: z.number().min(0).max(100),
    idleMemory: bytes,
    temperature: temperatureSchema,
    powerW: z.number().nonnegative(),
    fanPct: z.object({ rising: z.number(), falling: z.number() }).strict(),
    production: z
      .object({
        utilizationPct: z.number().min(0).max(100),
        temperature: temperatureSchema,
        powerW: z.number().nonnegative(),
      })
      .strict()
      .optional(),
  })
  .strict();

// -- channels -------------------------------------------------------------------------------------

const port = z.number().int().min(1).max(65_535);

const postgresSchema = z
  .object({
    port,
    container: z.string(),
    /** What `select version()` answers. */
    version: z.string(),
    maxConnections: z.number().int().positive(),
    databases: z.array(
      z
        .object({
          name: z.string(),
          size: bytes,
          growthPerHour: bytes.default(0),
          connections: z.number().int().nonnegative(),
        })
        .strict(),
    ),
  })
  .strict();

const redisSchema = z
  .object({
    port,
    container: z.string(),
    version: z.string(),
    clients: z.number().int().nonnegative(),
    /** What the demo fleet asks the collector to watch (a hash field the pipeline needs). */
    watch: z.array(redisWatchSchema).default([]),
    /** Keys per database while the line produces; every database is empty while it is idle. */
    productionKeys: z.record(z.string().regex(/^\d+$/), z.number().int().nonnegative()),
    hashes: z.array(
      z
        .object({
          db: z.number().int().min(0).max(15),
          key: z.string(),
          during: z.enum(['production', 'idle', 'always']).default('always'),
          fields: z.record(z.string(), z.string()),
        })
        .strict(),
    ),
  })
  .strict();

const prometheusSchema = z
  .object({
    port,
    container: z.string(),
    targets: z.array(z.object({ job: z.string(), instance: z.string() }).strict()),
  })
  .strict();

const rabbitmqSchema = z
  .object({
    port,
    queues: z.array(
      z
        .object({
          name: z.string(),
          consumers: z.number().int().nonnegative(),
          productionPublishPerSecond: z.number().nonnegative().default(0),
        })
        .strict(),
    ),
  })
  .strict();

const endpointSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    /** Answers while this container runs; without one it answers whenever the node is up. */
    container: z.string().optional(),
    status: z.number().int().min(100).max(599).default(200),
    /** Nothing listens there: every probe is refused. */
    refused: z.boolean().default(false),
    selfSigned: z.boolean().default(false),
  })
  .strict();

const diskSchema = z
  .object({
    filesystem: z.string(),
    mount: z.string(),
    size: bytes,
    usedAtStart: bytes,
    growthPerHour: bytes.default(0),
    /** Blocks kept for root (ext4 keeps 5 %): df's Available leaves them out. */
    reservedPct: z.number().min(0).max(50).default(0),
  })
  .strict();

const nodeSchema = z
  .object({
    role: z.enum(['processing', 'dashboard']),
    host: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.:-]{0,252}$/, 'an IP address or host name'),
    uptimeAtStart: duration,
    cpuCores: z.number().int().positive(),
    memTotal: bytes,
    /** Memory used outside containers (kernel, host services, page cache not given back). */
    hostMemoryUsed: bytes,
    kernel: z.string(),
    pids: z.object({ atBoot: z.number().int().positive(), perMinute: z.number() }).strict(),
    versions: z.object({ docker: z.string(), compose: z.string() }).strict(),
    clock: z.object({ ntp: z.boolean(), synchronized: z.boolean() }).strict(),
    containersCreatedAgo: duration,
    disks: z.array(diskSchema).min(1),
    sshPort: port.default(22),
    postgres: postgresSchema.optional(),
    redis: redisSchema.optional(),
    prometheus: prometheusSchema.optional(),
    rabbitmq: rabbitmqSchema.optional(),
    endpoints: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/), endpointSchema).default({}),
    gpus: z.array(gpuSchema).default([]),
    containers: z.array(containerSchema),
  })
  .strict();

// -- timeline -------------------------------------------------------------------------------------

const eventBase = {
  at: duration,
  /** What happens, in a sentence (docs/demo-plant.md lists them). */
  note: z.string(),
  /** The reference report's item it reproduces, e.g. `2026-02-18 21:53 #1`. */
  report: z.string().optional(),
};

const containerEvent = (type: 'stop' | 'start' | 'restart' | 'remove') =>
  z
    .object({
      ...eventBase,
      type: z.literal(type),
      node: z.string(),
      containers: z.array(z.string()).min(1),
    })
    .strict();

export const channelErrors = ['timeout', 'refused', 'unreachable', 'auth'] as const;

const eventSchema = z.discriminatedUnion('type', [
  z
    .object({ ...eventBase, type: z.literal('reboot'), node: z.string(), downFor: duration })
    .strict(),
  z
    .object({
      ...eventBase,
      type: z.literal('channel-down'),
      nodes: z.array(z.string()).min(1),
      channel: z.enum(['ssh', 'postgres', 'redis', 'prometheus', 'rabbitmq']),
      for: duration,
      error: z.enum(channelErrors),
    })
    .strict(),
  containerEvent('stop'),
  containerEvent('start'),
  containerEvent('restart'),
  containerEvent('remove'),
  z.object({ ...eventBase, type: z.literal('dark'), node: z.string() }).strict(),
  z
    .object({
      ...eventBase,
      type: z.literal('gpu-telemetry-lost'),
      node: z.string(),
      for: duration,
    })
    .strict(),
  z.object({ ...eventBase, type: z.literal('production'), for: duration.optional() }).strict(),
  z
    .object({
      ...eventBase,
      type: z.literal('recycle'),
      node: z.string(),
      containers: z.array(z.string()).min(1),
      /** Memory the recycled worker held beyond a fresh one: the container's falls by it. */
      frees: bytes,
    })
    .strict(),
]);

const lineSchema = z
  .object({
    cameras: z.array(z.string()).min(1),
    /** The first bar of a production run; later bars count up from it. */
    firstBar: z.string().regex(/^[A-Z]*\d+$/, 'letters then digits, e.g. F32331400601'),
    barEvery: duration,
    speedMmPerMinute: z.number().positive(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    deployment: z.string().min(1),
    start: z.iso.datetime({ offset: true }),
    /** The plant's wall-clock offset, for times applications write in their own lines. */
    utcOffset: z.string().regex(/^[+-]\d\d:\d\d$/, 'an offset such as -03:00'),
    timezone: z.string(),
    seed: z.number().int().default(3002),
    /** Where the story ends; the plant stays defined after it. */
    end: duration,
    line: lineSchema,
    nodes: z.record(
      z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a node id such as vk01'),
      nodeSchema,
    ),
    timeline: z.array(eventSchema),
  })
  .strict()
  .superRefine(checkReferences);

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioNode = Scenario['nodes'][string];
export type ScenarioContainer = ScenarioNode['containers'][number];
export type ScenarioStream = ScenarioContainer['logs'][number];
export type ScenarioGpu = ScenarioNode['gpus'][number];
export type ScenarioEvent = Scenario['timeline'][number];
export type MemoryModel = ScenarioContainer['memory'];
export type TemperatureModel = ScenarioGpu['temperature'];
export type ByteWave = NonNullable<MemoryModel['wave']>;

// -- cross references -----------------------------------------------------------------------------

/** Every node and container an event, channel, endpoint or GPU names must exist. */
function checkReferences(scenario: z.output<typeof scenarioSchema>, context: z.RefinementCtx) {
  const issue = (path: PropertyKey[], message: string) =>
    context.addIssue({ code: 'custom', path, message });
  scenario.timeline.forEach((event, index) => {
    const nodes = 'nodes' in event ? event.nodes : 'node' in event ? [event.node] : [];
    for (const node of nodes) {
      if (!scenario.nodes[node]) issue(['timeline', index], `no node ${node} in nodes`);
    }
    if ('containers' in event) {
      for (const name of event.containers) {
        if (!containerNames(scenario, event.node).includes(name))
          issue(['timeline', index, 'containers'], `no container ${name} on ${event.node}`);
      }
    }
  });
  for (const [nodeId, node] of Object.entries(scenario.nodes)) checkNode(nodeId, node, issue);
}

function containerNames(scenario: z.output<typeof scenarioSchema>, nodeId: string): string[] {
  return scenario.nodes[nodeId]?.containers.map((container) => container.name) ?? [];
}

function checkNode(
  nodeId: string,
  node: ScenarioNode,
  issue: (path: PropertyKey[], message: string) => void,
): void {
  const names = node.containers.map((container) => container.name);
  const need = (path: PropertyKey[], name: string | undefined) => {
    if (name !== undefined && !names.includes(name))
      issue(['nodes', nodeId, ...path], `no container ${name} on this node`);
  };
  need(['postgres', 'container'], node.postgres?.container);
  need(['redis', 'container'], node.redis?.container);
  need(['prometheus', 'container'], node.prometheus?.container);
  for (const [name, endpoint] of Object.entries(node.endpoints))
    need(['endpoints', name, 'container'], endpoint.container);
  node.gpus.forEach((gpu, index) => need(['gpus', index, 'heldBy'], gpu.heldBy));
  const seen = new Set<string>();
  node.containers.forEach((container, index) => {
    if (seen.has(container.name))
      issue(['nodes', nodeId, 'containers', index, 'name'], `${container.name} appears twice`);
    seen.add(container.name);
  });
}

// -- loading --------------------------------------------------------------------------------------

export interface ScenarioProblem {
  file: string;
  line: number | null;
  /** Dotted path of the field, e.g. `nodes.vk02.containers.3.memory.base`. */
  field: string;
  message: string;
}

export type ScenarioResult =
  { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

/** The scenario shipped with the app: deployment 03002 as the reference report saw it. */
export const DEFAULT_SCENARIO_FILE = fileURLToPath(
  new URL('../../assets/demo/scenario-03002.yaml', import.meta.url),
);

export function formatScenarioProblem(problem: ScenarioProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return problem.field
    ? `${where}: ${problem.field}: ${problem.message}`
    : `${where}: ${problem.message}`;
}

export function loadScenarioFile(file = DEFAULT_SCENARIO_FILE): ScenarioResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const message = `cannot read the scenario: ${(error as Error).message}`;
    return { ok: false, problems: [{ file, line: null, field: '', message }] };
  }
  return parseScenario(text, file);
}

/** The default scenario, or an Error listing every problem (a broken shipped file is a bug). */
export function loadDefaultScenario(): Scenario {
  const result = loadScenarioFile();
  if (result.ok) return result.scenario;
  throw new Error(
    `the demo scenario has problems:\n${result.problems.map(formatScenarioProblem).join('\n')}`,
  );
}

export function parseScenario(text: string, file = 'scenario.yaml'): ScenarioResult {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => ({
      file,
      line: lines.linePos(error.pos[0]).line,
      field: '',
      message: `not valid YAML: ${error.message.split('\n')[0]}`,
    }));
    return { ok: false, problems };
  }
  const result = scenarioSchema.safeParse(document.toJS());
  if (result.success) return { ok: true, scenario: result.data };
  const problems = result.error.issues.map((issue) => ({
    file,
    line: lineOf(document, lines, issue.path),
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return { ok: false, problems };
}

/** The line of the deepest node on the path that exists in the document. */
function lineOf(document: Document, lines: LineCounter, path: PropertyKey[]): number | null {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const keys = path.slice(0, depth).map((key) => (typeof key === 'number' ? key : String(key)));
    const node = depth === 0 ? document.contents : document.getIn(keys, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return null;
}
