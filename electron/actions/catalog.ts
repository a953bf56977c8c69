// The action catalog (issue #8, DESIGN.md section 6) as one declarative table: for each action
// what it does and why, its risk, what it acts on, its arguments (zod), the command plan as argv
// arrays, its preconditions, its post-check and how long it takes. The runner (runner.ts) reads
// nothing else; docs/actions.md is generated from this table (scripts/actions-doc.ts).
// Plans build argv arrays from values the validation already accepted; no plan builds shell text.
import { z } from 'zod';
import type { ActionId, Risk, Role, TargetKind } from '../../shared/api/requests-actions';
import { containerNameRule, redisKeyRule, wordSchema } from './validation';

/** What a plan may use: the checked target and arguments, and facts from fleet and snapshot. */
export interface PlanContext<A> {
  node: string;
  /** The target container ('' for node, database and Redis targets). */
  container: string;
  args: A;
  /** allNodes actions: every node that will be asked, in fleet order. */
  nodes: readonly string[];
  /** The node's web endpoints from the fleet file, by name. */
  endpoints: Readonly<Record<string, string>>;
  /** The Redis keys the fleet file watches on the node. */
  watchedKeys: readonly { db: number; key: string }[];
  /** The node's GPU exporter container, found in the snapshot; null when it runs none. */
  gpuExporter: string | null;
}

export type Step =
  | {
      via: 'ssh';
      node: string;
      label: string;
      argv: string[];
      timeoutMs: number;
      /** Why a non-zero exit is an answer here rather than a failure (the run goes on). */
      failureIsAnswer?: string;
    }
  | { via: 'postgres'; node: string; label: string; sql: string }
  | { via: 'redis'; node: string; label: string; command: 'info'; section: string }
  | { via: 'redis'; node: string; label: string; command: 'hgetall'; db: number; key: string }
  | { via: 'browser'; node: string; label: string; url: string };

/** Checked against the fleet file and the latest snapshot before a preview is shown. */
export type Precondition =
  | 'container-exists'
  | 'container-running'
  | 'container-not-running'
  | 'inference-container'
  | 'ssh-configured'
  | 'postgres-configured'
  | 'redis-configured'
  | 'sudo-allowed'
  | 'portainer-url'
  | 'pgadmin-url';

/** Polled on the node after the commands, until it holds or `withinSeconds` runs out. */
export type PostCheck =
  | { kind: 'container-healthy'; restarted: boolean; withinSeconds: number }
  | { kind: 'container-stopped'; withinSeconds: number }
  | { kind: 'container-absent'; withinSeconds: number }
  | { kind: 'ntp-enabled'; withinSeconds: number };

export interface ActionDefinition<S extends z.ZodType = z.ZodType> {
  id: ActionId;
  title: string;
  what: string;
  why: string;
  risk: Risk;
  targetKind: TargetKind;
  allNodes: boolean;
  args: S;
  preconditions: readonly Precondition[];
  plan(context: PlanContext<z.output<S>>): Step[];
  /** One sentence for the preview: what will happen, with the target named. */
  willHappen(context: PlanContext<z.output<S>>): string;
  postCheck: PostCheck | null;
  expectedDurationSeconds: number;
}

/** The least role that may run an action of each risk. */
export const minimumRoleFor: Record<Risk, Role> = {
  'read-only': 'technician',
  disruptive: 'technician',
  destructive: 'supervisor',
};

export const preconditionText: Record<Precondition, string> = {
  'container-exists': 'the container is in the latest snapshot of the node',
  'container-running': 'the container is running',
  'container-not-running': 'the container is not running',
  'inference-container': 'the container is an inference container (its name has "inference")',
  'ssh-configured': 'the fleet file gives the node SSH access',
  'postgres-configured': 'the fleet file gives the node a PostgreSQL server',
  'redis-configured': 'the fleet file gives the node a Redis server',
  'sudo-allowed': 'the fleet file allows sudo on the node (actions.sudo: true)',
  'portainer-url': "the fleet file names the node's Portainer URL (endpoints.portainer)",
  'pgadmin-url': "the fleet file names the node's pgAdmin URL (endpoints.pgadmin)",
};

