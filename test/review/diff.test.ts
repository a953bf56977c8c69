// Comparing two moments of an archive filled from the demo plant, whose scenario has known
// changes between 22:30 and 23:30 (docs/demo-plant.md): vk02's visualizer is OOM-killed and
// recycled at 22:52:13 (memory 414 -> 315 MiB), intel-gpu-exporter is removed from vk01 at 23:00.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openReview, type ReviewSession } from '../../electron/review';
import { momentDiffSchema, type NodeDiff } from '../../shared/api/requests-review';
import type { Snapshot } from '../../shared/snapshot';
import { containerOf, fillFromDemo, insertFindings, MINUTE_MS, type DemoArchive } from './helpers';

const MIB = 1024 * 1024;

/** From 22:10 on, vk02 runs vk01's inference image (the report's version drift, resolved). */
const aligned = (snapshot: Snapshot, index: number): Snapshot => {
  if (index < 15) return snapshot;
  const copy = structuredClone(snapshot);
  const inference = containerOf(copy, 'vk02', 'visionking-inference')!;
  Object.assign(inference, { image: 'dev-visionking-inference:c014', tag: 'c014' });
  return copy;
};

let demo: DemoArchive;
let session: ReviewSession;
const iso = (atMs: number) => new Date(atMs).toISOString();

beforeAll(async () => {
  demo = await fillFromDemo({
    from: '2026-02-18T21:40:00-03:00',
    to: '2026-02-18T23:30:00-03:00',
    edit: aligned,
  });
  const at = (index: number) => demo.times[index]!;
  insertFindings(demo.directory, [
    // Closed between the moments.
    {
      rule: 'memory-leak',
      node: 'vk02',
      subject: 'container:visionking-visualizer',
      openedMs: at(0),
      closedMs: at(15),
    },
    // Opened between them.
    {
      rule: 'container-crash-loop',
      node: 'vk01',
      subject: 'container:keydb',
      openedMs: at(12),
      closedMs: null,
    },
    // Over before, and after: neither.
    { rule: 'channel-unreachable', node: 'vk01', subject: 'ssh', openedMs: at(1), closedMs: at(5) },
    { rule: 'node-dark', node: 'vk03', subject: 'node', openedMs: at(22), closedMs: null },
  ]);
});

afterEach(async () => {
  await session?.close();
});

function nodeOf(nodes: NodeDiff[], node: string): NodeDiff {
  const found = nodes.find((entry) => entry.node === node);
  if (!found) throw new Error(`no ${node} in the comparison`);
  return found;
}

