// `control-room bench findings`: the time to evaluate every rule after one tick with 24 h of the
// 03002 fleet's history held (target: 50 ms or less), against a full recomputation over the same
// history (the History rebuilt from every snapshot, then every rule) measured in the same run.
//
// The history: the demo plant collected (both tiers) every 5 minutes for 24 h, and each
// collection repeated, re-stamped and without its log lines, at the 5 s fast tick in between:
// 17,280 ticks, every series at full length, the shapes of the real plant.
import { createDemoClock, createDemoPlant, loadDefaultScenario } from '../demo';
import { FindingsEngine } from '../findings/engine';
import { RollingHistory } from '../findings/history';
import { resolveThresholds } from '../findings/types';
import type { Snapshot } from '../../shared/snapshot';
import type { BenchOutput } from './collect';
import { formatTable, median, percentile } from './stats';

const TICK_MS = 5_000;
const HOUR_MS = 3_600_000;
const HISTORY_MS = 24 * HOUR_MS;
const COLLECT_EVERY_MS = 5 * 60_000;
const TARGET_MS = 50;
/**
 * Two minutes of ticks: the median is an ordinary tick, the p90 one where a minute closes and
 * every regression over per-minute means is redone.
 */
const MEASURED_TICKS = 24;
const BASELINE_RUNS = 1;

export const findingsBenchmark = {
  summary: 'every rule after one tick with 24 h of 03002 history vs recomputing from scratch',
  run: benchFindings,
};

/** One key figure for `control-room bench`'s summary table (the shape of summary.ts's rows). */
interface FigureRow {
  figure: string;
  value: number | null;
  unit: string;
  target: { op: '<=' | '>='; value: number } | null;
  baseline: number | null;
  ratio: number | null;
  note?: string;
}

export async function benchFindings(output: BenchOutput): Promise<FigureRow[]> {
  const collected = await collectDay();
  const ticks = fastTicks(collected);
  const fillStarted = performance.now();
  const engine = new FindingsEngine();
  // The lifecycle is the engine's; these first ticks fill the History without evaluating.
  for (const snapshot of ticks.slice(0, -MEASURED_TICKS)) engine.history.push(snapshot);
  const fillMs = performance.now() - fillStarted;
  // The live engine evaluates every tick, so what it carries from one tick to the next (per-
  // minute samples, regressions, parsed log lines) is there before the next: one evaluation,
  // not measured, stands for the ticks before.
  engine.evaluate();
  const incremental = measureIncremental(engine, ticks.slice(-MEASURED_TICKS));
  const baseline = measureBaseline(ticks);
  report(output, { ticks: ticks.length, engine, fillMs, incremental, baseline });
  const evaluateMs = median(incremental.evaluateMs);
  const baselineMs = median(baseline);
  return [
    {
      figure: 'all rules after one tick, 24 h of 03002 history',
      value: evaluateMs,
      unit: 'ms',
      target: { op: '<=', value: TARGET_MS },
      baseline: baselineMs,
      ratio: baselineMs / evaluateMs,
      note: `baseline: the History rebuilt from ${ticks.length} ticks, then every rule`,
    },
  ];
}

/** The demo plant, both tiers, every 5 minutes for 24 hours. */
async function collectDay(): Promise<Snapshot[]> {
  const scenario = loadDefaultScenario();
  const startMs = Date.parse(scenario.start);
  const clock = createDemoClock({ startTime: scenario.start, speed: 0 });
  const plant = createDemoPlant({ scenario, clock });
  const snapshots: Snapshot[] = [];
  try {
    for (let atMs = startMs; atMs <= startMs + HISTORY_MS; atMs += COLLECT_EVERY_MS) {
      clock.stepTo(atMs);
      snapshots.push(await plant.collector.collectOnce());
    }
  } finally {
    await plant.collector.stop();
  }
  return snapshots;
}

