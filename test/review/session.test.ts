// Review sessions over a real archive filled from the demo plant: read-only to the core, and
// every answer as of the cursor (the snapshot, health, findings and trends of that moment only).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Archive, ARCHIVE_FILE } from '../../electron/archive';
import { EVENT_LOG_LINES, trimLogLines } from '../../electron/core/core';
import { openReview, ReviewError, wireView, type ReviewSession } from '../../electron/review';
import { reviewViewSchema } from '../../shared/api/requests-review';
import type { Snapshot } from '../../shared/snapshot';
import { temporaryDirectory } from '../helpers/temporary';
import {
  containerOf,
  fillFromDemo,
  HOUR_MS,
  insertFindings,
  MINUTE_MS,
  type DemoArchive,
} from './helpers';

const sidecar = (snapshot: Snapshot, index: number): Snapshot => {
  // From the 13th tick (22:30) on, vk03 runs one more container.
  if (index < 12) return snapshot;
  const copy = structuredClone(snapshot);
  const model = copy.nodes.vk03!.containers![0]!;
  copy.nodes.vk03!.containers!.push({
    ...model,
    name: 'hotfix-sidecar',
    image: 'hotfix:1',
    tag: '1',
  });
  return copy;
};

let demo: DemoArchive;
const sessions: ReviewSession[] = [];

beforeAll(async () => {
  // 21:30 to 23:30 of the scenario: the SSH outage (21:45-22:03), vk02's visualizer OOM kill
  // (22:52:13) and intel-gpu-exporter's removal from vk01 (23:00).
  demo = await fillFromDemo({
    from: '2026-02-18T21:30:00-03:00',
    to: '2026-02-18T23:30:00-03:00',
    edit: sidecar,
  });
});

afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});

async function review(directory = demo.directory): Promise<ReviewSession> {
  const session = await openReview(directory);
  sessions.push(session);
  return session;
}

function fileHash(directory: string): string {
  return createHash('sha256')
    .update(readFileSync(join(directory, ARCHIVE_FILE)))
    .digest('hex');
}

