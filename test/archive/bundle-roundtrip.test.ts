// Export -> import is lossless: every table row, and everything the archive answers (series,
// range, trends at each stored resolution, documents as of several moments, document versions,
// events), is the same in the imported archive as in the original.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportBundle,
  importBundle,
  openBundleForReview,
  type Archive,
  type BundleProgress,
  type Resolution,
} from '../../electron/archive';
import { temporaryDirectory } from '../helpers/temporary';
import { bundleOf, richArchive, tableRows, type Fixture } from './bundle-fixture';
import {
  demoFleetSnapshot,
  HOUR_MS,
  MINUTE_MS,
  reopen,
  retimed,
  temporaryArchive,
} from './helpers';

let fixture: Fixture;

beforeAll(async () => {
  fixture = await richArchive();
}, 120_000);

afterAll(() => fixture?.archive.close());

/** Trend windows that make the archive answer from each stored resolution. */
function windows(
  startMs: number,
): { resolution: Resolution; from: number; to: number; points: number }[] {
  return [
    {
      resolution: 'raw',
      from: startMs + 10 * MINUTE_MS,
      to: startMs + 70 * MINUTE_MS,
      points: 600,
    },
    { resolution: '1m', from: startMs - 20 * HOUR_MS, to: startMs + 2 * HOUR_MS, points: 600 },
    { resolution: '15m', from: startMs - 72 * HOUR_MS, to: startMs + 2 * HOUR_MS, points: 100 },
  ];
}

function answers(archive: Archive, startMs: number, endMs: number) {
  const series = archive.listSeries();
  const trends = windows(startMs).map((window) =>
    archive.trends({ ...window, series: series.map((info) => info.key) }),
  );
  const moments = [
    startMs - HOUR_MS,
    startMs,
    startMs + 41 * MINUTE_MS,
    startMs + 85 * MINUTE_MS,
    endMs,
  ];
  const documents = moments.map((at) => archive.documentsAt(at));
  const kinds = Object.keys(archive.documentsAt(startMs).vk01 ?? {});
  const versions = kinds.map((kind) =>
    archive.documentVersions({ node: 'vk01', kind, from: startMs - HOUR_MS, to: endMs }),
  );
  const events = archive.events({ from: startMs - 100 * HOUR_MS, to: endMs + HOUR_MS });
  const findings = archive.findings({ from: startMs - 100 * HOUR_MS, to: endMs });
  const range = archive.range();
  return { series, range, trends, documents, versions, events, findings };
}

describe('bundle round trip', () => {
  it('imports a whole-archive bundle equal in every row and every answer', async () => {
    const { archive, startMs, endMs } = fixture;
    const file = await bundleOf(archive, startMs - 100 * HOUR_MS, endMs + HOUR_MS);
    const progress: BundleProgress[] = [];
    const directory = join(temporaryDirectory('imported'), 'archive');
    const imported = await importBundle(file, directory, (step) => progress.push(step));

    const rows = tableRows(directory);
    const originalRows = tableRows(archive.directory);
    for (const [table, tableRowsOfCopy] of Object.entries(rows)) {
      expect(tableRowsOfCopy, table).toEqual(originalRows[table]);
    }
    const copy = reopen(directory, { readOnly: true });
    const original = answers(archive, startMs, endMs);
    expect(answers(copy, startMs, endMs)).toEqual(original);
    // The comparison is only as good as what it compared.
    expect(original.trends.map((trends) => trends[0]!.resolution)).toEqual(['raw', '1m', '15m']);
    expect(original.series.length).toBeGreaterThan(100);
    expect(original.events.length).toBe(2);
    expect(original.findings.length).toBe(3);
    expect(original.versions.some((versions) => versions.length > 1)).toBe(true);
    expect(imported.counts.finding).toBe(3);
    expect(imported.counts.audit).toBe(2);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: imported.records });
    expect(new Set(progress.map((step) => step.phase))).toContain('raw');
  });

  it('keeps NaN, -0 and the infinities bit for bit', async () => {
    const { archive, startMs, endMs } = fixture;
    const review = await openBundleForReview(await bundleOf(archive, startMs, endMs));
    try {
      const trend = (source: Archive) =>
        source.trend({ series: 'lab|host|testSpecial', from: startMs, to: startMs + MINUTE_MS });
      const values = trend(review.archive)
        .buckets.slice(0, 4)
        .map((bucket) => bucket.min);
      expect(values).toEqual([Number.NaN, -0, Infinity, -Infinity]);
      expect(Object.is(values[1], -0)).toBe(true);
      expect(trend(review.archive)).toEqual(trend(archive));
    } finally {
      review.close();
    }
  });

  it('is one moment of an archive that keeps being written during the export', async () => {
    const live = temporaryArchive();
    const snapshot = await demoFleetSnapshot();
    const atMs = Date.parse(snapshot.takenAt);
    for (let tick = 0; tick < 20; tick++)
      live.recordSnapshot(retimed(snapshot, atMs + tick * 5_000));
    let written = 0;
    const outFile = join(temporaryDirectory('live-bundle'), 'live.vkbundle');
    const range = { fromMs: atMs, toMs: atMs + HOUR_MS, outFile };
    const summary = await exportBundle(live, range, () => {
      // A tick recorded while the bundle is being written (each progress step is another turn).
      const result = live.recordSnapshot(retimed(snapshot, atMs + (20 + written) * 5_000));
      if (result.ok) written++;
    });
    expect(written).toBeGreaterThan(2);
    expect(summary.counts.raw).toBe(20 * 3);
    const directory = join(temporaryDirectory('live-import'), 'archive');
    expect((await importBundle(outFile, directory)).counts.raw).toBe(20 * 3);
  });

  it('a sub-range bundle answers inside its range as the archive does', async () => {
    const { archive, startMs } = fixture;
    const fromMs = startMs + 30 * MINUTE_MS;
    const toMs = startMs + 60 * MINUTE_MS;
    const review = await openBundleForReview(await bundleOf(archive, fromMs, toMs));
    try {
      const copy = review.archive;
      expect(copy.readOnly).toBe(true);
      for (const at of [fromMs, fromMs + 10 * MINUTE_MS + 2_500, toMs - 1]) {
        expect(copy.documentsAt(at)).toEqual(archive.documentsAt(at));
      }
      const series = archive.listSeries({ node: 'vk01' }).map((info) => info.key);
      const window = { series, from: fromMs, to: toMs - 1, points: 600 };
      expect(copy.trends(window)).toEqual(archive.trends(window));
      // A bundle's range ends before `toMs`; `events` includes its end.
      expect(copy.events({ from: fromMs, to: toMs - 1 })).toEqual(
        archive.events({ from: fromMs, to: toMs - 1 }),
      );
      expect(copy.range()?.firstMs).toBeGreaterThanOrEqual(fromMs - 6 * HOUR_MS);
      expect(() => copy.recordEvent({ atMs: fromMs, kind: 'x', body: null })).toThrow(/read-only/);
    } finally {
      review.close();
    }
  });
});
