// A missing value stays missing, with its reason, at every step: raw samples, one-minute and
// fifteen-minute rollups, and trends at each resolution show a gap, never a 0.
import { describe, expect, it } from 'vitest';
import type { Archive, TrendBucket } from '../../electron/archive';
import type { Snapshot } from '../../shared/snapshot';
import { demoFleetSnapshot, HOUR_MS, retimed, temporaryArchive } from './helpers';

const START_MS = Date.parse('2026-03-02T00:00:00Z');
const SERIES = 'vk01|gpu:0|temperatureC';
// GPU telemetry lost from 02:00 to 03:00; a single null at 05:00:30.
const OUTAGE = { fromMs: START_MS + 2 * HOUR_MS, toMs: START_MS + 3 * HOUR_MS };
const LONE_NULL_MS = START_MS + 5 * HOUR_MS + 30_000;

function recordEightHours(archive: Archive): void {
  for (let atMs = START_MS; atMs < START_MS + 8 * HOUR_MS; atMs += 5_000) {
    const lost = (atMs >= OUTAGE.fromMs && atMs < OUTAGE.toMs) || atMs === LONE_NULL_MS;
    const value = lost ? null : 40 + ((atMs / 5_000) % 7);
    const nullKind = lost ? 'unavailable' : null;
    archive.recordSamples(atMs, {
      vk01: [{ subject: 'gpu:0', metric: 'temperatureC', value, nullKind }],
    });
  }
  while (!archive.maintain({ budgetMs: 1_000 }).idle);
}

function inOutage(bucket: TrendBucket): boolean {
  return bucket.startMs >= OUTAGE.fromMs && bucket.endMs <= OUTAGE.toMs;
}

function expectGap(bucket: TrendBucket): void {
  expect(bucket).toMatchObject({ min: null, mean: null, max: null, count: 0 });
  expect(bucket.nulls).toBeGreaterThan(0);
  expect(bucket.nullKind).toBe('unavailable');
}

describe('null samples', () => {
  it.each([
    ['raw', OUTAGE.fromMs - HOUR_MS / 2, OUTAGE.toMs + HOUR_MS / 2, 600],
    ['1m', START_MS, START_MS + 8 * HOUR_MS, 400],
    ['15m', START_MS, START_MS + 8 * HOUR_MS, 20],
  ])('are gaps with their reason in %s trends', (resolution, fromMs, toMs, points) => {
    const archive = temporaryArchive();
    recordEightHours(archive);
    const trend = archive.trend({ series: SERIES, from: fromMs, to: toMs, points });
    expect(trend.resolution).toBe(resolution);
    const outage = trend.buckets.filter(inOutage);
    expect(outage.length).toBeGreaterThan(0);
    outage.forEach(expectGap);
    for (const bucket of trend.buckets.filter((each) => !inOutage(each) && each.count > 0)) {
      expect(bucket.min).toBeGreaterThanOrEqual(40);
    }
  });

  it('count in a bucket that also has numbers, without pulling its mean towards 0', () => {
    const archive = temporaryArchive();
    recordEightHours(archive);
    const minute = LONE_NULL_MS - 30_000;
    const [bucket] = archive.trend({
      series: SERIES,
      from: minute,
      to: minute + 59_999,
      points: 1,
    }).buckets;
    expect(bucket).toMatchObject({ count: 11, nulls: 1, nullKind: 'unavailable' });
    expect(bucket!.mean).toBeGreaterThanOrEqual(40);
  });

  it('are written for every series of a section the collector could not read', async () => {
    const archive = temporaryArchive();
    const snapshot = await demoFleetSnapshot();
    const atMs = Date.parse(snapshot.takenAt);
    archive.recordSnapshot(snapshot);
    archive.recordSnapshot(sshDown(retimed(snapshot, atMs + 5_000), 'vk02'));
    const memory = archive.listSeries({ node: 'vk02', kind: 'container', metric: 'memoryBytes' });
    expect(memory.length).toBeGreaterThan(5);
    for (const trend of archive.trends({
      series: memory.map((info) => info.key),
      from: atMs + 5_000,
      to: atMs + 5_000,
    })) {
      expect(trend.buckets[0]).toMatchObject({ count: 0, nulls: 1, nullKind: 'channel-down' });
    }
  });
});

/** The node as the collector reports it when SSH stops answering and Portainer is not used. */
function sshDown(snapshot: Snapshot, nodeId: string): Snapshot {
  const node = snapshot.nodes[nodeId]!;
  const reason = { kind: 'channel-down' as const, detail: 'ssh: timed out' };
  node.containers = null;
  node.host = null;
  node.logs = null;
  node.missing = { ...node.missing, containers: reason, host: reason, logs: reason };
  return snapshot;
}
