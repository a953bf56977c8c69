import { describe, expect, it } from 'vitest';
import { formatTable, median, percentile } from '../../electron/bench/stats';

describe('benchmark statistics', () => {
  it('takes the nearest-rank median and percentiles of unsorted values', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(percentile([5, 1, 4, 2, 3, 10, 9, 8, 7, 6], 90)).toBe(9);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('aligns table columns', () => {
    expect(formatTable(['a', 'long'], [['wide cell', '1']])).toBe(
      'a          long\n---------  ----\nwide cell  1',
    );
  });
});
