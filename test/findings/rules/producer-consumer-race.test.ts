import { describe, expect, it } from 'vitest';
import { producerConsumerRaceRule } from '../../../electron/findings/rules/producer-consumer-race';
import type { LogLevel } from '../../../shared/snapshot';
import { nodeSnapshot } from '../history-helpers';
import { evaluate, logsOf, ticks } from './builders';

const CAMERAS = ['DA3488406', 'DA3488407', 'DA3488408', 'DA3488409'];

/** Each camera's frame found empty every `everyMs`, for `cameras` cameras. */
function run(everyMs: number, cameras = 4, everyTick = 1) {
  return ticks(11, (index, atMs) => {
    const lines: [number, LogLevel, string][] = [];
    if (index % everyTick !== 0) return { vk01: nodeSnapshot({ logs: {} }) };
    for (let at = atMs - 60_000; at < atMs; at += everyMs) {
      CAMERAS.slice(0, cameras).forEach((camera, index) => {
        lines.push([
          at + index * 200,
          'warning',
          `batch_processor - WARNING - File is empty: /data/frames/${camera}/F32331400601.bin ` +
            '(tentativa 1/3)',
        ]);
      });
    }
    return { vk01: nodeSnapshot({ logs: { 'visionking-inference': logsOf(lines) } }) };
  });
}

describe('producer-consumer-race', () => {
  it('finds "File is empty" on all 4 cameras, each every ~3.5 s', () => {
    const drafts = evaluate(producerConsumerRaceRule, run(3500));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/visionking-inference',
      severity: 'SUGGESTION',
      numbers: { producers: 4, periodSeconds: 3.5 },
      actions: ['container.logs'],
    });
    expect(drafts[0]!.detail).toContain('DA3488406, DA3488407, DA3488408 and DA3488409');
    expect(drafts[0]!.detail).toContain('up to 3 retries each');
  });

  it('stays silent for an occasional empty file', () => {
    // One a minute is 10 in the window: the threshold, found; one every 2 minutes is not.
    expect(evaluate(producerConsumerRaceRule, run(60_000, 1))).toHaveLength(1);
    expect(evaluate(producerConsumerRaceRule, run(60_000, 1, 2))).toEqual([]);
  });
});