export function postCheckText(check: PostCheck | null): string | null {
  if (!check) return null;
  const within = `within ${check.withinSeconds} s`;
  switch (check.kind) {
    case 'container-healthy':
      return check.restarted
        ? `the container started again (a new start time) and is running and healthy ${within}`
        : `the container is still running and healthy ${within}`;
    case 'container-stopped':
      return `the container is stopped ${within}`;
    case 'container-absent':
      return `the container is gone ${within}`;
    case 'ntp-enabled':
      return `timedatectl shows NTP=yes ${within}`;
  }
}

const noArguments = z.object({}).strict();
const containerName = wordSchema(containerNameRule);

/** Docker's grace before it kills a container that ignores SIGTERM. */
const STOP_GRACE_SECONDS = 30;
const dockerTimeoutMs = (STOP_GRACE_SECONDS + 15) * 1000;
const quickMs = 15_000;

const ssh = (node: string, label: string, argv: string[], timeoutMs = quickMs): Step => ({
  via: 'ssh',
  node,
  label,
  argv,
  timeoutMs,
});

/** Lines of the database server's log read to find clients asking for missing databases. */
export const POSTGRES_LOG_LINES = 5000;
export const POSTGRES_CONTAINER = 'database-server';

export const databaseSizesSql =
  'select d.datname as name, pg_database_size(d.datname) as size_bytes, ' +
  '(select count(*) from pg_stat_activity a where a.datname = d.datname) as connections ' +
  'from pg_database d where not d.datistemplate order by size_bytes desc';

export const sessionsSql =
  'select pid, usename, datname, client_addr, application_name, state, backend_start ' +
  "from pg_stat_activity where backend_type = 'client backend' order by datname, client_addr";

function define<S extends z.ZodType>(definition: ActionDefinition<S>): ActionDefinition {
  return definition as unknown as ActionDefinition;
}

