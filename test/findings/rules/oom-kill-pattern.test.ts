import { describe, expect, it } from 'vitest';
import { oomKillPatternRule } from '../../../electron/findings/rules/oom-kill-pattern';
import type { LogLevel } from '../../../shared/snapshot';
import { RollingHistory } from '../../../electron/findings/history';
import { resolveThresholds } from '../../../electron/findings/types';
import { historyFrom, MIB, MINUTE_MS, nodeSnapshot, snapshotsEvery } from '../history-helpers';
import { containerWith, evaluate, logsOf, START, ticks } from './builders';

const SIGKILL =
  '[2026-02-18 22:52:13 -0300] [1] [ERROR] Worker (pid:8) was sent SIGKILL! Perhaps out of memory?';

const BOOT = '[2026-02-18 19:13:55 -0300] [1] [INFO] Starting gunicorn 21.2.0';

interface Plan {
  memoryAt: (index: number) => number | null;
  restartAt?: number;
  lineAt?: number;
  restartsAt?: (index: number) => number;
  /** The tick whose log read holds gunicorn's banner (a gunicorn container). */
  bootAt?: number;
}

function visualizer(count: number, plan: Plan, stepMs = 5 * MINUTE_MS) {
  return ticks(count, (index, atMs) => visualizerNodes(plan, index, atMs), stepMs);
}

function visualizerNodes(plan: Plan, index: number, atMs: number) {
  const memory = plan.memoryAt(index);
  const lines: [number, LogLevel, string][] =
    index === plan.lineAt ? [[atMs - 10_000, 'error', SIGKILL]] : [];
  if (index === plan.bootAt) lines.unshift([atMs - 20_000, 'info', BOOT]);
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

  it('counts a SIGKILL line alone (a worker killed in a running container), says its level', () => {
    // Report 22:08 #3: SIGKILL'd earlier, 414 MB now, the container never restarted.
    const creeping = (index: number) => 405 + index * 0.5;
    const [finding] = evaluate(
      oomKillPatternRule,
      visualizer(19, { memoryAt: creeping, lineAt: 2 }),
    );
    expect(finding).toMatchObject({
      severity: 'SUGGESTION',
      numbers: { kills: 1, silentRecycles: 0, dropMb: null, currentMb: 414, limitMb: 416 },
    });
    expect(finding!.detail).toContain('It uses 414 MB now of its 416 MB limit.');
    expect(finding!.detail).toContain('Add --max-requests');
  });

  it('reads a kill inside a minute of 5 s readings as one fall, the whole 100 MB', () => {
    // 10 minutes of 5 s ticks: 416 MB, killed 30 s into minute 4, 315 MB after.
    const fiveSecond = (index: number) => (index < 54 ? 416 : 315);
    const history = visualizer(120, { memoryAt: fiveSecond, restartAt: 54 }, 5_000);
    const [finding] = evaluate(oomKillPatternRule, history);
    expect(finding).toMatchObject({ numbers: { kills: 1, dropMb: 101, fromMb: 416, toMb: 315 } });
  });

  it('sees a silent recycle in a gunicorn container: 18 MB less, no restart, flag or line', () => {
    // Report "02:43" #1: 334 → 316 MB in 10 minutes at idle, nothing in the error log.
    const recycled = (index: number) => (index < 6 ? 333 + index * 0.2 : 315 + index * 0.2);
    const [finding] = evaluate(
      oomKillPatternRule,
      visualizer(12, { memoryAt: recycled, bootAt: 0 }),
    );
    expect(finding).toMatchObject({
      severity: 'INFO',
      title: 'vk02 visionking-visualizer recycles workers silently (1× in 24 h)',
      numbers: { kills: 0, silentRecycles: 1, dropMb: 17.8, fromMb: 334, toMb: 316.2 },
    });
    expect(finding!.detail).toContain('with no restart, flag or log line');
    expect(finding!.detail).toContain('--error-logfile -');
  });

  it('after a kill, reports the newest fall: the silent recycle that followed it', () => {
    const both = (index: number) => (index < 4 ? 414 : index < 8 ? 315 : 297);
    const history = visualizer(12, { memoryAt: both, restartAt: 4, lineAt: 4, bootAt: 0 });
    const [finding] = evaluate(oomKillPatternRule, history);
    expect(finding).toMatchObject({
      severity: 'SUGGESTION',
      numbers: { kills: 1, silentRecycles: 1, dropMb: 18, killLevelMb: 414, currentMb: 297 },
    });
    expect(finding!.detail).toContain('Its memory also fell 18 MB (315 MB → 297 MB)');
  });

  it('stays silent for small falls in gunicorn, and for silent falls outside gunicorn', () => {
    const wobble = (index: number) => (index < 6 ? 334 : 334 * 0.965); // 3.5 %: below 4 %
    expect(evaluate(oomKillPatternRule, visualizer(12, { memoryAt: wobble, bootAt: 0 }))).toEqual(
      [],
    );
    const recycled = (index: number) => (index < 6 ? 334 : 316);
    expect(evaluate(oomKillPatternRule, visualizer(12, { memoryAt: recycled }))).toEqual([]);
  });

  it('finds the same, tick by tick on one History, as from scratch; a day later it lets go', () => {
    // The rule keeps what it read of the logs per History: each tick's new reads only.
    const both = (index: number) => (index < 4 ? 414 : index < 8 ? 315 : 297);
    const plan = { memoryAt: both, restartAt: 4, lineAt: 4, bootAt: 0 };
    const snapshots = snapshotsEvery(START, 5 * MINUTE_MS, 300, (index, atMs) =>
      visualizerNodes(plan, index, atMs),
    );
    const live = new RollingHistory();
    const thresholds = resolveThresholds(oomKillPatternRule);
    snapshots.forEach((snapshot, index) => {
      live.push(snapshot);
      const fresh = historyFrom(snapshots.slice(0, index + 1));
      const drafts = oomKillPatternRule.evaluate(live, thresholds);
      expect(drafts).toEqual(oomKillPatternRule.evaluate(fresh, thresholds));
      // 25 h of 5 min ticks: the kill (tick 4) and the recycle (tick 8) leave the 24 h window.
      if (index === 12) expect(drafts[0]?.numbers).toMatchObject({ kills: 1, silentRecycles: 1 });
    });
    expect(oomKillPatternRule.evaluate(live, thresholds)).toEqual([]);
  });
});
