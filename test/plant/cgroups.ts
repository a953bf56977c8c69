// A fake cgroup v2 tree per node, shaped like Docker's systemd driver on the real nodes:
// <root>/system.slice/docker-<full id>.scope/{memory.current,memory.max,memory.stat,cpu.stat}
// for every running container of the scenario (docs/test-plant.md). Memory comes from the
// container's plant.memory, the limit from MemoryLimit; cpu.stat's counters grow with time at
// plant.cpu cores, from the container's StartedAt: usage_usec = plant.cpu x seconds running x 1e6.
import { chownSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  hasCgroup,
  readScenarioContainers,
  scenarioTimeMs,
  type ContainerFields,
} from './containers';

export interface Owner {
  uid: number;
  gid: number;
}

export interface CgroupTree {
  /** <plant>/vkNN/cgroup: what the collector is told instead of /sys/fs/cgroup. */
  root: string;
  scenarioDir: string;
  /** When the plant started: `@SECONDS` scenario times count from it. */
  originSeconds: number;
  /** The SSH user, who must be able to remove a scope (the docker stand-in does on stop). */
  owner: Owner;
}

const PAGE = 4096;
const SCOPE_PATTERN = /^docker-[0-9a-f]{64}\.scope$/;

export const systemSliceDir = (root: string): string => path.join(root, 'system.slice');
export const scopeDir = (root: string, id: string): string =>
  path.join(systemSliceDir(root), `docker-${id}.scope`);

function pages(bytes: number): number {
  return Math.max(0, Math.floor(bytes / PAGE) * PAGE);
}

/** memory.stat in the kernel's order (6.1), its parts adding up to memory.current. */
export function memoryStat(current: number): string {
  const anon = pages(current * 0.86);
  const file = pages(current * 0.1);
  const kernel = Math.max(0, current - anon - file);
  const slab = pages(kernel * 0.6);
  const slabReclaimable = pages(slab * 0.7);
  const inactiveFile = pages(file * 0.62);
  const inactiveAnon = pages(anon * 0.74);
  const faults = Math.floor(current / PAGE) * 3;
  const entries: [string, number][] = [
    ['anon', anon],
    ['file', file],
    ['kernel', kernel],
    ['kernel_stack', pages(kernel * 0.05)],
    ['pagetables', pages(kernel * 0.25)],
    ['sec_pagetables', 0],
    ['percpu', pages(kernel * 0.02)],
    ['sock', 0],
    ['vmalloc', 0],
    ['shmem', pages(file * 0.01)],
    ['zswap', 0],
    ['zswapped', 0],
    ['file_mapped', pages(file * 0.3)],
    ['file_dirty', pages(file * 0.002)],
    ['file_writeback', 0],
    ['swapcached', 0],
    ['anon_thp', pages(anon * 0.25)],
    ['file_thp', 0],
    ['shmem_thp', 0],
    ['inactive_anon', inactiveAnon],
    ['active_anon', anon - inactiveAnon],
    ['inactive_file', inactiveFile],
    ['active_file', file - inactiveFile],
    ['unevictable', 0],
    ['slab_reclaimable', slabReclaimable],
    ['slab_unreclaimable', slab - slabReclaimable],
    ['slab', slab],
    ['workingset_refault_anon', 0],
    ['workingset_refault_file', Math.floor(faults / 40)],
    ['workingset_activate_anon', 0],
    ['workingset_activate_file', Math.floor(faults / 90)],
    ['workingset_restore_anon', 0],
    ['workingset_restore_file', 0],
    ['workingset_nodereclaim', 0],
    ['pgscan', 0],
    ['pgsteal', 0],
    ['pgscan_kswapd', 0],
    ['pgscan_direct', 0],
    ['pgsteal_kswapd', 0],
    ['pgsteal_direct', 0],
    ['pgfault', faults],
    ['pgmajfault', Math.floor(faults / 500)],
    ['pgrefill', 0],
    ['pgactivate', Math.floor(faults / 20)],
    ['pgdeactivate', 0],
    ['pglazyfree', 0],
    ['pglazyfreed', 0],
    ['zswpin', 0],
    ['zswpout', 0],
    ['thp_fault_alloc', Math.floor(anon / (2 * 1024 * 1024))],
    ['thp_collapse_alloc', 0],
  ];
  return entries.map(([key, value]) => `${key} ${value}\n`).join('');
}

/** cpu.stat for usage_usec microseconds of CPU time, 80 % of it in user mode. */
export function cpuStat(usageUsec: number): string {
  const usage = Math.max(0, Math.floor(usageUsec));
  const user = Math.floor(usage * 0.8);
  return [
    `usage_usec ${usage}`,
    `user_usec ${user}`,
    `system_usec ${usage - user}`,
    'nr_periods 0',
    'nr_throttled 0',
    'throttled_usec 0',
    'nr_bursts 0',
    'burst_usec 0',
    '',
  ].join('\n');
}

