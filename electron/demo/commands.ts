// The commands a demo node answers, by argv: the ones the collector's fast and slow tiers run
// (electron/collect/ssh-sections.ts). Anything else is answered the way a shell answers a
// program it does not have, so a new probe shows up as a clear gap rather than a fake value.
import { cgroupScript } from '../collect/ssh-sections';
import {
  chronycTracking,
  dockerAction,
  dockerSystemDf,
  nvidiaSmiQuery,
  sudo,
} from './action-commands';
import type { DemoEngine } from './engine';
import { offsetMinutes, parseRfc3339 } from './formats';
import { dockerLogLine } from './logs';
import type { NodeView } from './node-view';
import {
  cgroupLines,
  df,
  dockerInspect,
  dockerPs,
  nvidiaSmi,
  ok,
  procLoadavg,
  procMeminfo,
  procUptime,
  timedatectlShow,
  type CommandOutput,
} from './render';

export interface CommandContext {
  engine: DemoEngine;
  view: NodeView;
}

type Handler = (argv: readonly string[], context: CommandContext) => CommandOutput | null;

const procFiles: Record<string, (view: NodeView) => string> = {
  '/proc/uptime': procUptime,
  '/proc/loadavg': procLoadavg,
  '/proc/meminfo': procMeminfo,
};

const handlers: Handler[] = [
  (argv, { view }) => {
    const read = argv[0] === 'cat' && argv.length === 2 ? procFiles[argv[1] ?? ''] : undefined;
    return read ? ok(read(view)) : null;
  },
  (argv, { view }) => (isCgroupScript(argv) ? ok(cgroupLines(view)) : null),
  (argv, { view }) => {
    const query = argv[0] === 'nvidia-smi' ? /^--query-gpu=(.+)$/.exec(argv[1] ?? '') : null;
    return query ? nvidiaSmi(view, (query[1] ?? '').split(',')) : null;
  },
  (argv, { view }) => (same(argv, ['df', '-P', '-B1']) ? ok(df(view)) : null),
  (argv, { engine, view }) =>
    same(argv, ['timedatectl', 'show']) ? timedatectl(engine, view) : null,
  // The action runner's commands (electron/actions/catalog.ts).
  (argv, { view }) => (same(argv, ['nvidia-smi', '-q']) ? nvidiaSmiQuery(view) : null),
  (argv, { engine, view }) =>
    same(argv, ['chronyc', 'tracking'])
      ? chronycTracking(view, engine.ntpEnabled(view.id, view.atMs))
      : null,
  (argv, context) => (argv[0] === 'sudo' ? sudo(argv.slice(1), context) : null),
  (argv, context) => (argv[0] === 'docker' ? docker(argv.slice(1), context) : null),
];

/** `timedatectl show`, with NTP as the action runner last set it. */
function timedatectl(engine: DemoEngine, view: NodeView): CommandOutput {
  const text = timedatectlShow(view, engine.scenario, offsetMinutes(engine.scenario.utcOffset));
  const ntp = engine.ntpEnabled(view.id, view.atMs) ? 'yes' : 'no';
  return ok(text.replace(/^NTP=.*$/m, `NTP=${ntp}`));
}

function same(argv: readonly string[], expected: readonly string[]): boolean {
  return argv.length === expected.length && argv.every((word, index) => word === expected[index]);
}

/** The collector's cgroup reader, recognised by its text (it is constant; only $1 varies). */
function isCgroupScript(argv: readonly string[]): boolean {
  return argv[0] === 'sh' && argv[1] === '-c' && argv[2] === cgroupScript;
}

/** Runs one command on the node; a node that is down never gets here (SSH fails first). */
export function runCommand(argv: readonly string[], context: CommandContext): CommandOutput {
  for (const handler of handlers) {
    const output = handler(argv, context);
    if (output) return output;
  }
  // Only the collector's and the action runner's commands are simulated; the rest is a gap.
  return { stdout: `bash: line 1: ${argv[0] ?? ''}: command not found\n`, exitCode: 127 };
}

// -- docker ---------------------------------------------------------------------------------------

