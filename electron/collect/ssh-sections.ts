// What the collector asks each node over SSH, per tier, as argv commands batched into one exec per
// node per tick. `docker stats` is never used on the fast tier: it waits ~2 s per container.
import { gpuQueryArguments } from '../probes/nvidia-smi';
import type { RemoteCommand } from '../transport/ssh-command';

/**
 * Reads cgroup v2 memory and CPU counters of every container in one pass, for both of Docker's
 * cgroup drivers (systemd: system.slice/docker-<id>.scope, cgroupfs: docker/<id>). Prints
 * `<id> <memory.current> <memory.max> <inactive_file> <usage_usec>`, `-` for what it cannot read.
 * Constant text: the only input is the cgroup root, passed as $1, never spliced in.
 */
export const cgroupScript = [
  // Shell builtins only (read, case): no process per container, so the fast tick stays cheap.
  'root="$1"',
  'for dir in "$root"/system.slice/docker-*.scope "$root"/docker/*; do',
  '  [ -f "$dir/memory.current" ] || continue',
  '  id=${dir##*/}; id=${id#docker-}; id=${id%.scope}',
  '  current=-; limit=-; inactive=-; usage=-',
  '  read -r current < "$dir/memory.current" 2>/dev/null',
  '  read -r limit < "$dir/memory.max" 2>/dev/null',
  '  while read -r key value; do',
  '    case $key in inactive_file) inactive=$value;; esac',
  '  done < "$dir/memory.stat" 2>/dev/null',
  '  while read -r key value; do',
  '    case $key in usage_usec) usage=$value;; esac',
  '  done < "$dir/cpu.stat" 2>/dev/null',
  '  echo "$id $current $limit $inactive $usage"',
  'done',
].join('\n');

export const DEFAULT_CGROUP_ROOT = '/sys/fs/cgroup';

/** Most log lines asked of each container per slow tick; Docker cuts older ones. */
export const LOG_TAIL_LINES = 500;

const containerNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;
const containerIdPattern = /^[0-9a-f]{12,64}$/;
/** Docker's `--since`: RFC 3339 time or a relative duration such as `60s`. */
const sincePattern = /^(\d{1,7}s|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d))$/;

export function fastCommands(cgroupRoot = DEFAULT_CGROUP_ROOT): Map<string, RemoteCommand> {
  return new Map<string, RemoteCommand>([
    ['uptime', { argv: ['cat', '/proc/uptime'] }],
    ['loadavg', { argv: ['cat', '/proc/loadavg'] }],
    ['meminfo', { argv: ['cat', '/proc/meminfo'] }],
    // --size=false: `{{json .}}` names .Size, which makes Docker compute every layer's size.
    [
      'containers',
      { argv: ['docker', 'ps', '-a', '--no-trunc', '--size=false', '--format', '{{json .}}'] },
    ],
    ['cgroups', { argv: ['sh', '-c', cgroupScript, 'cgroups', cgroupRoot] }],
    ['gpus', { argv: ['nvidia-smi', ...gpuQueryArguments] }],
  ]);
}

export interface SlowCommandInput {
  containerIds: readonly string[];
  /** Container name → `--since` value (the newest Docker timestamp already read, or `60s`). */
  logCursors: ReadonlyMap<string, string>;
}

export function slowCommands(input: SlowCommandInput): Map<string, RemoteCommand> {
  const commands = new Map<string, RemoteCommand>([
    ['df', { argv: ['df', '-P', '-B1'] }],
    ['timedatectl', { argv: ['timedatectl', 'show'] }],
    ['docker-version', { argv: ['docker', 'version', '--format', '{{.Server.Version}}'] }],
    ['compose-version', { argv: ['docker', 'compose', 'version'] }],
  ]);
  const ids = input.containerIds.filter((id) => containerIdPattern.test(id));
  if (ids.length > 0) commands.set('inspect', { argv: ['docker', 'inspect', '--size', ...ids] });
  for (const [name, since] of input.logCursors) {
    if (!containerNamePattern.test(name) || !sincePattern.test(since)) continue;
    const argv = [
      'docker',
      'logs',
      '--since',
      since,
      '--timestamps',
      '--tail',
      `${LOG_TAIL_LINES}`,
      name,
    ];
    commands.set(`logs.${name}`, { argv });
  }
  return commands;
}