describe('comparing two moments', () => {
  it('finds the removed exporter and the recycled visualizer with its memory drop', async () => {
    session = await openReview(demo.directory);
    const [fromIndex, toIndex] = [10, 22]; // 22:30 and 23:30
    const diff = session.diff(iso(demo.times[fromIndex]!), iso(demo.times[toIndex]!));
    expect(momentDiffSchema.safeParse(diff).success).toBe(true);
    const [before, after] = [demo.snapshots[fromIndex]!, demo.snapshots[toIndex]!];

    const vk01 = nodeOf(diff.nodes, 'vk01');
    expect(vk01.containerListMissing).toBeNull();
    expect(vk01.containersRemoved).toEqual([
      { name: 'intel-gpu-exporter', image: 'restreamio/intel-prometheus:latest', tag: 'latest' },
    ]);
    expect(vk01.containersAdded).toEqual([]);

    const vk02 = nodeOf(diff.nodes, 'vk02');
    const visualizerFrom = containerOf(before, 'vk02', 'visionking-visualizer')!;
    const visualizerTo = containerOf(after, 'vk02', 'visionking-visualizer')!;
    expect(vk02.containersRestarted.map((entry) => entry.name)).toContain('visionking-visualizer');
    expect(
      vk02.containersRestarted.find((entry) => entry.name === 'visionking-visualizer'),
    ).toEqual({
      name: 'visionking-visualizer',
      restartCountFrom: visualizerFrom.restartCount,
      restartCountTo: visualizerTo.restartCount,
      startedAtFrom: visualizerFrom.startedAt,
      startedAtTo: visualizerTo.startedAt,
    });
    const memory = vk02.containers.find((entry) => entry.name === 'visionking-visualizer')!;
    expect(memory.memoryBytesFrom).toBe(visualizerFrom.memoryBytes);
    expect(memory.memoryBytesTo).toBe(visualizerTo.memoryBytes);
    expect(memory.memoryBytesDelta).toBe(visualizerTo.memoryBytes! - visualizerFrom.memoryBytes!);
    // The report: "memory dropped 100MB between snapshots (414MB -> 315MB)".
    expect(memory.memoryBytesDelta! / MIB).toBeLessThan(-90);
    expect(memory.memoryBytesDelta! / MIB).toBeGreaterThan(-110);
    // The exporter still crash-loops on vk02: it restarts between any two moments.
    expect(vk02.containersRestarted.map((entry) => entry.name)).toContain('intel-gpu-exporter');
    expect(vk02.containersRemoved).toEqual([]);
  });

  it('reports image changes and host memory and disk deltas in bytes', async () => {
    session = await openReview(demo.directory);
    const diff = session.diff(iso(demo.times[10]!), iso(demo.times[22]!));
    const vk02 = nodeOf(diff.nodes, 'vk02');
    expect(vk02.imageChanges).toEqual([
      {
        name: 'visionking-inference',
        imageFrom: 'visionking-inference:c009',
        tagFrom: 'c009',
        imageTo: 'dev-visionking-inference:c014',
        tagTo: 'c014',
      },
    ]);
    expect(nodeOf(diff.nodes, 'vk01').imageChanges).toEqual([]);
    const [before, after] = [
      demo.snapshots[10]!.nodes.vk01!.host!,
      demo.snapshots[22]!.nodes.vk01!.host!,
    ];
    const host = nodeOf(diff.nodes, 'vk01').host;
    expect(host.memAvailableBytesDelta).toBe(after.memAvailableBytes! - before.memAvailableBytes!);
    const used = (h: typeof before) => h.memTotalBytes! - h.memAvailableBytes!;
    expect(host.memUsedBytesDelta).toBe(used(after) - used(before));
    expect(host.missing).toEqual({});
    const root = nodeOf(diff.nodes, 'vk01').disks.find((disk) => disk.mount === '/')!;
    const rootOf = (h: typeof before) => h.disks!.find((disk) => disk.mount === '/')!;
    expect(root.usedBytesDelta).toBe(rootOf(after).usedBytes! - rootOf(before).usedBytes!);
    expect(root.usedBytesFrom).toBe(rootOf(before).usedBytes);
  });

  it('lists findings opened and closed between the moments, not before or after', async () => {
    session = await openReview(demo.directory);
    const diff = session.diff(iso(demo.times[10]!), iso(demo.times[21]!));
    expect(diff.findingsOpened.map((finding) => finding.rule)).toEqual(['container-crash-loop']);
    expect(diff.findingsClosed.map((finding) => finding.rule)).toEqual(['memory-leak']);
    expect(diff.findingsClosed[0]).toMatchObject({ closedAt: iso(demo.times[15]!), node: 'vk02' });
  });

  it('says why a delta is null: a moment inside the SSH outage has no container list', async () => {
    session = await openReview(demo.directory);
    const outage = demo.snapshots[2]!; // 21:50
    expect(outage.nodes.vk01!.containers).toBeNull();
    expect(outage.nodes.vk01!.host).toBeNull();
    const diff = session.diff(iso(demo.times[2]!), iso(demo.times[10]!));
    const vk01 = nodeOf(diff.nodes, 'vk01');
    expect(vk01.containerListMissing).toBe(`no container list at ${iso(demo.times[2]!)}`);
    expect(vk01.containersAdded).toEqual([]);
    expect(vk01.containersRemoved).toEqual([]);
    expect(vk01.host.memUsedBytesDelta).toBeNull();
    expect(vk01.host.memUsedBytesFrom).toBeNull();
    expect(vk01.host.memUsedBytesTo).not.toBeNull();
    expect(vk01.host.missing.memUsedBytesDelta).toBe(`no reading at ${iso(demo.times[2]!)}`);
  });

  it('refuses a comparison backwards or outside the archive', async () => {
    session = await openReview(demo.directory);
    expect(() => session.diff(iso(demo.times[5]!), iso(demo.times[4]!))).toThrow(/from <= to/);
    const late = iso(demo.times.at(-1)! + MINUTE_MS);
    expect(() => session.diff(iso(demo.times[0]!), late)).toThrow(/outside the review/);
  });
});