function docker(argv: readonly string[], context: CommandContext): CommandOutput | null {
  const { view, engine } = context;
  const offset = offsetMinutes(engine.scenario.utcOffset);
  if (argv[0] === 'ps') return dockerPsCommand(argv.slice(1), view, offset);
  if (same(argv, ['version', '--format', '{{.Server.Version}}']))
    return ok(`${view.spec.versions.docker}\n`);
  if (same(argv, ['compose', 'version', '--short'])) return ok(`${view.spec.versions.compose}\n`);
  if (same(argv, ['compose', 'version']))
    return ok(`Docker Compose version v${view.spec.versions.compose}\n`);
  if (argv[0] === 'inspect' && argv[1] === '--size') return dockerInspect(view, idsOf(view, argv));
  if (argv[0] === 'logs') return dockerLogs(argv.slice(1), context);
  if (same(argv, ['system', 'df'])) return dockerSystemDf(view);
  if (['restart', 'stop', 'start', 'rm', 'kill'].includes(argv[0] ?? '')) {
    return dockerAction(argv, context);
  }
  return null;
}

/** `docker ps [-a] [--no-trunc] [--size[=false]] --format '{{json .}}'`. */
function dockerPsCommand(argv: readonly string[], view: NodeView, offset: number): CommandOutput {
  const options = { all: false, size: null as boolean | null, format: '' };
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index] ?? '';
    if (word === '-a' || word === '--all') options.all = true;
    else if (word === '-s' || word === '--size' || word === '--size=true') options.size = true;
    else if (word === '--size=false') options.size = false;
    else if (word === '--format') options.format = argv[++index] ?? '';
    else if (word.startsWith('--format=')) options.format = word.slice('--format='.length);
    else if (word !== '--no-trunc') return { stdout: `unknown flag: ${word}\n`, exitCode: 125 };
  }
  // TODO(#4): only the JSON lines format is simulated; the table needs its column layout.
  if (options.format !== '{{json .}}')
    return {
      stdout: 'the demo plant answers docker ps only with --format {{json .}}\n',
      exitCode: 1,
    };
  // A template naming .Size (as {{json .}} does) makes Docker compute sizes unless told not to.
  return ok(dockerPs(view, offset, { all: options.all, size: options.size ?? true }));
}

/** `docker inspect --size` takes names as well as IDs (the action runner's post-checks). */
function idsOf(view: NodeView, argv: readonly string[]): string[] {
  return argv
    .slice(2)
    .map((reference) => view.containers.find((c) => c.spec.name === reference)?.id ?? reference);
}

interface LogsArguments {
  since: string | null;
  tail: number;
  name: string;
}

function readLogsArguments(argv: readonly string[]): LogsArguments | null {
  let since: string | null = null;
  let tail = Number.POSITIVE_INFINITY;
  let name: string | null = null;
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index] ?? '';
    if (word === '--since') since = argv[++index] ?? null;
    else if (word === '--tail') tail = Number(argv[++index]);
    else if (word === '--timestamps' || word === '-t') continue;
    else if (word.startsWith('-') || name !== null) return null;
    else name = word;
  }
  return name === null || !(tail >= 0) ? null : { since, tail, name };
}

/** `docker logs --since <RFC 3339 | 60s> --timestamps --tail N <name>`. */
function dockerLogs(argv: readonly string[], { engine, view }: CommandContext): CommandOutput {
  const parsed = readLogsArguments(argv);
  if (!parsed) return { stdout: 'docker: invalid arguments for logs\n', exitCode: 125 };
  const since = sinceOf(parsed.since, view.atMs);
  if (!since) return { stdout: `invalid value for "since": ${parsed.since}\n`, exitCode: 125 };
  const lines = engine.logs(view.id, parsed.name, {
    sinceUs: since.atUs,
    sinceNanos: since.nanos,
    untilUs: view.atMs * 1000,
    limit: parsed.tail,
  });
  if (!lines) {
    return {
      stdout: `Error response from daemon: No such container: ${parsed.name}\n`,
      exitCode: 1,
    };
  }
  return ok(lines.map((line) => `${dockerLogLine(line)}\n`).join(''));
}

/** `--since`: an RFC 3339 time, a relative `60s`, or absent (from the beginning). */
function sinceOf(text: string | null, nowMs: number): { atUs: number; nanos: number } | null {
  if (text === null) return { atUs: Number.NEGATIVE_INFINITY, nanos: 0 };
  const relative = /^(\d+)s$/.exec(text);
  if (relative) return { atUs: (nowMs - Number(relative[1]) * 1000) * 1000, nanos: 0 };
  return parseRfc3339(text);
}
