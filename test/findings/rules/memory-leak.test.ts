import { describe, expect, it } from 'vitest';
import { memoryLeakRule } from '../../../electron/findings/rules/memory-leak';
import { MIB, MINUTE_MS, nodeSnapshot } from '../history-helpers';
import { containerWith, evaluate, ticks } from './builders';

const STEP = 5 * MINUTE_MS;

/** The visualizer: memory from `memoryAt(index)` (MiB, null = not read), limit 416 MiB. */
function visualizer(count: number, memoryAt: (index: number) => number | null, restartAt = -1) {
  return ticks(
    count,
    (index) => {
      const memory = memoryAt(index);
      const container = containerWith('visionking-visualizer', {
        memoryBytes: memory === null ? null : memory * MIB,
        memoryLimitBytes: 416 * MIB,
        restartCount: index >= restartAt && restartAt >= 0 ? 1 : 0,
      });
      return { vk02: nodeSnapshot({ containers: [container] }) };
    },
    STEP,
  );
}

const perTick = 2.7 / 12; // 2.7 MiB/h at a 5-min tick

describe('memory-leak', () => {
  it('measures 2.7 MB/h since the kill and the time back to the kill level', () => {
    // 8 ticks climbing to the 416 MiB limit, a kill (restart +1) to 315, then 2 h of leak.
    const history = visualizer(
      33,
      (index) => (index < 8 ? 410 + index * 0.8 : 315 + (index - 8) * perTick),
      8,
    );
    const drafts = evaluate(memoryLeakRule, history);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk02/visionking-visualizer',
      severity: 'INFO',
      title: 'vk02 visionking-visualizer memory grows 2.7 MB/h',
      numbers: { rateMbPerHour: 2.7, currentMb: 320.4, thresholdMb: 415.6, hoursToThreshold: 35.3 },
    });
    expect(drafts[0]!.detail).toContain('level at which it was killed before (416 MB)');
  });

  it('turns WARNING when the threshold is under 6 h away, and uses the limit without kills', () => {
    const history = visualizer(13, (index) => 400 + index * 0.25);
    const [finding] = evaluate(memoryLeakRule, history);
    expect(finding).toMatchObject({
      severity: 'WARNING',
      numbers: { rateMbPerHour: 3, thresholdMb: 416 },
    });
    expect(finding!.detail).toContain('memory limit (416 MB) in ~4.3 h');
  });

  it('skips nulls and stays silent when flat, too short, or wobbling', () => {
    const gapped = visualizer(33, (index) => (index % 4 === 0 ? null : 315 + index * perTick));
    expect(evaluate(memoryLeakRule, gapped)[0]!.numbers.rateMbPerHour).toBe(2.7);
    expect(
      evaluate(
        memoryLeakRule,
        visualizer(33, () => 315),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        memoryLeakRule,
        visualizer(5, (index) => 315 + index),
      ),
    ).toEqual([]);
    const wobble = visualizer(33, (index) => 315 + ((index * 7) % 5) - 2 + index * 0.01);
    expect(evaluate(memoryLeakRule, wobble)).toEqual([]);
    const nulls = visualizer(33, () => null);
    expect(evaluate(memoryLeakRule, nulls)).toEqual([]);
  });

  it('does not call a sawtooth that lets go on its own a leak', () => {
    const sawtooth = visualizer(40, (index) => 630 + (index % 12) * 18);
    expect(evaluate(memoryLeakRule, sawtooth)).toEqual([]);
  });
});
