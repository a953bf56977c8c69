import { describe, expect, it } from 'vitest';
import { pipelineDataLossRule } from '../../../electron/findings/rules/pipeline-data-loss';
import type { LogLevel } from '../../../shared/snapshot';
import { nodeSnapshot } from '../history-helpers';
import { evaluate, logsOf, ticks } from './builders';

const REJECTED =
  "dw_sis_surface - ERROR - Mensagem rejeitada: bar_uuid = 'empty' (barra F3233140060";
const DISCARDED =
  "result_writer - WARNING - Mensagem descartada: bar_uuid = 'empty' (barra F3233140060";

/** A read per minute with 30 rejections by each writer, and `written` success lines. */
function run(rejectionsPerMinute: number, written: number) {
  return ticks(11, (index, atMs) => {
    const lines = (level: LogLevel, text: string): [number, LogLevel, string][] =>
      Array.from({ length: rejectionsPerMinute }, (_, k) => [
        atMs - 60_000 + k * 2000,
        level,
        `${text}${index % 10})`,
      ]);
    const ok: [number, LogLevel, string][] = Array.from({ length: written }, (_, k) => [
      atMs - 30_000 + k,
      'info',
      'dw_sis_surface - INFO - Inspecao gravada no banco',
    ]);
    return {
      vk01: nodeSnapshot({
        logs: {
          'dw-sis-surface': logsOf([...lines('error', REJECTED), ...ok]),
          'visionking-result-writer': logsOf(lines('warning', DISCARDED)),
        },
      }),
    };
  });
}

describe('pipeline-data-loss', () => {
  it("finds every message rejected for bar_uuid = 'empty': 100 % lost", () => {
    const drafts = evaluate(pipelineDataLossRule, run(30, 0));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: "rejected:bar_uuid = 'empty'",
      severity: 'WARNING',
      numbers: { rejected: 600, written: 0, lossPct: 100, perMinute: 60, items: 10 },
      containers: ['dw-sis-surface', 'visionking-result-writer'],
    });
    expect(drafts[0]!.detail).toContain('dw-sis-surface on vk01 (ERROR)');
    expect(drafts[0]!.detail).toContain('visionking-result-writer on vk01 (WARNING)');
  });

  it('counts written messages against the rejected ones', () => {
    const [finding] = evaluate(pipelineDataLossRule, run(1, 5));
    expect(finding!.numbers).toMatchObject({ rejected: 20, written: 50, lossPct: 28.6 });
  });

  it('stays silent below 5 rejections in 10 min and with no rejections', () => {
    const sparse = ticks(11, (index, atMs) => ({
      vk01: nodeSnapshot({
        logs: {
          'dw-sis-surface': logsOf(
            index % 3 === 0 ? [[atMs - 1000, 'error', REJECTED + '1)']] : [],
          ),
        },
      }),
    }));
    expect(evaluate(pipelineDataLossRule, sparse)).toEqual([]);
    expect(evaluate(pipelineDataLossRule, run(0, 5))).toEqual([]);
  });
});
