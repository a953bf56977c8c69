// `control-room bench ui`: the built interface in Chromium (Playwright, /usr/bin/chromium) in
// browser mode, against the core as `serve --demo` wires it (electron/bench/pipeline.ts), ticked
// on a simulated clock. Three figures, each with a baseline from the same run:
// - the Overview's first meaningful paint (every node card showing collected data), from the
//   navigation's start; baseline: the first contentful paint of the same loads (the bundle's
//   shell, before any data);
// - the Containers view's 30-day memory chart of one node, from its trend.query leaving the page
//   to the chart painted, over days of synthetic history (ui-history.ts); baseline: the same
//   chart over 1 hour;
// - the page's heap (after a forced GC, over the DevTools protocol) before and after an hour of
//   `serve --demo` at its 60x (60 plant hours), once the page is warm.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { summarizeFleet } from '../core/watched';
import { createDemoPlant } from '../demo';
import { startBrowserServer } from '../server/server';
import type { BenchOutput } from './collect';
import { DEMO_SPEED, FAST_TICK_MS, startServedPipeline, type ServedPipeline } from './pipeline';
import { formatTable, median } from './stats';
import { formatSummary, ratioToBaseline, type SummaryRow } from './summary';
import { fillNodeHistory, type HistoryFigures } from './ui-history';
import { pageScript, readTimingsScript, type PageTimings, type PageTrendRequest } from './ui-page';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MB = 1_000_000;
const rendererDirectory = fileURLToPath(new URL('../../out/renderer', import.meta.url));
/** The node whose containers the chart draws: the one with the most containers in 03002. */
const CHART_NODE = 'vk02';
const CHART_LABEL = `Container memory on ${CHART_NODE}`;
/** Real time between ticks of the heap run, so the page draws each snapshot as it arrives. */
const PAUSE_MS = 20;
/** How long one page may take to show its data or draw a chart on the loaded machine. */
const WAIT_MS = 60_000;
const POLL_MS = 25;
const TARGETS = { paintMs: 1_500, chartMs: 200, heapGrowthPct: 5 };

export interface UiOptions {
  /** Synthetic history behind the chart, and how much of it is raw ticks. */
  historyDays: number;
  rawHours: number;
  /** Page loads timed, and 30-day / 1-hour chart pairs timed. */
  paintRuns: number;
  chartRuns: number;
  /** Plant hours before the heap's "before" (the page's windows filling), then measured. */
  warmupHours: number;
  heapHours: number;
}

/** One real hour of `serve --demo` at its 60x is 60 plant hours. */
export const FULL_RUN: UiOptions = {
  historyDays: 30,
  rawHours: 48,
  paintRuns: 5,
  chartRuns: 5,
  warmupHours: 24,
  heapHours: 60,
};

export interface ChartTiming {
  series: number;
  requestToPaintMs: number;
  requestToAnswerMs: number;
}

export interface UiFigures {
  options: UiOptions;
  history: HistoryFigures;
  /** Container-memory series of the chart's node in the archive, and the days they cover. */
  archivedSeries: number;
  archivedDays: number;
  /** The chart's 30-day query answered by the core over the in-memory pipe: no browser. */
  coreAnswerMs: number[];
  meaningfulPaintMs: number[];
  firstContentfulPaintMs: number[];
  chart30Days: ChartTiming[];
  chart1Hour: ChartTiming[];
  heapAtLoadBytes: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
}

interface Rig {
  pipeline: ServedPipeline;
  url: string;
  browser: Browser;
  nodeCount: number;
  plantNowMs(): number;
}

export async function measureUi(options: UiOptions): Promise<UiFigures> {
  if (!existsSync(join(rendererDirectory, 'index.html'))) {
    throw new Error(`the interface is not built (${rendererDirectory}): npm run build:renderer`);
  }
  const { chromium } = await import('playwright-core');
  // First, so a missing Chromium says so at once, not after minutes of filling history.
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, headless: true });
  try {
    return await measureOn(browser, options);
  } finally {
    await browser.close();
  }
}

