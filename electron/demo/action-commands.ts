// The commands the action runner sends (electron/actions/catalog.ts), answered on the simulation:
// `docker restart|stop|start|rm|kill` change the engine's timeline (a restart gives the container
// a new start time and its base memory; a stop of the inference container frees its GPU memory;
// rm removes it), `sudo -n timedatectl set-ntp true` turns NTP on, and the diagnostics
// (`nvidia-smi -q`, `chronyc tracking`, `docker system df`) read the node as it is.
import type { DemoActionName, DemoEngine } from './engine';
import type { ContainerView, GpuView, NodeView } from './node-view';
import { ok, type CommandOutput } from './render';

export interface ActionCommandContext {
  engine: DemoEngine;
  view: NodeView;
}

const MIB = 1024 * 1024;

const failure = (message: string, exitCode = 1): CommandOutput => ({
  stdout: `${message}\n`,
  exitCode,
});

interface DockerActionWords {
  verb: 'restart' | 'stop' | 'start' | 'rm' | 'kill';
  names: string[];
  force: boolean;
  signal: string;
}

/** `docker restart|stop [-t N]`, `docker start`, `docker rm [-f|--force]`, `docker kill [-s S]`. */
function readDockerAction(argv: readonly string[]): DockerActionWords | string {
  const verb = argv[0] as DockerActionWords['verb'];
  const words: DockerActionWords = { verb, names: [], force: false, signal: 'KILL' };
  for (let index = 1; index < argv.length; index += 1) {
    const word = argv[index] ?? '';
    const timed = verb === 'restart' || verb === 'stop';
    if (timed && (word === '-t' || word === '--time' || word === '--timeout')) index += 1;
    else if (verb === 'rm' && (word === '-f' || word === '--force')) words.force = true;
    else if (verb === 'kill' && (word === '-s' || word === '--signal'))
      words.signal = (argv[++index] ?? '').replace(/^SIG/, '');
    else if (word.startsWith('-')) return `unknown flag: ${word}`;
    else words.names.push(word);
  }
  if (words.names.length === 0) return `"docker ${verb}" requires at least 1 argument.`;
  return words;
}

/** Signals after which a container keeps running (gunicorn reloads its workers on HUP). */
const harmlessSignals = new Set(['HUP', '1', 'USR1', 'USR2', 'WINCH']);

function engineAction(words: DockerActionWords): DemoActionName | null {
  switch (words.verb) {
    case 'restart':
      return 'restart';
    case 'stop':
      return 'stop';
    case 'start':
      return 'start';
    case 'rm':
      return 'remove';
    case 'kill':
      return harmlessSignals.has(words.signal) ? null : 'stop';
  }
}

function refusalOf(words: DockerActionWords, container: ContainerView): string | null {
  const running = container.state === 'running' || container.state === 'restarting';
  if (words.verb === 'kill' && !running) {
    return (
      `Error response from daemon: cannot kill container: ${container.spec.name}: ` +
      `container ${container.id} is not running`
    );
  }
  if (words.verb === 'rm' && running && !words.force) {
    return (
      `Error response from daemon: cannot remove container "/${container.spec.name}": ` +
      `container is ${container.state}: stop the container before removing or force remove`
    );
  }
  return null;
}

export function dockerAction(
  argv: readonly string[],
  context: ActionCommandContext,
): CommandOutput {
  const words = readDockerAction(argv);
  if (typeof words === 'string') return failure(words);
  const printed: string[] = [];
  const errors: string[] = [];
  for (const name of words.names) {
    const container = context.view.containers.find((candidate) => candidate.spec.name === name);
    if (!container) {
      errors.push(`Error response from daemon: No such container: ${name}`);
      continue;
    }
    const refused = refusalOf(words, container);
    if (refused) {
      errors.push(refused);
      continue;
    }
    const action = engineAction(words);
    const outcome = action
      ? context.engine.apply({ node: context.view.id, action, container: name }, context.view.atMs)
      : { ok: true, output: name };
    if (outcome.ok) printed.push(name);
    else errors.push(outcome.output);
  }
  const stdout = [...printed, ...errors].map((line) => `${line}\n`).join('');
  return { stdout, exitCode: errors.length > 0 ? 1 : 0 };
}

