import { describe, expect, it } from 'vitest';
import { oomKillPatternRule } from '../../../electron/findings/rules/oom-kill-pattern';
import type { LogLevel } from '../../../shared/snapshot';
import { MIB, MINUTE_MS, nodeSnapshot } from '../history-helpers';
import { containerWith, evaluate, logsOf, ticks } from './builders';

const SIGKILL =
  '[2026-02-18 22:52:13 -0300] [1] [ERROR] Worker (pid:8) was sent SIGKILL! Perhaps out of memory?';

interface Plan {
  memoryAt: (index: number) => number | null;
  restartAt?: number;
  lineAt?: number;
  restartsAt?: (index: number) => number;
}

function visualizer(count: number, plan: Plan) {
  return ticks(
    count,
    (index, atMs) => {
      const memory = plan.memoryAt(index);
      const lines: [number, LogLevel, string][] =
        index === plan.lineAt ? [[atMs - 10_000, 'error', SIGKILL]] : [];
      const restarted = plan.restartAt !== undefined && index >= plan.restartAt;
      const container = containerWith('visionking-visualizer', {
        memoryBytes: memory === null ? null : memory * MIB,
        memoryLimitBytes: 416 * MIB,
        restartCount: plan.restartsAt ? plan.restartsAt(index) : restarted ? 1 : 0,
      });
      return {
        vk02: nodeSnapshot({
          containers: [container],
          logs: { 'visionking-visualizer': logsOf(lines) },
        }),
      };
    },
    5 * MINUTE_MS,
  );
}

const killed = (index: number) => (index < 6 ? 410 + index : 315 + (index - 6) * 0.2);

describe('oom-kill-pattern', () => {
  it('sees the kill: 416 → 315 MB between snapshots, a restart and the SIGKILL line', () => {
    const drafts = evaluate(
      oomKillPatternRule,
      visualizer(12, { memoryAt: killed, restartAt: 6, lineAt: 6 }),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk02/visionking-visualizer',
      severity: 'SUGGESTION',
      numbers: { kills: 1, dropMb: 100, fromMb: 415, toMb: 315, killLevelMb: 415 },
      actions: ['gunicorn.recycle', 'container.restart', 'container.logs'],
    });
    expect(drafts[0]!.detail).toContain('memory fell 100 MB between snapshots (415 MB → 315 MB)');
    expect(drafts[0]!.detail).toContain('its restart count went up');
    expect(drafts[0]!.detail).toContain('was sent SIGKILL!');
    expect(drafts[0]!.evidence.logLines[0]!.text).toBe(SIGKILL);
  });

  it('turns WARNING at 3 kills in 24 h, each fall confirmed by a restart', () => {
    const sawtooth = (index: number) => 315 + (index % 5) * 25;
    const restartsAt = (index: number) => Math.floor(index / 5);
    const history = visualizer(16, { memoryAt: sawtooth, restartsAt });
    const [finding] = evaluate(oomKillPatternRule, history);
    expect(finding).toMatchObject({ severity: 'WARNING', numbers: { kills: 3, killLevelMb: 415 } });
    expect(finding!.actions).toEqual(['container.restart', 'container.logs']); // no gunicorn line
  });

  it('stays silent for a drop with no restart, flag or line, and for nulls', () => {
    expect(evaluate(oomKillPatternRule, visualizer(12, { memoryAt: killed }))).toEqual([]);
    const gap = (index: number) => (index >= 5 && index <= 7 ? null : 315);
    expect(evaluate(oomKillPatternRule, visualizer(12, { memoryAt: gap }))).toEqual([]);
    const small = (index: number) => (index < 6 ? 400 : 340); // 15 %: below the 20 % default
    expect(evaluate(oomKillPatternRule, visualizer(12, { memoryAt: small, restartAt: 6 }))).toEqual(
      [],
    );
  });
});
