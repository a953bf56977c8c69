// An archive with something of everything a bundle carries: demo snapshots (samples and
// documents that change, a container that goes away), rollups at both tiers reaching back days,
// doubles JSON cannot spell (NaN, -0, infinities), null samples with reasons, events, findings
// and audit rows. Shared by the bundle tests.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Aggregate, Archive } from '../../electron/archive';
import { Archive as ArchiveClass, ARCHIVE_FILE, exportBundle } from '../../electron/archive';
import { temporaryDirectory } from '../helpers/temporary';
import { demoFleetSnapshot, HOUR_MS, MINUTE_MS, retimed } from './helpers';

export const TICK_MS = 5_000;
/** Demo snapshots every 5 s for this long, from `startMs`. */
export const RECORDED_MS = 2 * HOUR_MS + 10 * MINUTE_MS;

export interface Fixture {
  archive: Archive;
  startMs: number;
  endMs: number;
}

/** The caller closes it (the helpers' archives close after each test; this one is shared). */
export async function richArchive(): Promise<Fixture> {
  const archive = ArchiveClass.open({ directory: temporaryDirectory('rich') });
  const snapshot = await demoFleetSnapshot();
  const startMs = Math.floor(Date.parse(snapshot.takenAt) / HOUR_MS) * HOUR_MS;
  archive.recordRollups(olderRollups(startMs), startMs);
  for (let atMs = startMs; atMs < startMs + RECORDED_MS; atMs += TICK_MS) {
    const tick = retimed(snapshot, atMs);
    changeOverTime(tick, atMs - startMs);
    archive.recordSnapshot(tick);
    archive.recordSamples(atMs, { lab: oddSamples(atMs - startMs) });
  }
  while (!archive.maintain({ budgetMs: 1_000 }).idle);
  archive.recordEvent({ atMs: startMs + MINUTE_MS, node: 'vk01', kind: 'note', body: eventBody });
  archive.recordEvent({ atMs: startMs + HOUR_MS, kind: 'verdict', body: { verdict: 'ok' } });
  addFindingsAndAudit(archive, startMs);
  return { archive, startMs, endMs: startMs + RECORDED_MS };
}

const eventBody = { text: 'ação — 03002 ✓', nested: [1, 2.5, null, { deep: true }] };

/** A container whose image changes after 40 minutes and that goes away after 80. */
function changeOverTime(tick: ReturnType<typeof retimed>, elapsedMs: number): void {
  const node = tick.nodes.vk01!;
  const containers = node.containers ?? [];
  if (elapsedMs >= 40 * MINUTE_MS && containers[0]) containers[0].tag = 'v2.0.1-bundle';
  if (elapsedMs >= 80 * MINUTE_MS) node.containers = containers.slice(1);
}

