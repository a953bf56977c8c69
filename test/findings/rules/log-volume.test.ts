import { describe, expect, it } from 'vitest';
import { logVolumeRule } from '../../../electron/findings/rules/log-volume';
import type { LogLevel } from '../../../shared/snapshot';
import { nodeSnapshot } from '../history-helpers';
import { evaluate, logsOf, ticks } from './builders';

const FLOW = [
  'Inicio readBar',
  'Lendo DB100 offset 0 (64 bytes)',
  'Fim readBar',
  'Ciclo PLC concluido',
];

/** A read per minute of `perSecond` lines at `level`, the newest 500 as Docker's --tail. */
function run(perSecond: number, level: LogLevel, messages: (index: number) => string) {
  return ticks(6, (_, atMs) => {
    const count = Math.min(500, Math.round(perSecond * 60));
    const lines: [number, LogLevel, string][] = Array.from({ length: count }, (__, index) => [
      atMs - ((count - index) * 1000) / perSecond,
      level,
      `2026-02-18 23:02:11,123 - plc_monitor - ${level.toUpperCase()} - ${messages(index)}`,
    ]);
    return { vk01: nodeSnapshot({ logs: { 'visionking-plc-monitor': logsOf(lines) } }) };
  });
}

describe('log-volume', () => {
  it('finds ~170 WARNING lines/s of a fixed flow and calls it misclassified', () => {
    const drafts = evaluate(
      logVolumeRule,
      run(170, 'warning', (index) => FLOW[index % 4]!),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk01/visionking-plc-monitor',
      severity: 'SUGGESTION',
      title: 'vk01 visionking-plc-monitor logs normal flow at WARNING (~170 lines/s)',
      numbers: { linesPerSecond: 169.9, warningPerSecond: 169.9, distinctWarnings: 4 }, // ms stamps
    });
    expect(drafts[0]!.detail).toContain('"Inicio readBar"');
  });

  it('calls many distinct warnings volume, not misuse', () => {
    const [finding] = evaluate(
      logVolumeRule,
      run(150, 'warning', (index) => `anomaly ${'x'.repeat(index % 40)}`),
    );
    expect(finding!.title).toBe('vk01 visionking-plc-monitor logs ~150 lines/s');
  });

  it('stays silent for modest INFO volume and for 5 WARNING lines/s', () => {
    expect(
      evaluate(
        logVolumeRule,
        run(50, 'info', () => 'Aguardando'),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        logVolumeRule,
        run(5, 'warning', () => 'Inicio readBar'),
      ),
    ).toEqual([]);
  });
});
