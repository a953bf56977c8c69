// The `control-room` command line (DESIGN.md section 4).
// Exit codes: 0 done, 2 bad input, 1 internal fault.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Archive, archiveListeners, startMaintenance } from './archive';
import { benchmarks, runBenchmarks } from './bench/bench';
import type { Collector } from './collect/collector';
import { chooseFleet, FleetChoiceError } from './core/watched';
import { assembleLiveCore } from './core/assemble';
import { appVersion } from './core/core';
import { configureLogging, createLogger, dataDirectory } from './log';
import { startBrowserServer } from './server/server';
import {
  EXIT_BAD_INPUT,
  EXIT_FAULT,
  EXIT_OK,
  InputError,
  type Output,
  type Outcome,
} from './commands/common';
import { moduleCommands } from './commands';

export {
  EXIT_BAD_INPUT,
  EXIT_FAULT,
  EXIT_OK,
  InputError,
  type Output,
  type Outcome,
} from './commands/common';

const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const coreUsage = `Usage: control-room <command> [options]

Commands:
  serve [--fleet F | --demo] [--port N] [--host H]
                         Start the core and the interface in browser mode on 127.0.0.1
                         (--port 0 picks a free port), watching the nodes of fleet file F or
                         the built-in demo plant (a simulated deployment 03002 at 60x speed).
                         Prints the URL to open; it carries a per-launch token. Other
                         interfaces only with an explicit --host.
  snapshot --fleet F | --demo [--at TIME]
                         Collect every node once and print the snapshot as JSON (--at: the
                         demo plant's moment, ISO-8601). Exits 0 also when nodes are down:
                         the snapshot says so.

  watch --fleet F | --demo --archive DIR [--duration D]
                         Collect without an interface, recording every snapshot and health
                         change into the archive in DIR (D: 90s, 15m, 2h; default: until
                         Ctrl-C).`;

const optionsUsage = `  bench [NAME]           Run the benchmarks (all, or one by name) and print
                         their figures against a baseline measured in the same run, then one
                         summary table.
                         Names: ${Object.keys(benchmarks).join(', ')}.
                         collect and faults need the test plant (root, Debian's
                         openssh-server, redis-server, postgresql); ui and endurance
                         need Chromium and the built interface (npm run build:renderer).

Options:
  --help      Show this help
  --version   Show the version

Environment:
  CONTROL_ROOM_DATA_DIR   where logs (and later the archive) are kept
  CONTROL_ROOM_TOKEN      fixed browser-mode token, so a restarted core accepts open pages
  CONTROL_ROOM_LOG_LEVEL  trace | debug | info | warn | error (default info)`;

export const usage = [
  coreUsage,
  ...Object.values(moduleCommands).map((command) => command.usage),
  optionsUsage,
].join('\n');

const serveOptions = {
  fleet: { type: 'string' },
  demo: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean' },
} satisfies ParseArgsConfig['options'];

export async function run(argv: string[], output: Output = processOutput): Promise<Outcome> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      output.out(usage);
      return { exitCode: command === undefined ? EXIT_BAD_INPUT : EXIT_OK };
    }
    if (command === '--version' || command === '-v') {
      output.out(appVersion);
      return { exitCode: EXIT_OK };
    }
    if (command === 'serve') return await serve(rest, output);
    if (command === 'snapshot') return await snapshot(rest, output);
    if (command === 'bench') return await bench(rest, output);
    if (command === 'watch') return await watch(rest, output);
    const moduleCommand = moduleCommands[command];
    if (moduleCommand && Object.hasOwn(moduleCommands, command)) {
      return await moduleCommand.run(rest, output);
    }
    throw new InputError(`unknown command '${command}'. Run control-room --help for the list.`);
  } catch (error) {
    if (
      error instanceof InputError ||
      error instanceof FleetChoiceError ||
      isParseArgsError(error)
    ) {
      output.err(`control-room: ${(error as Error).message}`);
      return { exitCode: EXIT_BAD_INPUT };
    }
    output.err(`control-room: internal fault: ${(error as Error)?.message ?? String(error)}`);
    return { exitCode: EXIT_FAULT };
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** Reads `--port`: an integer 0–65535. */
export function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) {
    throw new InputError(`--port must be a whole number from 0 to 65535, got '${text}'`);
  }
  return Number(text);
}

/** Reads `--host`: an IPv4/IPv6 address or a plain host name; nothing that could smuggle a URL. */
export function parseHost(text: string | undefined): string {
  if (text === undefined) return '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(text)) {
    throw new InputError(`--host must be an address or host name, got '${text}'`);
  }
  return text;
}

export const rendererDirectory = fileURLToPath(new URL('../out/renderer', import.meta.url));

