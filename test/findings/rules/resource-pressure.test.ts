import { describe, expect, it } from 'vitest';
import { resourcePressureRule } from '../../../electron/findings/rules/resource-pressure';
import { GIBIBYTE, host, nodeSnapshot } from '../history-helpers';
import { containerWith, evaluate, ticks } from './builders';

function run(databaseGb: number | null, inferenceGb: number, availableGb: number) {
  return ticks(1, () => ({
    vk01: nodeSnapshot({
      host: host({ memTotalBytes: 62.7 * GIBIBYTE, memAvailableBytes: availableGb * GIBIBYTE }),
      containers: [
        containerWith('database-server', {
          memoryBytes: databaseGb === null ? null : databaseGb * GIBIBYTE,
        }),
        containerWith('visionking-inference', { memoryBytes: inferenceGb * GIBIBYTE }),
        containerWith('keydb', { memoryBytes: 0.1 * GIBIBYTE }),
      ],
    }),
  }));
}

describe('resource-pressure', () => {
  it('adds PostgreSQL 16.1 GB and inference 15.1 GB on a 62.7 GB host', () => {
    const drafts = evaluate(resourcePressureRule, run(16.1, 15.1, 25.9));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/memory',
      severity: 'INFO',
      numbers: { topTwoGb: 31.2, sharePct: 49.8, availablePct: 41.3 },
      containers: ['database-server', 'visionking-inference'],
      actions: ['postgres.diagnostics', 'container.logs'],
    });
    expect(drafts[0]!.title).toBe(
      'vk01 memory pressure: database-server 16.1 GB and visionking-inference 15.1 GB',
    );
  });

  it('turns WARNING when little memory is left', () => {
    expect(evaluate(resourcePressureRule, run(10, 5, 3))[0]!.severity).toBe('WARNING');
  });

  it('stays silent with room to spare, and does not count an unread container as 0', () => {
    expect(evaluate(resourcePressureRule, run(8, 6, 40))).toEqual([]);
    expect(evaluate(resourcePressureRule, run(null, 15.1, 40))).toEqual([]);
  });
});
