// Reviewing a bundle: a real bundle written from a demo archive, checked and imported into a
// temporary archive opened read-only, answering exactly as the archive it came from; broken
// files are refused with the bundle module's message and leave nothing behind.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../electron/archive';
import { exportBundle } from '../../electron/archive/bundle';
import { EVENT_LOG_LINES, trimLogLines } from '../../electron/core/core';
import { createDemoPlant } from '../../electron/demo';
import { openReview, ReviewError, type ReviewProgress } from '../../electron/review';
import { temporaryDirectory } from '../helpers/temporary';
import { fillFromDemo, type DemoArchive } from './helpers';

let demo: DemoArchive;
let bundleFile: string;

beforeAll(async () => {
  demo = await fillFromDemo({
    from: '2026-02-18T22:30:00-03:00',
    to: '2026-02-18T23:30:00-03:00',
  });
  bundleFile = join(temporaryDirectory('bundle'), 'shift.vkbundle');
  const archive = Archive.open({ directory: demo.directory, readOnly: true });
  const plant = createDemoPlant({ speed: 0 });
  try {
    await exportBundle(archive, {
      fromMs: demo.times[0]!,
      toMs: demo.times.at(-1)! + 1,
      outFile: bundleFile,
      fleet: { fleet: plant.fleet, source: 'demo' },
    });
  } finally {
    archive.close();
    await plant.collector.stop();
  }
});

describe('a review of a bundle', () => {
  it('answers as the archive it was written from, read-only, and cleans up on close', async () => {
    const progress: ReviewProgress[] = [];
    const session = await openReview(bundleFile, { onProgress: (step) => progress.push(step) });
    expect(session.kind).toBe('bundle');
    expect(session.archive.readOnly).toBe(true);
    expect(progress.at(-1)?.phase).toBe('done');
    expect(progress.every((step) => step.totalBytes === readFileSync(bundleFile).length)).toBe(
      true,
    );
    for (const index of [0, 6, 12]) {
      const view = session.seek(new Date(demo.times[index]!).toISOString());
      expect(view.snapshot).toEqual(trimLogLines(demo.snapshots[index]!, EVENT_LOG_LINES));
    }
    const diff = session.diff(demo.times[0]!, demo.times.at(-1)!);
    const vk01 = diff.nodes.find((node) => node.node === 'vk01')!;
    expect(vk01.containersRemoved.map((container) => container.name)).toEqual([
      'intel-gpu-exporter',
    ]);
    expect(session.fleet()).toEqual({
      deployment: '03002',
      nodes: [
        { id: 'vk01', role: 'processing', host: '10.244.70.50' },
        { id: 'vk02', role: 'processing', host: '10.244.70.26' },
        { id: 'vk03', role: 'dashboard', host: '10.244.70.20' },
      ],
    });
    const temporary = session.archive.file;
    expect(existsSync(temporary)).toBe(true);
    await session.close();
    expect(existsSync(temporary)).toBe(false);
  });

  it('refuses a truncated bundle and a foreign file with the reason', async () => {
    const folder = temporaryDirectory('bundle-broken');
    const bytes = readFileSync(bundleFile);
    const truncated = join(folder, 'truncated.vkbundle');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(openReview(truncated)).rejects.toThrow(ReviewError);
    const foreign = join(folder, 'notes.txt');
    writeFileSync(foreign, 'minutes of the shift meeting\n');
    await expect(openReview(foreign)).rejects.toThrow(/notes\.txt/);
  });
});