async function serve(argv: string[], output: Output): Promise<Outcome> {
  const { values } = parseArgs({
    args: argv,
    options: serveOptions,
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    output.out(usage);
    return { exitCode: EXIT_OK };
  }
  const port = parsePort(values.port);
  const host = parseHost(values.host);
  configureLogging();
  const log = createLogger('cli');

  if (!existsSync(`${rendererDirectory}/index.html`)) {
    output.err(
      `control-room: the interface is not built (${rendererDirectory}); ` +
        'run: npm run build:renderer',
    );
  }
  const watched = chooseFleet(values);
  const live = assembleLiveCore(watched, { mode: 'browser', fleetFile: values.fleet });
  const core = live.core;
  live.start();
  const token = process.env.CONTROL_ROOM_TOKEN || undefined;
  const server = await startBrowserServer({
    router: core.router,
    staticDir: rendererDirectory,
    host,
    port,
    token,
  });
  output.out(`VisionKing Control Room is running at ${server.url}`);
  log.info({ host: server.host, port: server.port, dataDir: dataDirectory() }, 'serving');

  const stop = async () => {
    await server.close();
    await live.stop();
  };
  return { running: true, stop };
}

const snapshotOptions = {
  fleet: { type: 'string' },
  demo: { type: 'boolean' },
  at: { type: 'string' },
} satisfies ParseArgsConfig['options'];

async function snapshot(argv: string[], output: Output): Promise<Outcome> {
  const { values } = parseArgs({ args: argv, options: snapshotOptions, strict: true });
  if (values.fleet === undefined && !values.demo)
    throw new InputError('snapshot needs --fleet FILE or --demo');
  if (values.at !== undefined && !values.demo)
    throw new InputError('--at applies to the demo plant only');
  configureLogging();
  // The demo stands still for a one-off snapshot, so the output is the same on every run.
  const collector = chooseFleet(values, 0).collector as Collector;
  try {
    output.out(JSON.stringify(await collector.collectOnce(), null, 2));
  } finally {
    await collector.stop();
  }
  return { exitCode: EXIT_OK };
}

async function bench(argv: string[], output: Output): Promise<Outcome> {
  const { positionals } = parseArgs({
    args: argv,
    options: {},
    strict: true,
    allowPositionals: true,
  });
  configureLogging();
  const known = await runBenchmarks(positionals[0], { out: output.out });
  if (!known)
    throw new InputError(
      `no benchmark named '${positionals[0]}' (known: ${Object.keys(benchmarks).join(', ')})`,
    );
  return { exitCode: EXIT_OK };
}

const watchOptions = {
  fleet: { type: 'string' },
  demo: { type: 'boolean' },
  archive: { type: 'string' },
  duration: { type: 'string' },
} satisfies ParseArgsConfig['options'];

/** Reads `--duration`: `90s`, `15m`, `2h` or plain seconds, as milliseconds. */
export function parseDuration(text: string | undefined): number | null {
  if (text === undefined) return null;
  const match = /^(\d{1,7})(s|m|h)?$/.exec(text);
  if (!match) throw new InputError(`--duration must look like 90s, 15m or 2h, got '${text}'`);
  const unitMs = { s: 1_000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1_000;
  return Number(match[1]) * unitMs;
}

async function watch(argv: string[], output: Output): Promise<Outcome> {
  const { values } = parseArgs({ args: argv, options: watchOptions, strict: true });
  if (values.fleet === undefined && !values.demo)
    throw new InputError('watch needs --fleet FILE or --demo');
  if (values.archive === undefined) throw new InputError('watch needs --archive DIR');
  const durationMs = parseDuration(values.duration);
  configureLogging();
  const watched = chooseFleet(values);
  const collector = watched.collector as Collector;
  // Snapshots carry plant time: at demo speed one fast tick spans minutes of it.
  const tickIntervalMs = collector.fastIntervalMs * Math.max(1, watched.timeScale);
  const archive = Archive.open({ directory: values.archive, tickIntervalMs });
  const listeners = archiveListeners(archive);
  const maintenance = startMaintenance(archive);
  collector.subscribe(listeners);
  collector.start();
  output.out(
    `Watching ${watched.summary.deployment} (${watched.summary.source}) into ${archive.directory}`,
  );

  const stop = async () => {
    await collector.stop();
    maintenance.stop();
    const range = archive.range();
    archive.close();
    const span = range
      ? `${new Date(range.firstMs).toISOString()} to ${new Date(range.lastMs).toISOString()}`
      : 'nothing';
    output.out(`Archived ${span}; ${listeners.failures()} failed writes.`);
  };
  if (durationMs === null) return { running: true, stop };
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  await stop();
  return { exitCode: listeners.failures() === 0 ? EXIT_OK : EXIT_FAULT };
}
