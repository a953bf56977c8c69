// Container memory and CPU from the cgroup v2 counters printed by cgroupScript, turned into the
// numbers `docker stats` shows (memory without reclaimable page cache, CPU % between two reads).
import { toNumber } from '../probes/parse-result';

export interface CgroupSample {
  /** Full container id, as in the cgroup directory name. */
  id: string;
  /** memory.current minus inactive_file, as `docker stats` reports; null when unreadable. */
  memoryBytes: number | null;
  /** memory.max; null when `max` (no limit) or unreadable. */
  memoryLimitBytes: number | null;
  /** cpu.stat usage_usec: CPU time used since the container started. */
  cpuUsageUsec: number | null;
}

export function parseCgroupLines(text: string): Map<string, CgroupSample> {
  const samples = new Map<string, CgroupSample>();
  for (const line of text.split('\n')) {
    const [id, current, limit, inactive, usage] = line.trim().split(/\s+/);
    if (!id || !/^[0-9a-f]{12,64}$/.test(id) || usage === undefined) continue;
    const currentBytes = toNumber(current);
    const inactiveBytes = toNumber(inactive) ?? 0;
    samples.set(id, {
      id,
      memoryBytes: currentBytes === null ? null : Math.max(0, currentBytes - inactiveBytes),
      memoryLimitBytes: toNumber(limit),
      cpuUsageUsec: toNumber(usage),
    });
  }
  return samples;
}

/**
 * CPU use between two reads, in % of one core (like `docker stats`: 200 % is two busy cores).
 * Null on the first read, after a restart (the counter went back) or when time did not move.
 */
export function cpuPercent(
  previous: { usageUsec: number; atMs: number } | undefined,
  usageUsec: number | null,
  atMs: number,
): number | null {
  if (!previous || usageUsec === null) return null;
  const elapsedUsec = (atMs - previous.atMs) * 1000;
  const usedUsec = usageUsec - previous.usageUsec;
  if (elapsedUsec <= 0 || usedUsec < 0) return null;
  return Math.round((usedUsec / elapsedUsec) * 10_000) / 100;
}
