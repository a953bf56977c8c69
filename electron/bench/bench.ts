// The benchmarks behind `control-room bench [NAME]`: each prints figures and ratios against a
// baseline measured in the same run, never a pass/fail verdict on timing.
import { archiveBenchmark } from './archive';
import { benchCollect, type BenchOutput } from './collect';

export const benchmarks: Record<
  string,
  { summary: string; run: (output: BenchOutput) => Promise<void> }
> = {
  collect: {
    summary: 'one fast tick of the three-node test plant vs one ssh process per command',
    run: benchCollect,
  },
  archive: archiveBenchmark,
};

export async function runBenchmarks(
  name: string | undefined,
  output: BenchOutput,
): Promise<boolean> {
  const names = name === undefined ? Object.keys(benchmarks) : [name];
  for (const benchName of names) {
    const bench = benchmarks[benchName];
    if (!bench) return false;
    await bench.run(output);
  }
  return true;
}
