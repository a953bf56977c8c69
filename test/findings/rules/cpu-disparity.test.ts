import { describe, expect, it } from 'vitest';
import { cpuDisparityRule } from '../../../electron/findings/rules/cpu-disparity';
import { nodeSnapshot } from '../history-helpers';
import { containerWith, evaluate, ticks } from './builders';

function run(vk01: (index: number) => number | null, vk02: (index: number) => number | null) {
  const visualizer = (cpu: number | null) =>
    containerWith('visionking-visualizer', { cpuPct: cpu });
  return ticks(20, (index) => ({
    vk01: nodeSnapshot({ containers: [visualizer(vk01(index))] }),
    vk02: nodeSnapshot({ containers: [visualizer(vk02(index))] }),
  }));
}

describe('cpu-disparity', () => {
  it('finds 0.48 CPU on vk02 against 0.08 on vk01 (6×)', () => {
    const drafts = evaluate(
      cpuDisparityRule,
      run(
        (index) => 8 + (index % 3) - 1,
        (index) => 48 + (index % 5) - 2,
      ),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'visionking-visualizer',
      severity: 'SUGGESTION',
      title: "vk02 visionking-visualizer uses 6× the CPU of vk01's",
      numbers: { highCpu: 0.48, lowCpu: 0.08, ratio: 6 },
      nodes: ['vk01', 'vk02'],
    });
  });

  it('stays silent for similar use, tiny numbers, and too few readings', () => {
    expect(
      evaluate(
        cpuDisparityRule,
        run(
          () => 40,
          () => 48,
        ),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        cpuDisparityRule,
        run(
          () => 1,
          () => 6,
        ),
      ),
    ).toEqual([]); // 0.06 CPU
    expect(
      evaluate(
        cpuDisparityRule,
        run(
          (index) => (index > 16 ? 8 : null),
          () => 48,
        ),
      ),
    ).toEqual([]);
  });
});
