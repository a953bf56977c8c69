import { describe, expect, it } from 'vitest';
import { gpuThermalCyclingRule } from '../../../electron/findings/rules/gpu-thermal-cycling';
import { MINUTE_MS, nodeSnapshot } from '../history-helpers';
import { evaluate, gpuReading, ticks } from './builders';

const VK01 = [24, 22, 20, 19, 18, 21, 24, 27, 25, 23, 21, 19, 18];
const VK02 = [21, 21, 22, 22, 23, 23, 22, 22, 21, 21, 22, 22, 23];

function run(
  vk01: (number | null)[],
  utilization = 0,
  vk02: (number | null)[] = VK02,
  vk02Utilization = utilization,
) {
  return ticks(
    vk01.length,
    (index) => ({
      vk01: nodeSnapshot({ gpus: [gpuReading(vk01[index]!, 67.4, utilization)] }),
      vk02: nodeSnapshot({
        gpus: [gpuReading(index < vk02.length ? vk02[index]! : 22, 67.4, vk02Utilization)],
      }),
    }),
    5 * MINUTE_MS,
  );
}

const steadyOf = (drafts: { subject: string }[]) =>
  drafts.filter((entry) => entry.subject.endsWith('/steady'));

describe('gpu-thermal-cycling', () => {
  it('finds the 18 → 27 °C swing in 15 min at idle, and that vk02 stays steady', () => {
    const drafts = evaluate(gpuThermalCyclingRule, run(VK01));
    expect(drafts).toHaveLength(2);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/gpu:0',
      severity: 'INFO',
      title: 'vk01 GPU 0 thermal cycling — 9 °C in 15 min at idle',
      numbers: { swingC: 9, swingMinutes: 15, lowC: 18, highC: 27, cycles: 1, utilizationPct: 0 },
    });
    expect(drafts[0]!.detail).toContain('vk02 moved 2 °C');
    // Report 00:48 #3: vk02 moved only 2 °C (21 → 23) while vk01 cycles.
    expect(drafts[1]).toMatchObject({
      subject: 'vk02/gpu:0/steady',
      severity: 'INFO',
      title: 'vk02 GPU 0 holds steady at 21–23 °C — no thermal cycling, unlike vk01',
      numbers: { lowC: 21, highC: 23, rangeC: 2, peerSwingC: 9, utilizationPct: 0 },
      nodes: ['vk01', 'vk02'],
    });
    expect(drafts[1]!.detail).toContain('vk01 GPU 0 swings 9 °C (18–27 °C)');
    expect(drafts[1]!.detail).toContain('specific to vk01');
  });

  it('says nothing of a peer that is busy, moved, was read briefly or has no cycling peer', () => {
    expect(steadyOf(evaluate(gpuThermalCyclingRule, run(VK01, 0, VK02, 42)))).toEqual([]);
    const moving = VK02.map((value, index) => (index === 6 ? value + 5 : value)); // 21 → 28 °C
    expect(steadyOf(evaluate(gpuThermalCyclingRule, run(VK01, 0, moving)))).toEqual([]);
    // Read for 25 minutes only: less than the 30 min window in which a swing would show.
    const brief = VK02.map((value, index) => (index < 7 ? null : value));
    expect(steadyOf(evaluate(gpuThermalCyclingRule, run(VK01, 0, brief)))).toEqual([]);
    const calm = VK01.map((value) => Math.min(value, 23));
    expect(evaluate(gpuThermalCyclingRule, run(calm))).toEqual([]);
  });

  it('stays silent under load, for a 5 °C swing, and with null temperatures', () => {
    expect(evaluate(gpuThermalCyclingRule, run(VK01, 42))).toEqual([]);
    expect(evaluate(gpuThermalCyclingRule, run(VK01.map((value) => Math.min(value, 23))))).toEqual(
      [],
    );
    expect(evaluate(gpuThermalCyclingRule, run(VK01.map(() => null)))).toEqual([]);
  });
});