/** CPU time a container has used by nowMs: plant.cpu cores busy since its StartedAt. */
export function cpuUsageUsec(
  fields: ContainerFields,
  originSeconds: number,
  nowMs: number,
): number {
  const startedMs = scenarioTimeMs(fields.StartedAt, originSeconds);
  const cores = Number(fields['plant.cpu'] ?? 0);
  if (startedMs === null || !Number.isFinite(cores) || cores <= 0) return 0;
  return Math.max(0, cores * (nowMs - startedMs) * 1000);
}

export function scopeFiles(
  fields: ContainerFields,
  originSeconds: number,
  nowMs: number,
): Record<string, string> {
  const memory = pages(Number(fields['plant.memory'] ?? 0) || 0);
  const limit = Number(fields.MemoryLimit ?? 0) || 0;
  return {
    'memory.current': `${memory}\n`,
    'memory.max': limit > 0 ? `${limit}\n` : 'max\n',
    'memory.stat': memoryStat(memory),
    'cpu.stat': cpuStat(cpuUsageUsec(fields, originSeconds, nowMs)),
  };
}

/**
 * Keeps one node's tree in step with its scenario. Files are replaced whole (written beside and
 * renamed), so a reader never sees half a file, and only when their content changed.
 */
export class CgroupWriter {
  private readonly written = new Map<string, string>();
  /** Seconds added to the clock of this node's cpu.stat, for plant.advanceCgroups. */
  offsetSeconds = 0;

  constructor(private readonly tree: CgroupTree) {}

  /** The root with its controllers and the two services every Docker host has. */
  init(): void {
    const { root } = this.tree;
    mkdirSync(systemSliceDir(root), { recursive: true, mode: 0o755 });
    this.chown(root);
    this.chown(systemSliceDir(root));
    writeFileSync(
      path.join(root, 'cgroup.controllers'),
      'cpuset cpu io memory hugetlb pids rdma misc\n',
    );
    for (const [service, memory, usage] of [
      ['containerd.service', 61_440_000, 2_903_000_000],
      ['docker.service', 98_304_000, 5_417_000_000],
    ] as const) {
      const dir = path.join(systemSliceDir(root), service);
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      this.replace(path.join(dir, 'memory.current'), `${memory}\n`);
      this.replace(path.join(dir, 'memory.max'), 'max\n');
      this.replace(path.join(dir, 'memory.stat'), memoryStat(memory));
      this.replace(path.join(dir, 'cpu.stat'), cpuStat(usage));
    }
  }

  /** Writes every running container's scope and removes the scopes of the others. */
  refresh(nowMs = Date.now()): void {
    const { root, scenarioDir, originSeconds } = this.tree;
    const clockMs = nowMs + this.offsetSeconds * 1000;
    const wanted = new Set<string>();
    for (const { fields } of readScenarioContainers(scenarioDir)) {
      const id = fields.Id ?? '';
      if (!/^[0-9a-f]{64}$/.test(id) || !hasCgroup(fields)) continue;
      const dir = scopeDir(root, id);
      wanted.add(path.basename(dir));
      try {
        mkdirSync(dir, { mode: 0o755 });
        this.chown(dir);
        // A new scope (the stand-in removes one on stop and restart): nothing in it is written.
        this.forget(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      for (const [name, content] of Object.entries(scopeFiles(fields, originSeconds, clockMs))) {
        this.replace(path.join(dir, name), content);
      }
    }
    for (const entry of readdirSync(systemSliceDir(root))) {
      if (!SCOPE_PATTERN.test(entry) || wanted.has(entry)) continue;
      const dir = path.join(systemSliceDir(root), entry);
      rmSync(dir, { recursive: true, force: true });
      this.forget(dir);
    }
  }

  private forget(dir: string): void {
    for (const file of this.written.keys())
      if (file.startsWith(`${dir}/`)) this.written.delete(file);
  }

  private replace(file: string, content: string): void {
    if (this.written.get(file) === content) return;
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
    try {
      writeFileSync(temporary, content, { mode: 0o644 });
      renameSync(temporary, file);
      this.written.set(file, content);
    } catch (error) {
      // The docker stand-in removed the scope meanwhile (stop, kill, rm): the next refresh decides.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.written.delete(file);
    }
  }

  private chown(target: string): void {
    chownSync(target, this.tree.owner.uid, this.tree.owner.gid);
  }
}
