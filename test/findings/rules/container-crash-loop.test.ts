import { describe, expect, it } from 'vitest';
import { containerCrashLoopRule } from '../../../electron/findings/rules/container-crash-loop';
import type { LogLevel } from '../../../shared/snapshot';
import { nodeSnapshot } from '../history-helpers';
import { containerWith, evaluate, logsOf, ticks } from './builders';

const EXITED =
  '2026-02-18 22:07:26,003 - intel-gpu-exporter - ERROR - intel_gpu_top exited with status 1';

/** intel-gpu-exporter restarting every minute; removed from the list at `removedAt`. */
function run(count: number, restartsEvery: number, removedAt = Infinity) {
  return ticks(count, (index, atMs) => {
    const looping = containerWith('intel-gpu-exporter', {
      state: 'restarting',
      restartCount: 300 + Math.floor(index / restartsEvery),
      exitCode: 1,
      memoryBytes: null,
    });
    const lines: [number, LogLevel, string][] = [[atMs - 5000, 'error', EXITED]];
    const keep = containerWith('keydb', {});
    return {
      vk01: nodeSnapshot({
        containers: index >= removedAt ? [keep] : [keep, looping],
        logs: { 'intel-gpu-exporter': logsOf(index >= removedAt ? [] : lines) },
      }),
    };
  });
}

describe('container-crash-loop', () => {
  it('finds the loop with its restarts, exit code and last error line', () => {
    const drafts = evaluate(containerCrashLoopRule, run(20, 1));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/intel-gpu-exporter',
      severity: 'WARNING',
      numbers: { restarts: 19, restartCount: 319, exitCode: 1 },
      actions: ['container.logs', 'container.remove'],
    });
    expect(drafts[0]!.detail).toContain('intel_gpu_top exited with status 1');
  });

  it('reports the container removed between snapshots, once gone for 2 minutes', () => {
    const drafts = evaluate(containerCrashLoopRule, run(20, 1, 17));
    expect(drafts.map((item) => item.subject)).toEqual(['vk01/intel-gpu-exporter/vanished']);
    expect(drafts[0]!.detail).toContain('(crash-looping)');
    expect(evaluate(containerCrashLoopRule, run(20, 1, 19))).toEqual([]); // gone 1 min only
  });

  it('stays silent for 2 restarts in 30 min and for a node whose list is empty', () => {
    expect(evaluate(containerCrashLoopRule, run(30, 15))).toEqual([]);
    const dark = ticks(5, (index) => ({
      vk01: nodeSnapshot({ containers: index < 2 ? [containerWith('keydb', {})] : [] }),
    }));
    expect(evaluate(containerCrashLoopRule, dark)).toEqual([]);
  });
});
