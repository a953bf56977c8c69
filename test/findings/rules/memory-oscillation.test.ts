import { describe, expect, it } from 'vitest';
import { memoryOscillationRule } from '../../../electron/findings/rules/memory-oscillation';
import { MIB, nodeSnapshot } from '../history-helpers';
import { containerWith, evaluate, ticks } from './builders';

/** Prometheus read every minute: memory from `memoryAt(minute)` MiB, restarts from `restarts`. */
function prometheus(
  minutes: number,
  memoryAt: (minute: number) => number | null,
  restarts = () => 0,
) {
  return ticks(minutes, (index) => {
    const memory = memoryAt(index);
    const container = containerWith('prometheus', {
      memoryBytes: memory === null ? null : memory * MIB,
      restartCount: restarts(),
    });
    return { vk01: nodeSnapshot({ containers: [container] }) };
  });
}

/** 630 → 830 MiB over 15 min at 13.4 MiB/min, then a compaction back to 630. */
const compaction = (minute: number) => 630 + (minute % 15) * 13.4;

describe('memory-oscillation', () => {
  it('states the 630–830 MB baseline, its 15 min period and its climb', () => {
    const drafts = evaluate(memoryOscillationRule, prometheus(62, compaction));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/prometheus',
      severity: 'INFO',
      numbers: { lowMb: 630, highMb: 817.6, cycles: 4, periodMinutes: 15, riseMbPerMinute: 13.4 },
    });
    expect(drafts[0]!.title).toBe('vk01 prometheus memory oscillates 630 MB–818 MB');
  });

  it('stays silent for one fall, a steady climb, falls that were restarts, and nulls', () => {
    expect(evaluate(memoryOscillationRule, prometheus(25, compaction))).toEqual([]);
    expect(
      evaluate(
        memoryOscillationRule,
        prometheus(60, (minute) => 630 + minute),
      ),
    ).toEqual([]);
    const restarts = (() => {
      let calls = 0;
      return () => Math.floor(calls++ / 15);
    })();
    expect(evaluate(memoryOscillationRule, prometheus(62, compaction, restarts))).toEqual([]);
    expect(
      evaluate(
        memoryOscillationRule,
        prometheus(62, () => null),
      ),
    ).toEqual([]);
  });
});
