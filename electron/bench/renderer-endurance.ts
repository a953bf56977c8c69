// The renderer half of `bench endurance`: the interface in Chromium (Playwright), in browser
// mode, connected to the core of the served pipeline while the demo plant runs days of plant
// time at high speed. The page's V8 heap is read over the DevTools protocol after a forced
// collection every simulated hour.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { summarizeFleet } from '../core/watched';
import { createDemoPlant } from '../demo';
import { startBrowserServer } from '../server/server';
import { growthPerHour, type MemorySample } from './memory';
import { DEMO_SPEED, FAST_TICK_MS, startServedPipeline } from './pipeline';

const HOUR_MS = 3_600_000;
const rendererDirectory = fileURLToPath(new URL('../../out/renderer', import.meta.url));
/** Real time between ticks, so the page draws each snapshot as it would at 60x. */
const PAUSE_MS = 20;

interface CdpSession {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
}

interface PlaywrightModule {
  chromium: {
    launch(options: { executablePath: string; headless: boolean }): Promise<{
      newPage(): Promise<{
        goto(url: string): Promise<unknown>;
        context(): { newCDPSession(page: unknown): Promise<CdpSession> };
        waitForTimeout(ms: number): Promise<void>;
      }>;
      close(): Promise<void>;
    }>;
  };
}

export interface RendererFigures {
  simulatedHours: number;
  samples: MemorySample[];
  heapGrowthPerHour: number | null;
}

export async function measureRendererEndurance(options: {
  simulatedHours: number;
  warmupHours: number;
}): Promise<RendererFigures> {
  const { chromium } = (await import('playwright-core')) as unknown as PlaywrightModule;
  const directory = mkdtempSync(join(tmpdir(), 'control-room-renderer-endurance-'));
  const plant = createDemoPlant({ speed: 0 });
  const pipeline = startServedPipeline({
    collector: plant.collector,
    clock: plant.clock,
    summary: summarizeFleet(plant.fleet, 'demo'),
    dataDirectory: directory,
  });
  const server = await startBrowserServer({
    router: pipeline.core.router,
    staticDir: rendererDirectory,
    host: '127.0.0.1',
    port: 0,
  });
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const cdp = await page.context().newCDPSession(page);
    const ticksPerHour = HOUR_MS / (FAST_TICK_MS * DEMO_SPEED);
    const totalTicks = Math.ceil(options.simulatedHours * ticksPerHour);
    const samples: MemorySample[] = [await pageHeap(cdp, 0)];
    for (let tick = 1; tick <= totalTicks; tick++) {
      await pipeline.tick();
      await sleep(PAUSE_MS);
      if (tick % ticksPerHour === 0) samples.push(await pageHeap(cdp, tick / ticksPerHour));
    }
    const warm = samples.filter((sample) => sample.atHours >= options.warmupHours);
    return {
      simulatedHours: totalTicks / ticksPerHour,
      samples,
      heapGrowthPerHour: growthPerHour(warm, (sample) => sample.heapUsedBytes),
    };
  } finally {
    await browser.close();
    await server.close();
    await pipeline.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The page's heap after a full collection; the renderer has no RSS of its own to read here. */
async function pageHeap(cdp: CdpSession, atHours: number): Promise<MemorySample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return { atHours, rssBytes: 0, heapUsedBytes: usage.usedSize, externalBytes: 0 };
}
