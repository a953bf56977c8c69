// The summary table of `control-room bench`: rows from every benchmark, their targets and ratios,
// and a benchmark that fails or has no rows still listed with the reason.
import { describe, expect, it } from 'vitest';
import { runBenchmarks, benchmarks } from '../../electron/bench/bench';
import {
  formatRatio,
  formatSummary,
  ratioToBaseline,
  targetVerdict,
} from '../../electron/bench/summary';

describe('the bench summary', () => {
  it('computes ratios to the baseline in the better direction', () => {
    expect(ratioToBaseline(10, 100, 'lower')).toBe(10);
    expect(ratioToBaseline(50, 25, 'higher')).toBe(2);
    expect(ratioToBaseline(null, 25, 'lower')).toBeNull();
    expect(ratioToBaseline(5, 0, 'lower')).toBeNull();
    expect(formatRatio(482.4)).toBe('482x');
    expect(formatRatio(0.234)).toBe('0.23x');
  });

  it('says whether a figure is within its target, and nothing without one', () => {
    const row = { figure: 'f', value: 12, unit: 'ms', baseline: null, ratio: null };
    expect(targetVerdict({ ...row, target: { op: '<=', value: 20 } })).toBe('within');
    expect(targetVerdict({ ...row, target: { op: '>=', value: 20 } })).toBe('MISSES');
    expect(targetVerdict({ ...row, target: null })).toBe('-');
    expect(targetVerdict({ ...row, value: null, target: { op: '<=', value: 20 } })).toBe('-');
  });

  it('prints one line per row with its bench, target and ratio', () => {
    const table = formatSummary([
      {
        bench: 'collect',
        figure: 'tick',
        value: 42.5,
        unit: 'ms',
        target: { op: '<=', value: 150 },
        baseline: 850,
        ratio: 20,
      },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^collect\s+tick\s+42\.50\s+ms\s+<= 150\s+within\s+850\s+20x/);
  });

  it('runs every benchmark, ends with the summary, lists failures with their reason', async () => {
    const saved = { ...benchmarks };
    const lines: string[] = [];
    try {
      for (const name of Object.keys(benchmarks)) delete benchmarks[name];
      benchmarks.good = {
        summary: 'returns a row',
        run: async () => [
          { figure: 'x', value: 1, unit: 's', target: null, baseline: 2, ratio: 2 },
        ],
      };
      benchmarks.silent = { summary: 'no rows', run: async () => undefined };
      benchmarks.broken = {
        summary: 'throws',
        run: async () => {
          throw new Error('the test plant needs root');
        },
      };
      expect(await runBenchmarks(undefined, { out: (line) => lines.push(line) })).toBe(true);
      expect(await runBenchmarks('nope', { out: () => undefined })).toBe(false);
    } finally {
      for (const name of Object.keys(benchmarks)) delete benchmarks[name];
      Object.assign(benchmarks, saved);
    }
    const text = lines.join('\n');
    const summary = text.slice(text.indexOf('== summary'));
    expect(summary).toMatch(/good\s+x\s+1\s+s/);
    expect(summary).toMatch(/silent .*prints no summary rows/);
    expect(summary).toMatch(/broken .*did not run: the test plant needs root/);
  });
});
