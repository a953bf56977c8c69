// The rules on what the demo plant really produces (collected through the ordinary collector,
// logs and all), at three moments of the reference report. Each rule's own test checks its
// numbers on histories built for it; this one checks that the rules read real snapshots.
import { describe, expect, it } from 'vitest';
import { rules } from '../../../electron/findings/rules';
import { resolveThresholds, type FindingDraft } from '../../../electron/findings/types';
import { demoHistory, MINUTE_MS, plantTime } from '../history-helpers';

/** Every rule's drafts on the demo plant over `minutes` before `end`, read every `step` min. */
async function findingsAt(end: string, minutes: number, step: number) {
  const endMs = plantTime(end);
  const times: number[] = [];
  for (let at = endMs - minutes * MINUTE_MS; at <= endMs; at += step * MINUTE_MS) times.push(at);
  const history = await demoHistory(times);
  const drafts = rules.flatMap((rule) => rule.evaluate(history, resolveThresholds(rule)));
  return (ruleId: string, subject: string): FindingDraft | undefined =>
    drafts.find((draft) => draft.ruleId === ruleId && draft.subject === subject);
}

describe('the rules on the demo plant', () => {
  it('at 22:08: the stuck backend, pgAdmin down, the synchronized FATAL probe', async () => {
    const find = await findingsAt('2026-02-18 22:08', 30, 2);
    const loop = find('client-reconnect-loop', 'vk03/visionking-backend->10.244.70.26:4000');
    expect(loop?.detail).toContain('ECONNREFUSED → EHOSTUNREACH → ECONNREFUSED');
    expect(find('endpoint-down', 'vk03/pgadmin')?.severity).toBe('WARNING');
    expect(find('endpoint-down', 'vk01/visualizer')?.severity).toBe('INFO');
    const fatal = find('repeated-database-error', 'FATAL database "visionking" does not exist');
    expect(fatal?.numbers).toMatchObject({ nodes: 2, perMinutePerNode: 1 });
    expect(fatal?.detail).toContain('one central client');
    expect(fatal?.containers).toEqual(['dev-visionking-backend']);
    expect(find('clock-drift', 'vk02')?.detail).toContain('NTP is not synchronized');
  }, 120_000);

  it('at 00:18: vk01 GPU cycles 18–27 °C at idle, vk02 steady, models idle', async () => {
    const find = await findingsAt('2026-02-19 00:18', 60, 3);
    expect(find('gpu-thermal-cycling', 'vk01/gpu:0')?.numbers).toMatchObject({ swingC: 9 });
    expect(find('gpu-thermal-cycling', 'vk02/gpu:0')).toBeUndefined();
    expect(find('gpu-idle-loaded', 'vk02/gpu:0')?.numbers.memoryUsedPct).toBe(67.4);
    expect(find('cpu-disparity', 'visionking-visualizer')?.numbers.ratio).toBeCloseTo(6, 0);
  }, 120_000);

  it('on Feb 22 at 20:16: data loss, missing field, race, pressure, vk02 dark', async () => {
    const find = await findingsAt('2026-02-22 20:16', 12, 1);
    const loss = find('pipeline-data-loss', "rejected:bar_uuid = 'empty', part_uuid = 'empty'");
    expect(loss?.numbers.lossPct).toBe(100);
    expect(find('missing-key', 'vk01/db0/DB_Speed.Velocidade_Tratada')?.severity).toBe('WARNING');
    const race = find('producer-consumer-race', 'vk01/visionking-inference');
    expect(race?.numbers).toMatchObject({ producers: 4, periodSeconds: 3.5 });
    expect(find('resource-pressure', 'vk01/memory')?.numbers.topTwoGb).toBe(31.2);
    expect(find('node-dark', 'vk02')?.numbers.containersRunning).toBe(0);
  }, 120_000);
});