async function measureOn(browser: Browser, options: UiOptions): Promise<UiFigures> {
  const directory = mkdtempSync(join(tmpdir(), 'control-room-bench-ui-'));
  const plant = createDemoPlant({ speed: 0 });
  const summary = summarizeFleet(plant.fleet, 'demo');
  const pipeline = startServedPipeline({
    collector: plant.collector,
    clock: plant.clock,
    summary,
    dataDirectory: directory,
  });
  const cleanups: (() => Promise<unknown>)[] = [() => pipeline.stop()];
  try {
    const history = await fillNodeHistory(pipeline.archive, {
      node: CHART_NODE,
      days: options.historyDays,
      rawHours: options.rawHours,
      endMs: plant.clock.nowMs(),
    });
    // Two ticks: a snapshot and a health verdict for the page to show.
    await pipeline.tick();
    await pipeline.tick();
    const server = await startBrowserServer({
      router: pipeline.core.router,
      staticDir: rendererDirectory,
      host: '127.0.0.1',
      port: 0,
    });
    cleanups.unshift(() => server.close());
    const rig = {
      pipeline,
      url: server.url,
      browser,
      nodeCount: summary.nodes.length,
      plantNowMs: () => plant.clock.nowMs(),
    };
    return await measureWith(rig, options, history);
  } finally {
    for (const cleanup of cleanups) await cleanup();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function measureWith(
  rig: Rig,
  options: UiOptions,
  history: HistoryFigures,
): Promise<UiFigures> {
  const archived = archivedCoverage(rig, options.historyDays);
  const coreAnswerMs = await timeCoreAnswers(rig, options.chartRuns);
  const paints = await measurePaints(rig, options.paintRuns);
  const charts = await measureCharts(rig, options.chartRuns);
  const heap = await measureHeap(rig, options);
  return {
    options,
    history,
    ...archived,
    coreAnswerMs,
    meaningfulPaintMs: paints.map((timing) => timing.meaningfulPaintMs ?? Number.NaN),
    firstContentfulPaintMs: paints.map((timing) => timing.firstContentfulPaintMs ?? Number.NaN),
    chart30Days: charts.days,
    chart1Hour: charts.hour,
    ...heap,
  };
}

/** What the archive itself answers for the chart: proof the history is there to draw. */
function archivedCoverage(rig: Rig, days: number) {
  const { archive } = rig.pipeline;
  const series = archive.listSeries({
    node: CHART_NODE,
    kind: 'container',
    metric: 'memoryBytes',
  });
  const toMs = rig.plantNowMs();
  const trends = archive.trends({
    series: series.map((info) => info.id),
    from: toMs - days * DAY_MS,
    to: toMs,
    points: 600,
  });
  const starts = trends.flatMap((trend) =>
    trend.buckets.filter((bucket) => bucket.mean !== null).map((bucket) => bucket.startMs),
  );
  const archivedDays = starts.length === 0 ? 0 : (toMs - Math.min(...starts)) / DAY_MS;
  if (archivedDays < days - 1) {
    throw new Error(`the archive holds ${archivedDays.toFixed(1)} of ${days} days for the chart`);
  }
  return { archivedSeries: series.length, archivedDays };
}

/** The same query as the chart's (every container, 30 days, 600 points), asked in-process. */
async function timeCoreAnswers(rig: Rig, runs: number): Promise<number[]> {
  const series = rig.pipeline.archive
    .listSeries({ node: CHART_NODE, kind: 'container', metric: 'memoryBytes' })
    .map((info) => info.key);
  const toMs = rig.plantNowMs();
  const args = {
    series,
    from: new Date(toMs - 30 * DAY_MS).toISOString(),
    to: new Date(toMs).toISOString(),
    points: 600,
  };
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const startedMs = performance.now();
    await rig.pipeline.client.call('trend.query', args);
    times.push(performance.now() - startedMs);
  }
  return times;
}

// -- the pages ------------------------------------------------------------------------------------

async function openPage(rig: Rig, hash = ''): Promise<{ page: Page; close(): Promise<void> }> {
  // A fresh context per page: nothing cached from an earlier load.
  const context = await rig.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const script = pageScript({ nodeCount: rig.nodeCount, chartLabel: CHART_LABEL });
  await page.addInitScript({ content: script });
  await page.goto(`${rig.url}${hash}`);
  return { page, close: () => context.close() };
}

/**
 * Polls an expression in the page until it is true. Not page.waitForFunction: that evaluates
 * its string with eval inside the page, which the interface's content-security policy forbids.
 */
async function waitInPage(page: Page, expression: string): Promise<void> {
  const deadlineMs = Date.now() + WAIT_MS;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadlineMs) throw new Error(`the page never got to: ${expression}`);
    await sleep(POLL_MS);
  }
}

