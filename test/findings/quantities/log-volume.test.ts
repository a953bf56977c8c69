import { describe, expect, it } from 'vitest';
import type { ContainerLogs, LogLine } from '../../../shared/snapshot';
import { logLevelRates } from '../../../electron/findings/quantities/log-volume';

const START = Date.parse('2026-02-19T01:07:00Z');

function logs(warning: number, info: number, lines: LogLine[]): ContainerLogs {
  const counts = { fatal: 0, error: 0, warning, info, debug: 0, unknown: 0 };
  return { countsByLevel: counts, lines, droppedLines: Math.max(0, warning + info - lines.length) };
}

/** `count` lines `everyMs` apart, ending at `endMs`. */
function stamped(count: number, everyMs: number, endMs: number): LogLine[] {
  return Array.from({ length: count }, (_, index) => ({
    at: new Date(endMs - (count - 1 - index) * everyMs).toISOString(),
    level: 'warning' as const,
    text: 'Inicio readBar',
  }));
}

describe('logLevelRates', () => {
  it('reads ~170 WARNING lines/s from the stamps when the tail bound saturates counts', () => {
    const everyMs = 1000 / 170;
    const reads = [0, 60_000, 60_000].map((offset) => ({
      atMs: START + offset,
      logs: logs(500, 0, stamped(200, everyMs, START + offset)),
    }));
    const result = logLevelRates(reads);
    expect(result.value!.method).toBe('density');
    expect(result.value!.perSecond.warning).toBeCloseTo(170, 0);
    expect(result.value!.reads).toBe(2);
  });

  it('uses counts over the time between reads when nothing saturates', () => {
    const reads = [0, 60_000, 120_000].map((offset) => ({
      atMs: START + offset,
      logs: logs(30, 60, stamped(3, 1000, START + offset)),
    }));
    const result = logLevelRates(reads);
    expect(result.value).toMatchObject({ method: 'counts', totalPerSecond: 1.5 });
    expect(result.value!.perSecond.warning).toBeCloseTo(0.5, 9);
  });

  it('is null with a reason when nothing can be measured', () => {
    expect(logLevelRates([]).reason).toBe('no log reads');
    const one = [{ atMs: START, logs: logs(2, 0, stamped(2, 1000, START)) }];
    expect(logLevelRates(one).reason).toMatch(/too few stamped lines/);
  });
});
