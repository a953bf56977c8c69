import { describe, expect, it } from 'vitest';
import { missingKeyRule } from '../../../electron/findings/rules/missing-key';
import type { LogLevel, Redis } from '../../../shared/snapshot';
import { nodeSnapshot } from '../history-helpers';
import { evaluate, logsOf, ticks } from './builders';

const LINE =
  'batch_processor - WARNING - [batch_processor.py:233] ' +
  "Campo 'Velocidade_Tratada' ausente em DB_Speed";

function redis(keyExists: boolean, fieldValue: string | null, db0Keys: number): Redis {
  const absent = { kind: 'absent' as const, detail: 'no such field' };
  return {
    version: '6.3.4',
    uptimeSeconds: 100,
    usedMemoryBytes: 1e6,
    connectedClients: 6,
    databases: [{ db: 0, keys: db0Keys, expires: 0, avgTtlMs: 0 }],
    watched: [
      {
        db: 0,
        key: 'DB_Speed',
        exists: keyExists,
        fields: [
          {
            field: 'Velocidade_Tratada',
            value: fieldValue,
            missing: fieldValue === null ? { value: absent } : {},
          },
        ],
      },
    ],
    missing: {},
  };
}

function run(keyExists: boolean, fieldValue: string | null, db0Keys = 12, count = 5) {
  const { redis: _none, ...missing } = nodeSnapshot().missing;
  return ticks(count, (_, atMs) => ({
    vk01: nodeSnapshot({
      redis: redis(keyExists, fieldValue, db0Keys),
      missing,
      logs: { 'visionking-inference': logsOf([[atMs - 5000, 'warning' as LogLevel, LINE]]) },
    }),
  }));
}

describe('missing-key', () => {
  it('finds DB_Speed without Velocidade_Tratada and the consumer that logs it', () => {
    const drafts = evaluate(missingKeyRule, run(true, null));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/db0/DB_Speed.Velocidade_Tratada',
      severity: 'WARNING',
      title: 'Redis hash DB_Speed missing field Velocidade_Tratada on vk01',
      numbers: { db: 0, missingMinutes: 4 },
      containers: ['visionking-inference'],
      actions: ['redis.diagnostics', 'container.logs'],
    });
    expect(drafts[0]!.detail).toContain('batch_processor.py:233');
  });

  it('finds a whole key missing among others', () => {
    expect(evaluate(missingKeyRule, run(false, null))[0]!.title).toBe(
      'Redis key DB_Speed missing on vk01',
    );
  });

  it('stays silent when present, on a cold (empty) database, and when just gone', () => {
    expect(evaluate(missingKeyRule, run(true, '2631'))).toEqual([]);
    expect(evaluate(missingKeyRule, run(false, null, 0))).toEqual([]);
    expect(evaluate(missingKeyRule, run(true, null, 12, 2))).toEqual([]);
  });
});
