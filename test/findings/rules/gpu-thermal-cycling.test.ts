import { describe, expect, it } from 'vitest';
import { gpuThermalCyclingRule } from '../../../electron/findings/rules/gpu-thermal-cycling';
import { MINUTE_MS, nodeSnapshot } from '../history-helpers';
import { evaluate, gpuReading, ticks } from './builders';

const VK01 = [24, 22, 20, 19, 18, 21, 24, 27, 25, 23, 21, 19, 18];
const VK02 = [21, 21, 22, 22, 23, 23, 22, 22, 21, 21, 22, 22, 23];

function run(vk01: (number | null)[], utilization = 0) {
  return ticks(
    vk01.length,
    (index) => ({
      vk01: nodeSnapshot({ gpus: [gpuReading(vk01[index]!, 67.4, utilization)] }),
      vk02: nodeSnapshot({ gpus: [gpuReading(VK02[index] ?? 22, 67.4, utilization)] }),
    }),
    5 * MINUTE_MS,
  );
}

describe('gpu-thermal-cycling', () => {
  it('finds the 18 → 27 °C swing in 15 min at idle, and that vk02 stays steady', () => {
    const drafts = evaluate(gpuThermalCyclingRule, run(VK01));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/gpu:0',
      severity: 'INFO',
      title: 'vk01 GPU 0 thermal cycling — 9 °C in 15 min at idle',
      numbers: { swingC: 9, swingMinutes: 15, lowC: 18, highC: 27, cycles: 1, utilizationPct: 0 },
    });
    expect(drafts[0]!.detail).toContain('vk02 moved 2 °C');
  });

  it('stays silent under load, for a 5 °C swing, and with null temperatures', () => {
    expect(evaluate(gpuThermalCyclingRule, run(VK01, 42))).toEqual([]);
    expect(evaluate(gpuThermalCyclingRule, run(VK01.map((value) => Math.min(value, 23))))).toEqual(
      [],
    );
    expect(evaluate(gpuThermalCyclingRule, run(VK01.map(() => null)))).toEqual([]);
  });
});