/** `sudo -n timedatectl set-ntp true|false`; anything else under sudo is not simulated. */
export function sudo(argv: readonly string[], context: ActionCommandContext): CommandOutput {
  const [flag, program, verb, value, ...rest] = argv;
  const setNtp = flag === '-n' && program === 'timedatectl' && verb === 'set-ntp';
  if (!setNtp || rest.length > 0 || (value !== 'true' && value !== 'false')) {
    return failure('sudo: a password is required');
  }
  context.engine.setNtp(context.view.id, value === 'true', context.view.atMs);
  return ok('');
}

/** `chronyc tracking`: a synchronised node's tracking, or chronyd not answering. */
export function chronycTracking(view: NodeView, ntpEnabled: boolean): CommandOutput {
  if (!ntpEnabled) return failure('506 Cannot talk to daemon');
  const synchronized = view.spec.clock.synchronized;
  const lines = [
    ['Reference ID', synchronized ? 'C8A00101 (a.ntp.br)' : '00000000 ()'],
    ['Stratum', synchronized ? '2' : '0'],
    ['Ref time (UTC)', new Date(view.atMs).toUTCString()],
    ['System time', `${synchronized ? '0.000012345' : '0.000000000'} seconds fast of NTP time`],
    ['Last offset', '+0.000004211 seconds'],
    ['RMS offset', '0.000021337 seconds'],
    ['Frequency', '11.482 ppm slow'],
    ['Leap status', synchronized ? 'Normal' : 'Not synchronised'],
  ];
  return ok(lines.map(([key, value]) => `${(key ?? '').padEnd(16)}: ${value}\n`).join(''));
}

function gpuSection(gpu: GpuView, index: number): string[] {
  const lost = gpu.lost;
  const mib = (bytes: number) => `${Math.round(bytes / MIB)} MiB`;
  const used = lost ? 'N/A' : mib(gpu.memoryUsedBytes);
  const free = lost ? 'N/A' : mib(gpu.spec.memoryTotal - gpu.memoryUsedBytes);
  return [
    `GPU 00000000:0${index + 1}:00.0`,
    `    Product Name                          : ${gpu.spec.name}`,
    `    GPU UUID                              : ${gpu.spec.uuid}`,
    `    Fan Speed                             : ${lost ? 'N/A' : `${gpu.fanPct} %`}`,
    '    FB Memory Usage',
    `        Total                             : ${lost ? 'N/A' : mib(gpu.spec.memoryTotal)}`,
    `        Used                              : ${used}`,
    `        Free                              : ${free}`,
    '    Utilization',
    `        Gpu                               : ${gpu.utilizationPct} %`,
    '    Temperature',
    `        GPU Current Temp                  : ${lost ? 'N/A' : `${gpu.temperatureC} C`}`,
    '    GPU Power Readings',
    `        Power Draw                        : ${lost ? 'N/A' : `${gpu.powerW.toFixed(2)} W`}`,
  ];
}

/** `nvidia-smi -q`, the parts the GPU diagnostics show. */
export function nvidiaSmiQuery(view: NodeView): CommandOutput {
  if (view.gpus.length === 0) {
    return { stdout: 'bash: line 1: nvidia-smi: command not found\n', exitCode: 127 };
  }
  const lines = [
    '',
    '==============NVSMI LOG==============',
    '',
    `Timestamp                                 : ${new Date(view.atMs).toUTCString()}`,
    'Driver Version                            : 550.120',
    'CUDA Version                              : 12.4',
    '',
    `Attached GPUs                             : ${view.gpus.length}`,
    ...view.gpus.flatMap((gpu, index) => gpuSection(gpu, index)),
  ];
  return ok(`${lines.join('\n')}\n`);
}

function humanBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(3).replace(/\.?0+$/, '')}${units[unit]}`;
}

/** `docker system df`: images and containers of the node; volumes and build cache as none. */
export function dockerSystemDf(view: NodeView): CommandOutput {
  const images = new Set(view.containers.map((container) => container.spec.image));
  const running = view.containers.filter((container) => container.state === 'running');
  const writable = view.containers.reduce((sum, container) => sum + container.sizeRwBytes, 0);
  const rows = [
    ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
    ['Images', String(images.size), String(images.size), 'N/A', '0B (0%)'],
    [
      'Containers',
      String(view.containers.length),
      String(running.length),
      humanBytes(writable),
      '0B (0%)',
    ],
    ['Local Volumes', '0', '0', '0B', '0B'],
    ['Build Cache', '0', '0', '0B', '0B'],
  ];
  const widths = [15, 8, 8, 10, 12];
  const text = rows
    .map((row) =>
      row
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join(' ')
        .trimEnd(),
    )
    .join('\n');
  return ok(`${text}\n`);
}