export const catalog: readonly ActionDefinition[] = [
  define({
    id: 'container.logs',
    title: "Tail a container's logs",
    what: "Prints the last lines of the container's log, with Docker's timestamps.",
    why: 'The first look at a container that restarts, errs or stopped answering.',
    risk: 'read-only',
    targetKind: 'container',
    allNodes: false,
    args: z.object({ lines: z.number().int().min(1).max(5000).default(200) }).strict(),
    preconditions: ['ssh-configured', 'container-exists'],
    plan: ({ node, container, args }) => [
      ssh(node, 'read the log', [
        'docker',
        'logs',
        '--tail',
        String(args.lines),
        '--timestamps',
        container,
      ]),
    ],
    willHappen: ({ node, container, args }) =>
      `The last ${args.lines} lines of ${container}'s log on ${node} are shown; nothing changes.`,
    postCheck: null,
    expectedDurationSeconds: 2,
  }),
  define({
    id: 'container.restart',
    title: 'Restart a container',
    what: `Stops the container (SIGTERM, SIGKILL after ${STOP_GRACE_SECONDS} s) and starts it.`,
    why: "Frees a leaking container's memory and clears a stuck state before the OOM killer does.",
    risk: 'disruptive',
    targetKind: 'container',
    allNodes: false,
    args: noArguments,
    preconditions: ['ssh-configured', 'container-exists'],
    plan: ({ node, container }) => [
      ssh(
        node,
        'restart',
        ['docker', 'restart', '-t', String(STOP_GRACE_SECONDS), container],
        dockerTimeoutMs,
      ),
    ],
    willHappen: ({ node, container }) =>
      `${container} on ${node} stops and starts again; it does no work for a few seconds.`,
    postCheck: { kind: 'container-healthy', restarted: true, withinSeconds: 60 },
    expectedDurationSeconds: 15,
  }),
  define({
    id: 'gunicorn.recycle',
    title: 'Recycle gunicorn workers',
    what: "Sends SIGHUP to the container's main process: gunicorn replaces its workers gracefully.",
    why: 'Workers that grew (a leak) are replaced without dropping the container or its port.',
    risk: 'disruptive',
    targetKind: 'container',
    allNodes: false,
    args: noArguments,
    preconditions: ['ssh-configured', 'container-exists', 'container-running'],
    plan: ({ node, container }) => [
      ssh(node, 'send SIGHUP', ['docker', 'kill', '--signal', 'HUP', container]),
    ],
    willHappen: ({ node, container }) =>
      `gunicorn in ${container} on ${node} starts new workers and retires the old ones.`,
    postCheck: { kind: 'container-healthy', restarted: false, withinSeconds: 60 },
    expectedDurationSeconds: 10,
  }),
  define({
    id: 'inference.stop',
    title: 'Stop the inference container',
    what: 'Stops the inference container, which frees its GPU memory.',
    why: 'During a long idle stretch the model need not hold the GPU (and heat it).',
    risk: 'disruptive',
    targetKind: 'container',
    allNodes: false,
    args: noArguments,
    preconditions: [
      'ssh-configured',
      'container-exists',
      'inference-container',
      'container-running',
    ],
    plan: ({ node, container }) => [
      ssh(
        node,
        'stop',
        ['docker', 'stop', '-t', String(STOP_GRACE_SECONDS), container],
        dockerTimeoutMs,
      ),
    ],
    willHappen: ({ node, container }) =>
      `${container} on ${node} stops: no inspection runs there until it is started again.`,
    postCheck: { kind: 'container-stopped', withinSeconds: 60 },
    expectedDurationSeconds: 15,
  }),
  define({
    id: 'inference.start',
    title: 'Start the inference container',
    what: 'Starts the stopped inference container; the model loads onto the GPU.',
    why: 'Reload the model before the shift so the line is inspected from the first bar.',
    risk: 'disruptive',
    targetKind: 'container',
    allNodes: false,
    args: noArguments,
    preconditions: [
      'ssh-configured',
      'container-exists',
      'inference-container',
      'container-not-running',
    ],
    plan: ({ node, container }) => [ssh(node, 'start', ['docker', 'start', container])],
    willHappen: ({ node, container }) =>
      `${container} on ${node} starts and loads its model onto the GPU.`,
    postCheck: { kind: 'container-healthy', restarted: true, withinSeconds: 60 },
    expectedDurationSeconds: 20,
  }),
  define({
    id: 'container.remove',
    title: 'Remove a crash-looping container',
    what: 'Removes the container (forcing it to stop first). Its image and volumes stay.',
    why: 'A container that crash-loops for good (a retired exporter) only burns CPU and log space.',
    risk: 'destructive',
    targetKind: 'container',
    allNodes: false,
    args: noArguments,
    preconditions: ['ssh-configured', 'container-exists'],
    plan: ({ node, container }) => [
      ssh(node, 'remove', ['docker', 'rm', '--force', container], dockerTimeoutMs),
    ],
    willHappen: ({ node, container }) =>
      `${container} is removed from ${node}; only a compose up or docker run brings it back.`,
    postCheck: { kind: 'container-absent', withinSeconds: 30 },
    expectedDurationSeconds: 5,
  }),
  define({
    id: 'gpu.diagnostics',
    title: 'GPU diagnostics',
    what: "Prints the full nvidia-smi report and the last lines of the GPU exporter's log.",
    why: 'Tells a driver or telemetry fault ([N/A] readings) from an exporter fault.',
    risk: 'read-only',
    targetKind: 'node',
    allNodes: false,
    args: z
      .object({
        exporter: containerName.optional(),
        lines: z.number().int().min(1).max(2000).default(100),
      })
      .strict(),
    preconditions: ['ssh-configured'],
    plan: ({ node, args, gpuExporter }) => {
      const exporter = args.exporter ?? gpuExporter;
      const steps = [ssh(node, 'nvidia-smi report', ['nvidia-smi', '-q'])];
      if (exporter) {
        steps.push(
          ssh(node, 'exporter log', [
            'docker',
            'logs',
            '--tail',
            String(args.lines),
            '--timestamps',
            exporter,
          ]),
        );
      }
      return steps;
    },
    willHappen: ({ node }) => `The GPU report of ${node} is shown; nothing changes.`,
    postCheck: null,
    expectedDurationSeconds: 3,
  }),
  define({
    id: 'clock.check',
    title: 'Clock check',
    what: "Shows timedatectl's view of the clock and chrony's tracking (offset, source).",
    why: 'A clock off by minutes shifts every log time and breaks time-based correlation.',
    risk: 'read-only',
    targetKind: 'node',
    allNodes: false,
    args: noArguments,
    preconditions: ['ssh-configured'],
    plan: ({ node }) => [
      ssh(node, 'system clock', ['timedatectl', 'show']),
      {
        ...ssh(node, 'chrony tracking', ['chronyc', 'tracking']),
        failureIsAnswer: 'nodes that keep time with systemd-timesyncd run no chronyd',
      },
    ],
    willHappen: ({ node }) => `The clock settings of ${node} are shown; nothing changes.`,
    postCheck: null,
    expectedDurationSeconds: 2,
  }),
  define({
    id: 'clock.enableNtp',
    title: 'Enable NTP',
    what: 'Turns on network time synchronisation (timedatectl set-ntp true, through sudo -n).',
    why: "Without NTP the node's clock drifts and its log times stop matching the others'.",
    risk: 'disruptive',
    targetKind: 'node',
    allNodes: false,
    args: noArguments,
    preconditions: ['ssh-configured', 'sudo-allowed'],
    plan: ({ node }) => [ssh(node, 'enable NTP', ['sudo', '-n', 'timedatectl', 'set-ntp', 'true'])],
    willHappen: ({ node }) =>
      `${node} starts synchronising its clock; a clock far off may jump once.`,
    postCheck: { kind: 'ntp-enabled', withinSeconds: 15 },
    expectedDurationSeconds: 3,
  }),
  define({
    id: 'postgres.diagnostics',
    title: 'PostgreSQL diagnostics',
    what:
      'Lists database sizes and client sessions (pg_stat_activity), and reads the server log ' +
      'for clients that ask for a database that does not exist.',
    why: 'Finds what fills the disk and who keeps logging FATAL "database does not exist".',
    risk: 'read-only',
    targetKind: 'database',
    allNodes: false,
    args: noArguments,
    preconditions: ['postgres-configured'],
    plan: ({ node }) => [
      { via: 'postgres', node, label: 'database sizes', sql: databaseSizesSql },
      { via: 'postgres', node, label: 'client sessions', sql: sessionsSql },
      ssh(node, 'server log', [
        'docker',
        'logs',
        '--tail',
        String(POSTGRES_LOG_LINES),
        '--timestamps',
        POSTGRES_CONTAINER,
      ]),
    ],
    willHappen: ({ node }) => `PostgreSQL on ${node} is queried (read only); nothing changes.`,
    postCheck: null,
    expectedDurationSeconds: 3,
  }),
  define({
    id: 'redis.diagnostics',
    title: 'Redis diagnostics',
    what: 'Shows the keyspace (keys per database) and the contents of a watched hash.',
    why: 'An empty database or a hash missing a field stops the pipeline silently.',
    risk: 'read-only',
    targetKind: 'redis',
    allNodes: false,
    args: z
      .object({
        db: z.number().int().min(0).max(15).optional(),
        key: wordSchema(redisKeyRule).optional(),
      })
      .strict(),
    preconditions: ['redis-configured'],
    plan: ({ node, args, watchedKeys }) => {
      const keys = args.key ? [{ db: args.db ?? 0, key: args.key }] : watchedKeys;
      return [
        { via: 'redis', node, label: 'keyspace', command: 'info', section: 'keyspace' },
        ...keys.map(({ db, key }): Step => ({
          via: 'redis',
          node,
          label: `hash ${key}`,
          command: 'hgetall',
          db,
          key,
        })),
      ];
    },
    willHappen: ({ node }) => `Redis on ${node} is read; nothing changes.`,
    postCheck: null,
    expectedDurationSeconds: 1,
  }),
  define({
    id: 'disk.usage',
    title: 'Disk usage',
    what: "Shows the file systems' usage (df) and Docker's (images, containers, volumes, cache).",
    why: 'Tells a growing database from image and log buildup before a disk fills.',
    risk: 'read-only',
    targetKind: 'node',
    allNodes: false,
    args: noArguments,
    preconditions: ['ssh-configured'],
    plan: ({ node }) => [
      ssh(node, 'file systems', ['df', '-P', '-B1']),
      ssh(node, 'Docker', ['docker', 'system', 'df'], 60_000),
    ],
    willHappen: ({ node }) => `The disk usage of ${node} is shown; nothing changes.`,
    postCheck: null,
    expectedDurationSeconds: 5,
  }),
  define({
    id: 'versions.compare',
    title: 'Compare Docker and Compose versions',
    what: 'Asks every node for its Docker Engine and Compose versions and shows them side by side.',
    why: 'Nodes of one line should run the same versions; a mismatch explains odd differences.',
    risk: 'read-only',
    targetKind: 'node',
    allNodes: true,
    args: noArguments,
    preconditions: [],
    plan: ({ nodes }) =>
      nodes.flatMap((node) => [
        ssh(node, 'Docker version', ['docker', 'version', '--format', '{{.Server.Version}}']),
        ssh(node, 'Compose version', ['docker', 'compose', 'version', '--short']),
      ]),
    willHappen: ({ nodes }) => `${nodes.join(', ')} are asked for their versions; nothing changes.`,
    postCheck: null,
    expectedDurationSeconds: 3,
  }),
  define({
    id: 'node.openPortainer',
    title: 'Open Portainer',
    what: "Opens the node's Portainer in the system browser, at the URL the fleet file gives.",
    why: "For what the control room does not do: editing stacks, reading a container's env.",
    risk: 'read-only',
    targetKind: 'node',
    allNodes: false,
    args: noArguments,
    preconditions: ['portainer-url'],
    plan: ({ node, endpoints }) => [
      { via: 'browser', node, label: 'Portainer', url: endpoints.portainer ?? '' },
    ],
    willHappen: ({ node }) => `Portainer of ${node} opens in the browser.`,
    postCheck: null,
    expectedDurationSeconds: 0,
  }),
  define({
    id: 'node.openPgadmin',
    title: 'Open pgAdmin',
    what: "Opens the node's pgAdmin in the system browser, at the URL the fleet file gives.",
    why: 'For queries the diagnostics do not run.',
    risk: 'read-only',
    targetKind: 'node',
    allNodes: false,
    args: noArguments,
    preconditions: ['pgadmin-url'],
    plan: ({ node, endpoints }) => [
      { via: 'browser', node, label: 'pgAdmin', url: endpoints.pgadmin ?? '' },
    ],
    willHappen: ({ node }) => `pgAdmin of ${node} opens in the browser.`,
    postCheck: null,
    expectedDurationSeconds: 0,
  }),
];

const byId = new Map(catalog.map((definition) => [definition.id, definition]));

export function findAction(id: string): ActionDefinition | null {
  return byId.get(id as ActionId) ?? null;
}
