import { describe, expect, it } from 'vitest';
import { monitoringBlindSpotRule } from '../../../electron/findings/rules/monitoring-blind-spot';
import type { MissingMap, PostgresDatabase } from '../../../shared/snapshot';
import { gpu, MINUTE_MS, nodeSnapshot } from '../history-helpers';
import { evaluate, ticks } from './builders';

function database(sizeBytes: number | null): PostgresDatabase {
  const missing: MissingMap = {};
  if (sizeBytes === null) missing.sizeBytes = { kind: 'error', detail: 'denied' };
  return { name: 'visionking', sizeBytes, connections: 0, missing };
}

describe('monitoring-blind-spot', () => {
  it('calls a database reading 0 bytes a probe problem', () => {
    const history = ticks(2, () => ({ vk03: nodeSnapshot({ postgres: [database(0)] }) }));
    const drafts = evaluate(monitoringBlindSpotRule, history);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk03/database:visionking',
      severity: 'SUGGESTION',
      numbers: { sizeBytes: 0, connections: 0 },
      actions: ['postgres.diagnostics'],
    });
  });

  it('finds a series the probe cannot parse for 30 minutes', () => {
    const unparsed = gpu(0, null);
    unparsed.missing.temperatureC = { kind: 'unparsed', detail: 'nvidia-smi: "??"' };
    const history = ticks(8, () => ({ vk01: nodeSnapshot({ gpus: [unparsed] }) }), 5 * MINUTE_MS);
    const [finding] = evaluate(monitoringBlindSpotRule, history);
    expect(finding).toMatchObject({
      subject: 'vk01|gpu:0|temperatureC',
      numbers: { unreadMinutes: 30 },
    });
  });

  it('stays silent for real sizes, unread sizes, short or other nulls', () => {
    const sized = ticks(2, () => ({
      vk03: nodeSnapshot({ postgres: [database(7_500_000), database(null)] }),
    }));
    expect(evaluate(monitoringBlindSpotRule, sized)).toEqual([]);
    const unparsed = gpu(0, null);
    unparsed.missing.temperatureC = { kind: 'unparsed', detail: 'x' };
    const short = ticks(4, () => ({ vk01: nodeSnapshot({ gpus: [unparsed] }) }), 5 * MINUTE_MS);
    expect(evaluate(monitoringBlindSpotRule, short)).toEqual([]);
    const unavailable = ticks(
      8,
      () => ({ vk01: nodeSnapshot({ gpus: [gpu(0, null)] }) }),
      5 * MINUTE_MS,
    );
    expect(evaluate(monitoringBlindSpotRule, unavailable)).toEqual([]);
  });
});