async function timings(page: Page): Promise<PageTimings> {
  return (await page.evaluate(readTimingsScript)) as PageTimings;
}

async function measurePaints(rig: Rig, runs: number): Promise<PageTimings[]> {
  const measured: PageTimings[] = [];
  for (let run = 0; run < runs; run++) {
    const { page, close } = await openPage(rig);
    try {
      await waitInPage(page, 'window.__uiBench.meaningfulPaintMs !== null');
      measured.push(await timings(page));
    } finally {
      await close();
    }
  }
  return measured;
}

async function measureCharts(rig: Rig, runs: number) {
  const { page, close } = await openPage(rig, '#/containers');
  try {
    await page
      .getByRole('group', { name: 'Node' })
      .getByRole('button', { name: CHART_NODE })
      .click();
    await page.locator(`figure.trend[aria-label="${CHART_LABEL}"]`).waitFor({ timeout: WAIT_MS });
    // The chart: every container of the node, not the view's default eight.
    await page.getByRole('checkbox', { name: 'Every container' }).check();
    const days: ChartTiming[] = [];
    const hour: ChartTiming[] = [];
    for (let run = 0; run < runs; run++) {
      days.push(await timeRange(page, '30 days', 30 * DAY_MS));
      hour.push(await timeRange(page, '1 hour', HOUR_MS));
    }
    return { days, hour };
  } finally {
    await close();
  }
}

/** Picks the range and times the chart's request (the one with the most series) to its paint. */
async function timeRange(page: Page, label: string, spanMs: number): Promise<ChartTiming> {
  const before = (await timings(page)).requests.length;
  await page
    .getByRole('group', { name: 'Time range' })
    .getByRole('button', { name: label })
    .click();
  const chartRequest = `window.__uiBench.requests.slice(${before})
    .filter((request) => request.spanMs === ${spanMs})
    .reduce((most, request) => (most && most.series >= request.series ? most : request), null)`;
  await waitInPage(page, `(${chartRequest}) !== null && (${chartRequest}).paintedAtMs !== null`);
  const request = (await page.evaluate(chartRequest)) as PageTrendRequest;
  return {
    series: request.series,
    requestToPaintMs: request.paintedAtMs! - request.sentAtMs,
    requestToAnswerMs: request.answeredAtMs! - request.sentAtMs,
  };
}

async function measureHeap(rig: Rig, options: UiOptions) {
  const { page, close } = await openPage(rig);
  try {
    await waitInPage(page, 'window.__uiBench.meaningfulPaintMs !== null');
    const cdp = await page.context().newCDPSession(page);
    const heapAtLoadBytes = await pageHeap(cdp);
    await runPlantHours(rig.pipeline, options.warmupHours);
    const heapBeforeBytes = await pageHeap(cdp);
    await runPlantHours(rig.pipeline, options.heapHours);
    const heapAfterBytes = await pageHeap(cdp);
    return { heapAtLoadBytes, heapBeforeBytes, heapAfterBytes };
  } finally {
    await close();
  }
}

async function runPlantHours(pipeline: ServedPipeline, hours: number): Promise<void> {
  const ticks = Math.round((hours * HOUR_MS) / (FAST_TICK_MS * DEMO_SPEED));
  for (let tick = 0; tick < ticks; tick++) {
    await pipeline.tick();
    await sleep(PAUSE_MS);
  }
}

/** The page's used heap after a full collection. */
async function pageHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize;
}

// -- report and rows ------------------------------------------------------------------------------

