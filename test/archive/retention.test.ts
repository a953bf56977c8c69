// Retention removes exactly what is older than each window, measured from the newest sample,
// and never anything not yet rolled up into the next resolution.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Archive, Retention } from '../../electron/archive';
import { demoFleetSnapshot, HOUR_MS, retimed, temporaryArchive } from './helpers';

const START_MS = Date.parse('2026-03-01T00:00:00Z');
const DAY_MS = 24 * HOUR_MS;
const retention: Retention = {
  rawMs: 3 * HOUR_MS,
  minuteMs: 12 * HOUR_MS,
  quarterHourMs: 2 * DAY_MS,
  historyMs: DAY_MS,
};
const TICK_MS = 60_000;
const END_MS = START_MS + 3.5 * DAY_MS;

function fill(archive: Archive): void {
  for (let atMs = START_MS; atMs <= END_MS; atMs += TICK_MS) {
    const value = (atMs - START_MS) / TICK_MS;
    archive.recordSamples(atMs, {
      vk01: [{ subject: 'host', metric: 'load1', value, nullKind: null }],
      vk02: [{ subject: 'host', metric: 'load1', value: null, nullKind: 'channel-down' }],
    });
    if ((atMs - START_MS) % HOUR_MS === 0)
      archive.recordEvent({ atMs, kind: 'marker', body: atMs });
  }
  while (!archive.maintain({ budgetMs: 1_000 }).idle);
}

function rows<Row>(archive: Archive, sql: string): Row[] {
  const db = new Database(archive.file, { readonly: true });
  try {
    return db.prepare(sql).all() as Row[];
  } finally {
    db.close();
  }
}

describe('retention', () => {
  it('keeps raw samples of exactly the last window', () => {
    const archive = temporaryArchive({ retention });
    fill(archive);
    const kept = rows<{ at_ms: number }>(archive, 'SELECT DISTINCT at_ms FROM raw_tick ORDER BY 1');
    const expected: number[] = [];
    for (let atMs = START_MS; atMs <= END_MS; atMs += TICK_MS) {
      if (atMs >= END_MS - retention.rawMs) expected.push(atMs);
    }
    expect(kept.map((row) => row.at_ms)).toEqual(expected);
  });

  it.each([
    ['rollup_1m', 12 * HOUR_MS, HOUR_MS],
    ['rollup_15m', 2 * DAY_MS, 6 * HOUR_MS],
  ])('keeps the %s chunks reaching into their window and no others', (table, windowMs, chunkMs) => {
    const archive = temporaryArchive({ retention });
    fill(archive);
    const starts = rows<{ start_ms: number }>(archive, `SELECT DISTINCT start_ms FROM ${table}`)
      .map((row) => row.start_ms)
      .sort((left, right) => left - right);
    const cutoffMs = END_MS - windowMs;
    // A chunk goes when its last bucket is past the window; whole chunks up to the newest
    // complete one are stored.
    const expected: number[] = [];
    for (let startMs = START_MS; startMs + chunkMs <= END_MS; startMs += chunkMs) {
      if (startMs + chunkMs > cutoffMs) expected.push(startMs);
    }
    expect(starts).toEqual(expected);
  });

  it('still answers for the whole year window from the coarsest resolution', () => {
    const archive = temporaryArchive({ retention });
    fill(archive);
    const trend = archive.trend({ series: 'vk01|host|load1', from: START_MS, to: END_MS });
    expect(trend.resolution).toBe('15m');
    const withNumbers = trend.buckets.filter((bucket) => bucket.count > 0);
    expect(withNumbers[0]!.startMs).toBeGreaterThanOrEqual(
      END_MS - retention.quarterHourMs - 6 * HOUR_MS,
    );
    expect(withNumbers.at(-1)!.max).toBe((END_MS - START_MS) / TICK_MS);
    const nulls = archive.trend({ series: 'vk02|host|load1', from: START_MS, to: END_MS });
    expect(nulls.buckets.every((bucket) => bucket.count === 0 && bucket.mean === null)).toBe(true);
  });

  it('drops events and superseded documents older than the history window', async () => {
    const archive = temporaryArchive({ retention });
    const snapshot = await demoFleetSnapshot();
    const changed = structuredClone(snapshot);
    changed.nodes.vk01!.containers![0]!.state = 'exited';
    archive.recordSnapshot(retimed(snapshot, START_MS));
    archive.recordSnapshot(retimed(changed, START_MS + DAY_MS));
    archive.recordSnapshot(retimed(snapshot, START_MS + 3 * DAY_MS));
    for (let atMs = START_MS; atMs <= END_MS; atMs += HOUR_MS) {
      archive.recordEvent({ atMs, kind: 'marker', body: atMs });
    }
    archive.recordSamples(END_MS, {
      vk01: [{ subject: 'host', metric: 'load1', value: 1, nullKind: null }],
    });
    while (!archive.maintain({ budgetMs: 1_000 }).idle);
    const name = snapshot.nodes.vk01!.containers![0]!.name;
    const versions = archive.documentVersions({
      node: 'vk01',
      kind: `container:${name}`,
      from: 0,
      to: END_MS,
    });
    // The version in effect at the cutoff (END - 1 day) is kept; the one it replaced is not.
    expect(versions.map((version) => version.atMs)).toEqual([
      START_MS + DAY_MS,
      START_MS + 3 * DAY_MS,
    ]);
    expect(archive.documentsAt(START_MS + DAY_MS).vk02).toBeDefined();
    const events = archive.events({ from: 0, to: END_MS, kind: 'marker' });
    expect(events[0]!.atMs).toBe(END_MS - DAY_MS);
  });
});
