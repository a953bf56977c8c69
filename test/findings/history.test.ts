import { describe, expect, it } from 'vitest';
import { RollingHistory } from '../../electron/findings/history';
import { nodeDarkRule } from '../../electron/findings/rules/node-dark';
import {
  container,
  demoHistory,
  historyFrom,
  HOUR_MS,
  MINUTE_MS,
  nodeSnapshot,
  plantTime,
  snapshotsEvery,
} from './history-helpers';

const visualizer = (memoryBytes: number | null) => ({ ...container('visualizer'), memoryBytes });

describe('RollingHistory', () => {
  it('keeps series under the archive keys, oldest first, with null reasons', () => {
    const snapshots = snapshotsEvery('2026-02-18T21:30:00-03:00', MINUTE_MS, 3, (index) => ({
      vk02: nodeSnapshot({ containers: [visualizer(300e6 + index * 1e6)] }),
    }));
    const history = historyFrom(snapshots);
    const samples = history.series('vk02|container:visualizer|memoryBytes', 0);
    expect(samples.map((sample) => sample.value)).toEqual([300e6, 301e6, 302e6]);
    const cpu = history.series('vk02|container:visualizer|cpuPct', 0);
    expect(cpu[0]).toMatchObject({ value: null, nullKind: 'unavailable' });
    expect(history.seriesKeys({ node: 'vk02', subjectPrefix: 'container:' })).toContain(
      'vk02|container:visualizer|memoryBytes',
    );
    expect(history.nowMs).toBe(Date.parse(snapshots[2]!.takenAt));
    expect(history.latest).toStrictEqual(snapshots[2]);
  });

  it('drops samples older than the series window and snapshots past the cap', () => {
    const history = new RollingHistory({ seriesWindowMs: 2 * HOUR_MS, maxSnapshots: 5 });
    const snapshots = snapshotsEvery('2026-02-18T00:00:00Z', 30 * MINUTE_MS, 10, () => ({
      vk01: nodeSnapshot(),
    }));
    for (const item of snapshots) history.push(item);
    const load = history.series('vk01|host|load1', 0);
    expect(load).toHaveLength(5); // 2 h back from the newest, inclusive, at 30 min steps
    expect(history.snapshots(0)).toHaveLength(5);
    expect(history.series('vk01|host|load1', history.nowMs - HOUR_MS)).toHaveLength(3);
  });

  it('refuses a snapshot that is not newer than the newest', () => {
    const [first, second] = snapshotsEvery('2026-02-18T00:00:00Z', MINUTE_MS, 2, () => ({
      vk01: nodeSnapshot(),
    }));
    const history = new RollingHistory();
    expect(history.push(second!)).toBe(true);
    expect(history.push(first!)).toBe(false);
    expect(history.series('vk01|host|load1', 0)).toHaveLength(1);
  });

  it('caps a series at maxSamplesPerSeries, keeping the newest', () => {
    const history = new RollingHistory({ maxSamplesPerSeries: 100 });
    const snapshots = snapshotsEvery('2026-02-18T00:00:00Z', 1_000, 250, (index) => ({
      vk01: nodeSnapshot({ containers: [visualizer(index)] }),
    }));
    for (const item of snapshots) history.push(item);
    const samples = history.series('vk01|container:visualizer|memoryBytes', 0);
    expect(samples).toHaveLength(100);
    expect(samples[0]!.value).toBe(150);
    expect(samples[99]!.value).toBe(249);
  });
});

describe('seriesByMinute', () => {
  it('averages each minute, keeps null minutes with their reason, trims with the window', () => {
    const history = new RollingHistory({ seriesWindowMs: 10 * MINUTE_MS });
    // 5 s ticks for 15 minutes: memory = minute index * 1e6 + tick-in-minute; minute 3 null.
    const snapshots = snapshotsEvery('2026-02-18T00:00:00Z', 5_000, 180, (index) => {
      const minute = Math.floor(index / 12);
      const item = visualizer(minute * 1e6 + (index % 12));
      if (minute === 3) {
        item.memoryBytes = null;
        item.missing = { ...item.missing, memoryBytes: { kind: 'unavailable', detail: 'gap' } };
      }
      return { vk02: nodeSnapshot({ containers: [item] }) };
    });
    for (const item of snapshots) history.push(item);
    const key = 'vk02|container:visualizer|memoryBytes';
    const minutes = history.seriesByMinute(key, 0);
    // 10 min window back from 00:14:55 keeps minutes 4..14 (minute 4 reaches past 00:04:55).
    expect(minutes.map((sample) => sample.atMs)).toEqual(
      Array.from(
        { length: 11 },
        (_, index) => Date.parse('2026-02-18T00:04:00Z') + index * MINUTE_MS,
      ),
    );
    expect(minutes[0]!.value).toBe(4e6 + 5.5);
    const all = new RollingHistory();
    for (const item of snapshots) all.push(item);
    const third = all.seriesByMinute(key, Date.parse('2026-02-18T00:03:30Z'))[0]!;
    expect(third).toEqual({
      atMs: Date.parse('2026-02-18T00:03:00Z'),
      value: null,
      nullKind: 'unavailable',
    });
    expect(all.seriesByMinute('vk02|nothing|here', 0)).toEqual([]);
  });
});

describe('example rule on the demo plant', () => {
  it('finds vk02 dark on 2026-02-22 and not on 2026-02-18', async () => {
    const dark = await demoHistory([plantTime('2026-02-22 20:16')]);
    const drafts = nodeDarkRule.evaluate(dark, {});
    expect(drafts.map((draft) => draft.subject)).toEqual(['vk02']);
    const healthy = await demoHistory([plantTime('2026-02-18 22:08')]);
    expect(nodeDarkRule.evaluate(healthy, {})).toEqual([]);
  }, 60_000);
});