export function uiRows(figures: UiFigures): SummaryRow[] {
  const paint = median(figures.meaningfulPaintMs);
  const contentful = median(figures.firstContentfulPaintMs);
  const days = median(figures.chart30Days.map((timing) => timing.requestToPaintMs));
  const hour = median(figures.chart1Hour.map((timing) => timing.requestToPaintMs));
  const { heapBeforeBytes: before, heapAfterBytes: after } = figures;
  const growthPct = ((after - before) / before) * 100;
  const hours = figures.options.heapHours;
  const series = figures.chart30Days[0]?.series ?? 0;
  return [
    {
      figure: 'overview first meaningful paint (every card with data)',
      value: finite(paint),
      unit: 'ms',
      target: { op: '<=', value: TARGETS.paintMs },
      baseline: finite(contentful),
      ratio: ratioToBaseline(finite(paint), finite(contentful), 'lower'),
      note: `median of ${figures.meaningfulPaintMs.length} loads; baseline: first contentful paint`,
    },
    {
      figure: `30-day memory chart of ${CHART_NODE}'s containers`,
      value: finite(days),
      unit: 'ms',
      target: { op: '<=', value: TARGETS.chartMs },
      baseline: finite(hour),
      ratio: ratioToBaseline(finite(days), finite(hour), 'lower'),
      note:
        `request to painted, ${series} series, ${figures.options.historyDays} days archived; ` +
        'baseline: the same chart over 1 h',
    },
    {
      figure: `renderer heap after ${hours} plant h at 60x (once warm)`,
      value: after / MB,
      unit: 'MB',
      target: null,
      baseline: before / MB,
      ratio: ratioToBaseline(after, before, 'lower'),
      note: `baseline: the heap after ${figures.options.warmupHours} plant h of warm-up`,
    },
    {
      figure: `renderer heap growth over ${hours} plant h at 60x`,
      value: finite(growthPct),
      unit: '%',
      target: { op: '<=', value: TARGETS.heapGrowthPct },
      baseline: null,
      ratio: null,
      note: 'page heap after a forced GC (CDP), before vs after',
    },
  ];
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function report(output: BenchOutput, figures: UiFigures): void {
  const ms = (values: readonly number[]) => values.map((value) => value.toFixed(0)).join(', ');
  const { history } = figures;
  output.out(
    `bench ui: the built interface in Chromium against the core as serve --demo wires it; ` +
      `${CHART_NODE} given ${figures.options.historyDays} days of synthetic history ` +
      `(${history.series} series, ${history.rollupChunks} rollup chunks, ${history.rawTicks} raw ` +
      `ticks, ${(history.fillMs / 1000).toFixed(1)} s); the archive answers ` +
      `${figures.archivedSeries} container-memory series over ` +
      `${figures.archivedDays.toFixed(1)} days`,
  );
  output.out(`first meaningful paint per load (ms): ${ms(figures.meaningfulPaintMs)}`);
  output.out(`first contentful paint per load (ms): ${ms(figures.firstContentfulPaintMs)}`);
  const charts = (timings: readonly ChartTiming[]) =>
    timings.map(
      (timing) => `${timing.requestToAnswerMs.toFixed(0)}/${timing.requestToPaintMs.toFixed(0)}`,
    );
  output.out(
    `the same 30-day query answered by the core in-process (no browser), ms: ` +
      ms(figures.coreAnswerMs),
  );
  output.out(
    formatTable(
      ['chart', 'series', 'answered/painted after request, ms, per run'],
      [
        [
          '30 days',
          String(figures.chart30Days[0]?.series ?? 0),
          charts(figures.chart30Days).join(', '),
        ],
        [
          '1 hour',
          String(figures.chart1Hour[0]?.series ?? 0),
          charts(figures.chart1Hour).join(', '),
        ],
      ],
    ),
  );
  const mb = (bytes: number) => (bytes / MB).toFixed(2);
  output.out(
    `page heap after GC: ${mb(figures.heapAtLoadBytes)} MB at load, ` +
      `${mb(figures.heapBeforeBytes)} MB after ${figures.options.warmupHours} plant h, ` +
      `${mb(figures.heapAfterBytes)} MB after ` +
      `${figures.options.heapHours} more (an hour of serve --demo at 60x, ticks back to back)`,
  );
}

export async function benchUi(output: BenchOutput): Promise<SummaryRow[]> {
  const figures = await measureUi(FULL_RUN);
  report(output, figures);
  const rows = uiRows(figures);
  output.out(formatSummary(rows));
  return rows;
}

export const uiBenchmark = {
  summary: 'the interface in Chromium: overview paint, 30-day memory chart, heap over 1 h at 60x',
  run: benchUi,
};
