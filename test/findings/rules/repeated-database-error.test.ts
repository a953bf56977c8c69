import { describe, expect, it } from 'vitest';
import * as ruleModule from '../../../electron/findings/rules/repeated-database-error';
import type { ContainerLogs } from '../../../shared/snapshot';
import { nodeSnapshot, SECOND_MS } from '../history-helpers';
import { evaluate, logsOf, ticks } from './builders';

const { repeatedDatabaseErrorRule } = ruleModule;

const FATAL = 'FATAL:  database "visionking" does not exist';

/** A FATAL each minute at :00.412 on vk01 and at `offsetMs` later on vk02. */
function probes(minutes: number, offsetMs: number, withSource: boolean, every = 1) {
  return ticks(minutes, (index, atMs) => {
    const at = atMs - 60 * SECOND_MS + 412;
    const fires = index % every === 0;
    const line = (time: number): ContainerLogs =>
      logsOf(
        fires ? [[time, 'fatal', `2026-02-19 01:07:00.412 UTC [${13168 + index}] ${FATAL}`]] : [],
      );
    const source = logsOf(
      withSource && fires
        ? [[at - 12, 'error', 'ERROR [HealthService] falha: database "visionking" does not exist']]
        : [],
    );
    return {
      vk01: nodeSnapshot({ logs: { 'database-server': line(at) } }),
      vk02: nodeSnapshot({ logs: { 'database-server': line(at + offsetMs) } }),
      vk03: nodeSnapshot({ logs: { 'dev-visionking-backend': source } }),
    };
  });
}

describe('repeated-database-error', () => {
  it('finds 1/min per node, synchronized, and the container that logs the same text', () => {
    const drafts = evaluate(repeatedDatabaseErrorRule, probes(20, 19, true));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'FATAL database "visionking" does not exist',
      severity: 'WARNING',
      numbers: {
        occurrences: 40,
        nodes: 2,
        perMinutePerNode: 1,
        periodMinutes: 1,
        phaseDifferenceSeconds: 0.02,
      },
      nodes: ['vk01', 'vk02', 'vk03'],
      containers: ['dev-visionking-backend'],
    });
    expect(drafts[0]!.detail).toContain('one central client probes them all');
    expect(drafts[0]!.detail).toContain('dev-visionking-backend on vk03: the likely source');
  });

  it('does not call nodes half a period apart synchronized', () => {
    const drafts = evaluate(repeatedDatabaseErrorRule, probes(20, 30 * SECOND_MS, false));
    expect(drafts[0]!.detail).not.toContain('central client');
    expect(drafts[0]!.numbers.phaseDifferenceSeconds).toBe(30);
  });

  it('stays silent below 3 occurrences in the hour, and with no errors', () => {
    expect(evaluate(repeatedDatabaseErrorRule, probes(20, 0, false, 10))).toEqual([]);
    const quiet = ticks(10, () => ({
      vk01: nodeSnapshot({ logs: { 'database-server': logsOf([]) } }),
    }));
    expect(evaluate(repeatedDatabaseErrorRule, quiet)).toEqual([]);
  });
});
