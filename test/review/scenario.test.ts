// The whole demo story, one tick an hour from 2026-02-18 21:30 to 2026-02-22 20:30 (reboots,
// outages, OOM kills, the GPU blackout, production, vk02 going dark): every recorded moment is
// rebuilt exactly by a review and every view fits the contract.
import { describe, expect, it } from 'vitest';
import { EVENT_LOG_LINES, trimLogLines } from '../../electron/core/core';
import { openReview, wireView } from '../../electron/review';
import { reviewViewSchema } from '../../shared/api/requests-review';
import { fillFromDemo, HOUR_MS } from './helpers';

describe('a review of the whole demo story', () => {
  it('rebuilds every hourly tick exactly, within the contract', async () => {
    const demo = await fillFromDemo({
      from: '2026-02-18T21:30:00-03:00',
      to: '2026-02-22T20:30:00-03:00',
      stepMs: HOUR_MS,
    });
    const session = await openReview(demo.directory);
    try {
      for (const [index, atMs] of demo.times.entries()) {
        const view = session.seek(new Date(atMs).toISOString());
        const parsed = reviewViewSchema.safeParse(wireView(view));
        expect(parsed.success, `${view.at}: ${parsed.error?.message.slice(0, 300)}`).toBe(true);
        expect(view.snapshot).toEqual(trimLogLines(demo.snapshots[index]!, EVENT_LOG_LINES));
      }
      const dark = demo.snapshots.at(-1)!.nodes.vk02!;
      expect(dark.containers).toEqual([]);
    } finally {
      await session.close();
    }
  }, 120_000);
});