function oddSamples(elapsedMs: number) {
  const step = elapsedMs / TICK_MS;
  const specials = [Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  return [
    { subject: 'host', metric: 'testDouble', value: 0.1 + 0.2 + step, nullKind: null },
    { subject: 'host', metric: 'testSpecial', value: specials[step % 4]!, nullKind: null },
    {
      subject: 'host',
      metric: 'testGap',
      value: step % 7 === 0 ? null : step,
      nullKind: step % 7 === 0 ? ('channel-down' as const) : null,
    },
  ];
}

/** Three days of 15-minute chunks and a day of 1-minute chunks before the snapshots. */
function* olderRollups(startMs: number) {
  const series = ['testDouble', 'testGap'];
  for (let chunkMs = startMs - 3 * 24 * HOUR_MS; chunkMs < startMs; chunkMs += 6 * HOUR_MS) {
    for (const metric of series) {
      yield {
        tier: '15m' as const,
        node: 'lab',
        subject: 'host',
        metric,
        startMs: chunkMs,
        buckets: buckets(24, chunkMs),
      };
    }
  }
  for (let chunkMs = startMs - 24 * HOUR_MS; chunkMs < startMs; chunkMs += HOUR_MS) {
    for (const metric of series) {
      yield {
        tier: '1m' as const,
        node: 'lab',
        subject: 'host',
        metric,
        startMs: chunkMs,
        buckets: buckets(60, chunkMs),
      };
    }
  }
}

function buckets(slots: number, seed: number): (Aggregate | undefined)[] {
  return Array.from({ length: slots }, (_, slot) => {
    if (slot % 11 === 5) return undefined;
    if (slot % 13 === 3) {
      return {
        count: 0,
        nulls: 12,
        nullKind: 'unavailable' as const,
        min: null,
        max: null,
        sum: null,
      };
    }
    const base = (seed / HOUR_MS + slot) / 3;
    return {
      count: 12,
      nulls: slot % 5 === 0 ? 1 : 0,
      nullKind: slot % 5 === 0 ? ('error' as const) : null,
      min: base,
      max: base * 2,
      sum: base * 18.1,
    };
  });
}

/** Findings and audit rows: no writer exists yet (issues #6, #7), so straight into the tables. */
function addFindingsAndAudit(archive: Archive, startMs: number): void {
  const db = new Database(archive.file);
  try {
    const nodeId = db.prepare("SELECT id FROM node WHERE name = 'vk01'").pluck().get();
    const finding = db.prepare(
      'INSERT INTO finding (rule, node_id, subject, opened_ms, closed_ms, body) ' +
        'VALUES (?, ?, ?, ?, ?, ?)',
    );
    finding.run(
      'memory-growth',
      nodeId,
      'container:keydb',
      startMs - HOUR_MS,
      null,
      '{"growthBytes":123}',
    );
    finding.run(
      'disk-full',
      null,
      null,
      startMs + 10 * MINUTE_MS,
      startMs + 30 * MINUTE_MS,
      '{"pct":97.5}',
    );
    finding.run('old', nodeId, null, startMs - 10 * HOUR_MS, startMs - 9 * HOUR_MS, '{}');
    const audit = db.prepare(
      'INSERT INTO audit (at_ms, actor, action, node_id, body) VALUES (?, ?, ?, ?, ?)',
    );
    audit.run(startMs + 20 * MINUTE_MS, 'operator', 'container.restart', nodeId, '{"ok":true}');
    audit.run(startMs + 90 * MINUTE_MS, 'operator', 'node.openPgadmin', null, '{"why":"ação"}');
  } finally {
    db.close();
  }
}

/** Exports a range of the fixture to a fresh file; returns its path. */
export async function bundleOf(archive: Archive, fromMs: number, toMs: number): Promise<string> {
  const outFile = join(temporaryDirectory('bundle'), 'range.vkbundle');
  await exportBundle(archive, { fromMs, toMs, outFile });
  return outFile;
}

/** Every row of the tables a bundle carries, ids of content-addressed rows left out. */
export function tableRows(directory: string): Record<string, unknown[]> {
  const db = new Database(join(directory, ARCHIVE_FILE), { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      meta: all('SELECT * FROM meta ORDER BY key'),
      node: all('SELECT * FROM node ORDER BY id'),
      series: all('SELECT * FROM series ORDER BY id'),
      layout: all('SELECT * FROM layout ORDER BY id'),
      raw: all('SELECT node_id, at_ms, layout_id, samples FROM raw_tick ORDER BY node_id, at_ms'),
      rollup1m: all(
        'SELECT series_id, start_ms, buckets FROM rollup_1m ORDER BY series_id, start_ms',
      ),
      rollup15m: all(
        'SELECT series_id, start_ms, buckets FROM rollup_15m ORDER BY series_id, start_ms',
      ),
      progress: all('SELECT * FROM rollup_progress ORDER BY tier, node_id'),
      document: all('SELECT hash, body FROM document ORDER BY hash'),
      version: all(
        'SELECT v.node_id, v.kind, v.at_ms, d.hash FROM document_version v ' +
          'LEFT JOIN document d ON d.id = v.document_id ORDER BY v.node_id, v.kind, v.at_ms',
      ),
      event: all('SELECT * FROM event ORDER BY id'),
      finding: all('SELECT * FROM finding ORDER BY id'),
      audit: all('SELECT * FROM audit ORDER BY id'),
    };
  } finally {
    db.close();
  }
}

export function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
