// Days of synthetic history for one node, written into the live archive of the served pipeline
// before its first tick, so the interface's 30-day charts have something to draw: the series
// set and values of a demo-plant snapshot carried back in time (electron/archive/synthetic.ts),
// the days before the raw window as rollup chunks and the raw window tick by tick, rolled up by
// the archive's own maintenance. The same recipe as `bench archive`, for one node.
import { rollupTiers, type Archive } from '../archive';
import {
  seriesModels,
  syntheticChunk,
  syntheticTick,
  type SeriesModel,
} from '../archive/synthetic';
import { createDemoPlant } from '../demo';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A real deployment's fast tick; the raw window is written at this spacing. */
const RAW_SPACING_MS = 5_000;
const CHUNK_GRID_MS = Math.max(...rollupTiers.map((tier) => tier.chunkMs));

function alignDown(timeMs: number, stepMs: number): number {
  return Math.floor(timeMs / stepMs) * stepMs;
}

export interface HistoryOptions {
  node: string;
  days: number;
  /** The newest part written as raw ticks (the archive keeps 48 h raw). */
  rawHours: number;
  /** The history ends here (plant time, ms); the pipeline's first tick comes after. */
  endMs: number;
}

export interface HistoryFigures {
  series: number;
  rollupChunks: number;
  rawTicks: number;
  fillMs: number;
}

/** The node's series as a demo-plant snapshot lists them. */
async function nodeModels(node: string): Promise<SeriesModel[]> {
  const plant = createDemoPlant({ speed: 0 });
  try {
    plant.clock.advance(RAW_SPACING_MS);
    await plant.collector.collectOnce();
    const models = seriesModels(plant.collector.snapshot()).filter((model) => model.node === node);
    if (models.length === 0) throw new Error(`the demo plant has no node '${node}'`);
    return models;
  } finally {
    await plant.collector.stop();
  }
}

export async function fillNodeHistory(
  archive: Archive,
  options: HistoryOptions,
): Promise<HistoryFigures> {
  const models = await nodeModels(options.node);
  const startedMs = performance.now();
  // On the coarsest chunk grid, so every tier's chunks end exactly where the raw window starts.
  const startMs = alignDown(options.endMs - options.days * DAY_MS, CHUNK_GRID_MS);
  const rawStartMs = alignDown(options.endMs - options.rawHours * HOUR_MS, CHUNK_GRID_MS);
  let rollupChunks = 0;
  for (const tier of [...rollupTiers].reverse()) {
    for (let chunkMs = startMs; chunkMs < rawStartMs; chunkMs += tier.chunkMs) {
      const chunks = models.map((model) => syntheticChunk(model, tier, chunkMs, startMs));
      rollupChunks += archive.recordRollups(chunks, chunkMs + tier.chunkMs);
    }
  }
  let rawTicks = 0;
  for (let atMs = rawStartMs; atMs <= options.endMs; atMs += RAW_SPACING_MS, rawTicks++) {
    archive.recordSamples(atMs, syntheticTick(models, atMs, startMs));
  }
  while (!archive.maintain({ budgetMs: 50 }).idle);
  return { series: models.length, rollupChunks, rawTicks, fillMs: performance.now() - startedMs };
}
