import { describe, expect, it } from 'vitest';
import { gpuIdleLoadedRule } from '../../../electron/findings/rules/gpu-idle-loaded';
import { MINUTE_MS, nodeSnapshot } from '../history-helpers';
import { evaluate, gpuReading, ticks } from './builders';

function run(
  count: number,
  memoryAt: (index: number) => number | null,
  utilAt: (index: number) => number | null,
) {
  return ticks(
    count,
    (index) => ({ vk01: nodeSnapshot({ gpus: [gpuReading(22, memoryAt(index), utilAt(index))] }) }),
    5 * MINUTE_MS,
  );
}

describe('gpu-idle-loaded', () => {
  it('reports 67.4 % memory at 0 % utilization and for how long', () => {
    const drafts = evaluate(
      gpuIdleLoadedRule,
      run(
        13,
        () => 67.4,
        () => 0,
      ),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/gpu:0',
      severity: 'INFO',
      numbers: { memoryUsedPct: 67.4, memoryUsedGb: 5.4, idleHours: 1 },
      actions: ['inference.stop', 'gpu.diagnostics'],
    });
    expect(drafts[0]!.detail).toContain(
      '67.4 % of its memory (5.4 GB) at 0 % utilization for 60 min',
    );
  });

  it('counts idle time only since the last busy reading, skipping null readings', () => {
    const util = (index: number) => (index === 2 ? 40 : index % 3 === 0 ? null : 0);
    expect(
      evaluate(
        gpuIdleLoadedRule,
        run(13, () => 67.4, util),
      )[0]!.numbers.idleHours,
    ).toBe(0.7);
  });

  it('stays silent when busy, unloaded, idle too briefly, or when readings are null', () => {
    expect(
      evaluate(
        gpuIdleLoadedRule,
        run(
          13,
          () => 67.4,
          () => 42,
        ),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        gpuIdleLoadedRule,
        run(
          13,
          () => 3,
          () => 0,
        ),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        gpuIdleLoadedRule,
        run(
          6,
          () => 67.4,
          () => 0,
        ),
      ),
    ).toEqual([]); // 25 min
    expect(
      evaluate(
        gpuIdleLoadedRule,
        run(
          13,
          () => null,
          () => 0,
        ),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        gpuIdleLoadedRule,
        run(
          13,
          () => 67.4,
          () => null,
        ),
      ),
    ).toEqual([]);
  });
});
