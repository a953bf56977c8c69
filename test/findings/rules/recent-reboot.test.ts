import { describe, expect, it } from 'vitest';
import { recentRebootRule } from '../../../electron/findings/rules/recent-reboot';
import { host, nodeSnapshot } from '../history-helpers';
import { evaluate, ticks } from './builders';

function run(uptimes: (number | null)[]) {
  return ticks(1, () =>
    Object.fromEntries(
      uptimes.map((seconds, index) => [
        `vk0${index + 1}`,
        nodeSnapshot({
          host: host({
            uptimeSeconds: seconds,
            missing: seconds === null ? { uptimeSeconds: { kind: 'error', detail: 'x' } } : {},
          }),
        }),
      ]),
    ),
  );
}

describe('recent-reboot', () => {
  it('names the newest boot and lists the staggered uptimes', () => {
    const drafts = evaluate(recentRebootRule, run([6846, 15575, 17352]));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'newest-boot:vk01',
      severity: 'INFO',
      numbers: { vk01UptimeHours: 1.9, vk02UptimeHours: 4.3, vk03UptimeHours: 4.8 },
      nodes: ['vk01', 'vk02', 'vk03'],
    });
    expect(drafts[0]!.detail).toContain('vk01 1.9 h (6846 s), vk02 4.3 h (15575 s)');
  });

  it('stays silent when every node has been up 6 h, and for unknown uptimes', () => {
    expect(evaluate(recentRebootRule, run([21_600, 90_000]))).toEqual([]);
    expect(evaluate(recentRebootRule, run([null, 90_000]))).toEqual([]);
  });
});