describe('a review session', () => {
  it('opens the archive read-only: every write refused, the file unchanged', async () => {
    const before = fileHash(demo.directory);
    const session = await review();
    const archive = session.archive as Archive;
    expect(archive.readOnly).toBe(true);
    expect((Reflect.get(archive, 'db') as { readonly: boolean }).readonly).toBe(true);
    const snapshot = demo.snapshots.at(-1)!;
    const later = { ...snapshot, takenAt: new Date(demo.times.at(-1)! + MINUTE_MS).toISOString() };
    expect(archive.recordSnapshot(later)).toMatchObject({ ok: false, reason: /read-only/ });
    expect(archive.recordSamples(later.takenAt, { vk01: [] })).toMatchObject({ ok: false });
    expect(() => archive.recordHealth({ nodes: {}, verdict: null })).toThrow(/read-only/);
    expect(() => archive.recordEvent({ atMs: 0, kind: 'x', body: {} })).toThrow(/read-only/);
    expect(() => archive.recordRollups([])).toThrow(/read-only/);
    expect(() => archive.maintain()).toThrow(/read-only/);
    session.seek(new Date(demo.times[5]!).toISOString());
    session.diff(demo.times[0]!, demo.times.at(-1)!);
    await session.close();
    expect(fileHash(demo.directory)).toBe(before);
  });

  it('has no way to act on a plant: no collector, no action runner, only reading', async () => {
    const session = await review();
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(session));
    expect(methods.filter((name) => /record|run|action|apply|collect|write/i.test(name))).toEqual(
      [],
    );
  });

  it('rebuilds each recorded snapshot exactly, log lines cut as in pushed snapshots', async () => {
    const session = await review();
    // 21:50 is inside the SSH outage: sections are null with their reasons.
    for (const index of [0, 4, 12, 24]) {
      const view = session.seek(new Date(demo.times[index]!).toISOString());
      expect(reviewViewSchema.safeParse(wireView(view)).success).toBe(true);
      expect(view.snapshot).toEqual(trimLogLines(demo.snapshots[index]!, EVENT_LOG_LINES));
    }
  });

  it('answers one node of a moment, from the moment last rebuilt when it is the same', async () => {
    const session = await review();
    const at = new Date(demo.times[12]!).toISOString();
    const view = session.seek(at);
    const part = session.nodePart(at, 'vk03');
    expect(part).toEqual({
      version: 1,
      deployment: '03002',
      takenAt: at,
      node: 'vk03',
      snapshot: trimLogLines(demo.snapshots[12]!, EVENT_LOG_LINES).nodes.vk03,
    });
    // The very object the seek rebuilt: asking each node does not rebuild the fleet again.
    expect(part.snapshot).toBe(view.snapshot!.nodes.vk03);
    // Another moment is rebuilt (and kept) without moving the cursor.
    const earlier = new Date(demo.times[4]!).toISOString();
    expect(session.nodePart(earlier, 'vk01').takenAt).toBe(earlier);
    expect(session.cursorMs).toBe(demo.times[12]);
    expect(() => session.nodePart(at, 'vk99')).toThrow(/no node 'vk99'/);
    expect(() => session.nodePart('2020-01-01T00:00:00Z', 'vk01')).toThrow(/outside the review/);
  });

  it('answers as of the cursor: a container that appears later is absent before', async () => {
    const session = await review();
    const appearedMs = demo.times[12]!;
    const before = session.seek(new Date(appearedMs - 1).toISOString());
    const names = (view: typeof before) =>
      view.snapshot?.nodes.vk03?.containers?.map((container) => container.name);
    expect(names(before)).not.toContain('hotfix-sidecar');
    // Between two ticks the view is the earlier tick.
    expect(before.values.vk03).toMatchObject({
      resolution: 'raw',
      toAt: new Date(demo.times[11]!).toISOString(),
    });
    expect(before.snapshot?.takenAt).toBe(new Date(demo.times[11]!).toISOString());
    expect(names(session.seek(new Date(appearedMs).toISOString()))).toContain('hotfix-sidecar');
    const gone = session.seek(new Date(demo.times[18]! + MINUTE_MS).toISOString());
    expect(containerOf(gone.snapshot!, 'vk01', 'intel-gpu-exporter')).toBeUndefined();
    const there = session.seek(new Date(demo.times[17]!).toISOString());
    expect(containerOf(there.snapshot!, 'vk01', 'intel-gpu-exporter')).toBeDefined();
  });

  it('tells health as of the cursor from the archived changes', async () => {
    const session = await review();
    const during = session.seek('2026-02-18T21:55:00-03:00');
    for (const node of ['vk01', 'vk02', 'vk03']) {
      expect(during.health.nodes[node]?.ssh).toMatchObject({
        state: 'down',
        lastError: { kind: 'timeout' },
      });
    }
    const after = session.seek('2026-02-18T22:30:00-03:00');
    expect(after.health.nodes.vk01?.ssh?.state).toBe('up');
    expect(Date.parse(after.health.nodes.vk01!.ssh!.since)).toBeGreaterThan(Date.parse(during.at));
  });

  it('lists the findings open at the cursor', async () => {
    const directory = temporaryDirectory('review-findings');
    for (const name of [ARCHIVE_FILE]) {
      writeFileSync(join(directory, name), readFileSync(join(demo.directory, name)));
    }
    const [t0, t6, t12] = [demo.times[0]!, demo.times[6]!, demo.times[12]!];
    insertFindings(directory, [
      { rule: 'channel-unreachable', node: 'vk01', subject: 'ssh', openedMs: t0, closedMs: t6 },
      {
        rule: 'memory-leak',
        node: 'vk02',
        subject: 'container:visionking-visualizer',
        openedMs: t6,
        closedMs: null,
      },
    ]);
    const session = await review(directory);
    const rules = (at: number) =>
      session.seek(new Date(at).toISOString()).findings.map((f) => f.rule);
    expect(rules(t0)).toEqual(['channel-unreachable']);
    expect(rules(t6)).toEqual(['memory-leak']);
    expect(rules(t12)).toEqual(['memory-leak']);
    expect(session.seek(new Date(t0).toISOString()).findings[0]).toMatchObject({
      node: 'vk01',
      openedAt: new Date(t0).toISOString(),
      closedAt: new Date(t6).toISOString(),
    });
  });

  it('clips trends to the cursor: nothing after it is counted', async () => {
    const session = await review();
    const series = 'vk02|container:visionking-visualizer|memoryBytes';
    const cursorMs = demo.times[10]!;
    session.seek(new Date(cursorMs).toISOString());
    const [trend] = session.trends({
      series: [series],
      from: demo.times[0]!,
      to: demo.times.at(-1)!,
    });
    // Buckets as wide as the archive's ticks (five minutes of plant time), not the default 5 s.
    expect(trend!.bucketMs).toBe(5 * MINUTE_MS);
    const counted = trend!.buckets.reduce((sum, bucket) => sum + bucket.count + bucket.nulls, 0);
    expect(counted).toBe(11);
    const last = trend!.buckets.filter((bucket) => bucket.count > 0).at(-1)!;
    expect(last.max).toBe(
      containerOf(demo.snapshots[10]!, 'vk02', 'visionking-visualizer')!.memoryBytes,
    );
    expect(session.rangeAsOfCursor()).toEqual({ firstMs: demo.times[0], lastMs: cursorMs });
    expect(() =>
      session.trends({ series: [series], from: cursorMs + 1, to: cursorMs + HOUR_MS }),
    ).toThrow(/after the review cursor/);
  });

  it('names the fleet; roles and hosts unknown when never noted', async () => {
    const session = await review();
    expect(session.fleet()).toEqual({
      deployment: '03002',
      nodes: ['vk01', 'vk02', 'vk03'].map((id) => ({ id, role: null, host: null })),
    });
  });

  it('takes the fleet the core noted, and ignores a note of the wrong shape', async () => {
    const directory = temporaryDirectory('review-fleet');
    writeFileSync(join(directory, ARCHIVE_FILE), readFileSync(join(demo.directory, ARCHIVE_FILE)));
    const writable = Archive.open({ directory });
    const bad = { deployment: '03002', nodes: [{ id: 'vk01', role: 'robot' }] };
    writable.recordEvent({ atMs: demo.times[0]!, kind: 'fleet', body: bad });
    writable.close();
    const unknown = ['vk01', 'vk02', 'vk03'].map((id) => ({ id, role: null, host: null }));
    expect((await review(directory)).fleet()).toEqual({ deployment: '03002', nodes: unknown });
    const good = { deployment: '03002', nodes: [{ id: 'vk01', role: 'processing', host: 'a' }] };
    const again = Archive.open({ directory });
    again.recordEvent({ atMs: demo.times[1]!, kind: 'fleet', body: { source: 'file', ...good } });
    again.close();
    expect((await review(directory)).fleet()).toEqual(good);
  });

  it('refuses moments outside the archive and paths that are not archives', async () => {
    const session = await review();
    expect(() => session.seek('2026-02-18T20:00:00-03:00')).toThrow(ReviewError);
    expect(() => session.seek('2026-02-18T20:00:00-03:00')).toThrow(/outside the review/);
    const empty = temporaryDirectory('review-empty');
    await expect(openReview(empty)).rejects.toThrow(/not an archive directory/);
    await expect(openReview('relative/dir')).rejects.toThrow(/must be absolute/);
    await expect(openReview(join(empty, 'nothing'))).rejects.toThrow(/does not exist/);
    await expect(openReview('/dev/null')).rejects.toThrow(/neither a regular file nor a directory/);
    const foreign = temporaryDirectory('review-foreign');
    writeFileSync(join(foreign, ARCHIVE_FILE), 'not a database at all, just text');
    await expect(openReview(foreign)).rejects.toThrow(/cannot review/);
  });
});

describe('a review past the raw window', () => {
  it('takes its numbers from the one-minute rollup holding the cursor', async () => {
    // One hour of raw samples kept: the first hours are rollups only.
    const old = await fillFromDemo({
      from: '2026-02-18T22:00:00-03:00',
      to: '2026-02-19T01:00:00-03:00',
      archive: { retention: { rawMs: HOUR_MS } },
    });
    const session = await review(old.directory);
    const view = session.seek(new Date(old.times[3]!).toISOString());
    expect(view.values.vk02?.resolution).toBe('1m');
    const recorded = containerOf(old.snapshots[3]!, 'vk02', 'visionking-visualizer')!;
    const rebuilt = containerOf(view.snapshot!, 'vk02', 'visionking-visualizer')!;
    // The two-minute bucket holds that tick alone (ticks are five minutes apart).
    expect(rebuilt.memoryBytes).toBe(recorded.memoryBytes);
    expect(rebuilt.name).toBe('visionking-visualizer');
    expect(reviewViewSchema.safeParse(wireView(view)).success).toBe(true);
    const recent = session.seek(new Date(old.times.at(-1)!).toISOString());
    expect(recent.values.vk02?.resolution).toBe('raw');
  });
});