/** Every 5 s tick: the latest collection, re-stamped; log lines only at a real collection. */
function fastTicks(collected: readonly Snapshot[]): Snapshot[] {
  const ticks: Snapshot[] = [];
  for (const snapshot of collected) {
    const atMs = Date.parse(snapshot.takenAt);
    ticks.push(snapshot);
    for (let step = 1; step < COLLECT_EVERY_MS / TICK_MS; step++) {
      const nodes = Object.fromEntries(
        Object.entries(snapshot.nodes).map(([name, node]) => [name, { ...node, logs: {} }]),
      );
      ticks.push({ ...snapshot, takenAt: new Date(atMs + step * TICK_MS).toISOString(), nodes });
    }
  }
  return ticks.slice(-(HISTORY_MS / TICK_MS + MEASURED_TICKS));
}

interface Incremental {
  evaluateMs: number[];
  rulesMs: number[];
  perRuleMs: Map<string, number[]>;
}

function measureIncremental(engine: FindingsEngine, ticks: readonly Snapshot[]): Incremental {
  const measured: Incremental = { evaluateMs: [], rulesMs: [], perRuleMs: new Map() };
  for (const snapshot of ticks) {
    engine.history.push(snapshot);
    const started = performance.now();
    const result = engine.evaluate();
    measured.evaluateMs.push(performance.now() - started);
    measured.rulesMs.push(result.rulesMs);
    for (const rule of engine.rules) {
      const ruleStarted = performance.now();
      try {
        rule.evaluate(engine.history, resolveThresholds(rule));
      } catch {
        // A fault is the engine's to report; here only the time counts.
      }
      const times = measured.perRuleMs.get(rule.id) ?? [];
      times.push(performance.now() - ruleStarted);
      measured.perRuleMs.set(rule.id, times);
    }
  }
  return measured;
}

/** A stateless engine: the History rebuilt from every tick, then every rule, once per tick. */
function measureBaseline(ticks: readonly Snapshot[]): number[] {
  const times: number[] = [];
  for (let run = 0; run < BASELINE_RUNS; run++) {
    const started = performance.now();
    const history = new RollingHistory();
    for (const snapshot of ticks) history.push(snapshot);
    new FindingsEngine({ history }).evaluate();
    times.push(performance.now() - started);
  }
  return times;
}

function report(
  output: BenchOutput,
  figures: {
    ticks: number;
    engine: FindingsEngine;
    fillMs: number;
    incremental: Incremental;
    baseline: number[];
  },
): void {
  const { engine, incremental, baseline } = figures;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const evaluateMedian = median(incremental.evaluateMs);
  const baselineMedian = median(baseline);
  output.out(
    `findings: ${engine.rules.length} rules, ${figures.ticks} ticks of 5 s (24 h) of the 03002 ` +
      `fleet, ${engine.history.seriesKeys().length} series, ` +
      `${engine.history.sampleCount()} samples held (filled in ${ms(figures.fillMs)})`,
  );
  const rows = [
    [
      'all rules + lifecycle after one tick',
      ms(evaluateMedian),
      ms(percentile(incremental.evaluateMs, 90)),
      `${incremental.evaluateMs.length}`,
    ],
    [
      'all rules only',
      ms(median(incremental.rulesMs)),
      ms(percentile(incremental.rulesMs, 90)),
      `${incremental.rulesMs.length}`,
    ],
    [
      'baseline: rebuild 24 h + all rules',
      ms(baselineMedian),
      ms(percentile(baseline, 90)),
      `${baseline.length}`,
    ],
  ];
  output.out(formatTable(['measure', 'median', 'p90', 'runs'], rows));
  const verdict = evaluateMedian <= TARGET_MS ? 'within' : 'OVER';
  output.out(
    `after one tick: ${ms(evaluateMedian)} (${verdict} the ${TARGET_MS} ms target), ` +
      `${(baselineMedian / evaluateMedian).toFixed(0)}x faster than recomputing`,
  );
  const perRule = [...incremental.perRuleMs]
    .map(([id, times]) => [id, ms(median(times)), ms(percentile(times, 90))])
    .sort((left, right) => Number.parseFloat(right[1]!) - Number.parseFloat(left[1]!));
  output.out(formatTable(['rule', 'median', 'p90'], perRule));
}
