// `bench ui` on a short run: the built interface in Chromium against the served demo pipeline,
// with 2 days of history behind the chart and 1 + 1 plant hours for the heap. Checks that every
// figure was measured and that the rows are well-formed; not the values against the targets
// (timing on a shared machine is no verdict).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureUi, uiRows, type UiOptions } from '../../electron/bench/ui';
import { formatSummary } from '../../electron/bench/summary';

const built = existsSync(new URL('../../out/renderer/index.html', import.meta.url));
if (!built) console.warn('Skipping the ui benchmark run: npm run build:renderer first.');

const SHORT_RUN: UiOptions = {
  historyDays: 2,
  rawHours: 1,
  paintRuns: 2,
  chartRuns: 1,
  warmupHours: 1,
  heapHours: 1,
};

describe.skipIf(!built)('bench ui, short run', () => {
  it('times the overview paint, the memory chart and the heap; rows are figures', async () => {
    const figures = await measureUi(SHORT_RUN);

    expect(figures.archivedSeries).toBeGreaterThan(1);
    expect(figures.archivedDays).toBeGreaterThanOrEqual(SHORT_RUN.historyDays - 1);
    expect(figures.meaningfulPaintMs).toHaveLength(SHORT_RUN.paintRuns);
    for (const [index, paintMs] of figures.meaningfulPaintMs.entries()) {
      // The shell paints before the data does, on the same load's clock.
      expect(paintMs).toBeGreaterThan(figures.firstContentfulPaintMs[index]!);
    }
    expect(figures.coreAnswerMs).toHaveLength(SHORT_RUN.chartRuns);
    for (const answerMs of figures.coreAnswerMs) expect(answerMs).toBeGreaterThan(0);
    for (const timing of [...figures.chart30Days, ...figures.chart1Hour]) {
      expect(timing.series).toBeGreaterThan(1);
      expect(timing.requestToPaintMs).toBeGreaterThanOrEqual(timing.requestToAnswerMs);
      expect(timing.requestToAnswerMs).toBeGreaterThan(0);
    }
    expect(figures.heapBeforeBytes).toBeGreaterThan(1_000_000);
    expect(figures.heapAfterBytes).toBeGreaterThan(1_000_000);

    const rows = uiRows(figures);
    expect(rows.map((row) => row.unit)).toEqual(['ms', 'ms', 'MB', '%']);
    for (const row of rows) {
      expect(row.figure).not.toBe('');
      expect(Number.isFinite(row.value)).toBe(true);
      if (row.baseline !== null) expect(row.baseline).toBeGreaterThan(0);
      if (row.ratio !== null) expect(row.ratio).toBeGreaterThan(0);
    }
    expect(rows.filter((row) => row.target !== null)).toHaveLength(3);
    const table = formatSummary(rows);
    expect(table.split('\n')).toHaveLength(2 + rows.length);
    expect(table).toMatch(/first meaningful paint.*\s\d+\s+ms\s+<= 1500\s+(within|MISSES)\s/);
  }, 300_000);
});
