// The benchmarks behind `control-room bench [NAME]`: each prints figures and ratios against a
// baseline measured in the same run, never a pass/fail verdict on timing. Each returns its key
// figures as summary rows; `control-room bench` with no name ends with one table of them all.
import { archiveBenchmark } from './archive';
import { benchCollect, type BenchOutput } from './collect';
import { enduranceBenchmark } from './endurance';
import { faultsBenchmark } from './faults';
import { findingsBenchmark } from './findings';
import { scaleBenchmark } from './scale';
import { uiBenchmark } from './ui';
import { formatSummary, type SummaryRow } from './summary';

export type { SummaryRow } from './summary';

export interface Benchmark {
  summary: string;
  /** Prints its own report; returns its key figures (none: a benchmark without summary rows). */
  run: (output: BenchOutput) => Promise<SummaryRow[] | void>;
}

export const benchmarks: Record<string, Benchmark> = {
  collect: {
    summary: 'one fast tick of the three-node test plant vs one ssh process per command',
    run: benchCollect,
  },
  archive: archiveBenchmark,
  findings: findingsBenchmark,
  ui: uiBenchmark,
  endurance: enduranceBenchmark,
  scale: scaleBenchmark,
  faults: faultsBenchmark,
};

export async function runBenchmarks(
  name: string | undefined,
  output: BenchOutput,
): Promise<boolean> {
  if (name !== undefined) {
    const bench = benchmarks[name];
    if (!bench) return false;
    await bench.run(output);
    return true;
  }
  const rows: SummaryRow[] = [];
  for (const [benchName, bench] of Object.entries(benchmarks)) {
    output.out(`\n== bench ${benchName}: ${bench.summary}`);
    rows.push(...(await summaryRowsOf(benchName, bench, output)));
  }
  output.out('\n== summary: every figure, its target and its ratio to the same-run baseline');
  output.out(formatSummary(rows));
  return true;
}

/** One benchmark's rows; a benchmark that fails (no test plant here, say) gets a row saying so. */
async function summaryRowsOf(
  benchName: string,
  bench: Benchmark,
  output: BenchOutput,
): Promise<SummaryRow[]> {
  try {
    const rows = (await bench.run(output)) ?? [];
    if (rows.length === 0) return [noRow(benchName, 'prints no summary rows (see its report)')];
    return rows.map((row) => ({ ...row, bench: row.bench ?? benchName }));
  } catch (error) {
    const reason = `did not run: ${(error as Error).message.split('\n')[0]}`;
    output.out(`bench ${benchName} ${reason}`);
    return [noRow(benchName, reason)];
  }
}

function noRow(benchName: string, note: string): SummaryRow {
  return {
    bench: benchName,
    figure: '-',
    value: null,
    unit: '',
    target: null,
    baseline: null,
    ratio: null,
    note,
  };
}
