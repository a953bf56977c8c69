import { describe, expect, it } from 'vitest';
import { clockDriftRule } from '../../../electron/findings/rules/clock-drift';
import type { LogLevel } from '../../../shared/snapshot';
import { host, nodeSnapshot } from '../history-helpers';
import { evaluate, logsOf, ticks } from './builders';

const zone = 'America/Sao_Paulo';

/** dw-sis-surface lines in Python's local asctime; `skewed` writes the 3-days-ahead one. */
function run(skewed: boolean, ntpSynced: boolean | null = true, offsetMs: number | null = 0) {
  return ticks(3, (index, atMs) => {
    const local = new Date(atMs - 3 * 3_600_000 - 30_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    const lines: [number, LogLevel, string][] = [
      [atMs - 30_000, 'info', `${local},000 - dw_sis_surface - INFO - Aguardando mensagens`],
    ];
    if (skewed && index === 1) {
      lines.push([
        atMs - 10_000,
        'info',
        '2026-02-21 18:00:01,000 - dw_sis_surface - INFO - Limpeza',
      ]);
    }
    const missing = {
      ...(ntpSynced === null && { ntpSynced: { kind: 'not-collected' as const, detail: 'x' } }),
      ...(offsetMs === null && { offsetMs: { kind: 'not-collected' as const, detail: 'x' } }),
    };
    const clock = { ntpSynced, offsetMs, timezone: zone, missing };
    return {
      vk02: nodeSnapshot({ host: host({ clock }), logs: { 'dw-sis-surface': logsOf(lines) } }),
    };
  });
}

describe('clock-drift', () => {
  it('finds a line stamped ~2.8 days ahead of Docker, in the node time zone', () => {
    const drafts = evaluate(clockDriftRule, run(true));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk02',
      severity: 'SUGGESTION',
      numbers: { skewedLines: 1, maxSkewHours: 68, offsetSeconds: null },
      containers: ['dw-sis-surface'],
      actions: ['clock.check'],
    });
    expect(drafts[0]!.evidence.logLines[0]!.text).toContain('2026-02-21 18:00:01');
  });

  it('names NTP not synchronized and a measured offset, with the NTP action', () => {
    const [finding] = evaluate(clockDriftRule, run(false, false, 4200));
    expect(finding!.detail).toContain(
      'the clock is 4.2 s off the reference; NTP is not synchronized',
    );
    expect(finding!.actions).toEqual(['clock.check', 'clock.enableNtp']);
  });

  it('stays silent on correct local stamps, small offsets and unknown clock facts', () => {
    expect(evaluate(clockDriftRule, run(false))).toEqual([]);
    expect(evaluate(clockDriftRule, run(false, true, 1500))).toEqual([]);
    expect(evaluate(clockDriftRule, run(false, null, null))).toEqual([]);
  });
});
