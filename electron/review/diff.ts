// Two moments of an archive compared, the reference report's "between snapshots" items:
// containers added, removed or restarted, image changes, per-container memory and writable-layer
// deltas, host memory and disk deltas, findings opened and closed. Deltas are `to - from`; a
// delta with a side that has no reading is null and its `missing` entry says which side.
import type { Archive } from '../archive';
import type { MomentDiff, NodeDiff } from '../../shared/api/requests-review';
import type { Container, Disk, NodeSnapshot } from '../../shared/snapshot';
import { findingView, iso, snapshotAt } from './view';

type Missing = Record<string, string>;

export function compareMoments(archive: Archive, fromMs: number, toMs: number): MomentDiff {
  const before = snapshotAt(archive, fromMs).snapshot?.nodes ?? {};
  const after = snapshotAt(archive, toMs).snapshot?.nodes ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const moments = { from: iso(fromMs), to: iso(toMs) };
  const findings = archive.findings({ from: fromMs, to: toMs });
  const within = (atMs: number | null) => atMs !== null && atMs > fromMs && atMs <= toMs;
  return {
    ...moments,
    nodes: names.map((node) => compareNode(node, before[node], after[node], moments)),
    findingsOpened: findings.filter((finding) => within(finding.openedMs)).map(findingView),
    findingsClosed: findings.filter((finding) => within(finding.closedMs)).map(findingView),
  };
}

interface Moments {
  from: string;
  to: string;
}

function compareNode(
  node: string,
  before: NodeSnapshot | undefined,
  after: NodeSnapshot | undefined,
  moments: Moments,
): NodeDiff {
  const listMissing = containerListMissing(before, after, moments);
  const from = new Map((before?.containers ?? []).map((item) => [item.name, item]));
  const to = new Map((after?.containers ?? []).map((item) => [item.name, item]));
  const both = [...to.values()].filter((item) => from.has(item.name));
  const known = listMissing === null;
  return {
    node,
    containerListMissing: listMissing,
    containersAdded: known ? [...to.values()].filter((c) => !from.has(c.name)).map(ref) : [],
    containersRemoved: known ? [...from.values()].filter((c) => !to.has(c.name)).map(ref) : [],
    containersRestarted: both
      .filter((container) => restarted(from.get(container.name)!, container))
      .map((container) => restartOf(from.get(container.name)!, container)),
    imageChanges: both
      .filter((c) => c.image !== from.get(c.name)!.image || c.tag !== from.get(c.name)!.tag)
      .map((c) => imageChange(from.get(c.name)!, c)),
    containers: both.map((container) =>
      containerDeltas(from.get(container.name)!, container, moments),
    ),
    host: hostDeltas(before, after, moments),
    disks: diskDeltas(before, after, moments),
  };
}

function containerListMissing(
  before: NodeSnapshot | undefined,
  after: NodeSnapshot | undefined,
  moments: Moments,
): string | null {
  const reasons: string[] = [];
  if (!before) reasons.push(`the node has no record at ${moments.from}`);
  else if (before.containers === null) reasons.push(`no container list at ${moments.from}`);
  if (!after) reasons.push(`the node has no record at ${moments.to}`);
  else if (after.containers === null) reasons.push(`no container list at ${moments.to}`);
  return reasons.length > 0 ? reasons.join('; ') : null;
}

function ref(container: Container): { name: string; image: string; tag: string | null } {
  return { name: container.name, image: container.image, tag: container.tag };
}

function restarted(from: Container, to: Container): boolean {
  const countUp =
    from.restartCount !== null && to.restartCount !== null && to.restartCount > from.restartCount;
  const startedAgain =
    from.startedAt !== null && to.startedAt !== null && to.startedAt !== from.startedAt;
  return countUp || startedAgain;
}

function restartOf(from: Container, to: Container): NodeDiff['containersRestarted'][number] {
  return {
    name: to.name,
    restartCountFrom: from.restartCount,
    restartCountTo: to.restartCount,
    startedAtFrom: from.startedAt,
    startedAtTo: to.startedAt,
  };
}

function imageChange(from: Container, to: Container): NodeDiff['imageChanges'][number] {
  return {
    name: to.name,
    imageFrom: from.image,
    tagFrom: from.tag,
    imageTo: to.image,
    tagTo: to.tag,
  };
}

/** `<name>From`, `<name>To` and `<name>Delta`; a null side is named in `missing`. */
function delta<Name extends string>(
  name: Name,
  from: number | null | undefined,
  to: number | null | undefined,
  moments: Moments,
  missing: Missing,
): Record<`${Name}${'From' | 'To' | 'Delta'}`, number | null> {
  const fromValue = from ?? null;
  const toValue = to ?? null;
  const sides = [fromValue === null ? moments.from : null, toValue === null ? moments.to : null];
  const absent = sides.filter((side) => side !== null);
  if (absent.length > 0) missing[`${name}Delta`] = `no reading at ${absent.join(' nor at ')}`;
  const value = fromValue === null || toValue === null ? null : toValue - fromValue;
  return { [`${name}From`]: fromValue, [`${name}To`]: toValue, [`${name}Delta`]: value } as Record<
    `${Name}${'From' | 'To' | 'Delta'}`,
    number | null
  >;
}

function containerDeltas(
  from: Container,
  to: Container,
  moments: Moments,
): NodeDiff['containers'][number] {
  const missing: Missing = {};
  return {
    name: to.name,
    ...delta('memoryBytes', from.memoryBytes, to.memoryBytes, moments, missing),
    ...delta('sizeRwBytes', from.sizeRwBytes, to.sizeRwBytes, moments, missing),
    missing,
  };
}

function hostDeltas(
  before: NodeSnapshot | undefined,
  after: NodeSnapshot | undefined,
  moments: Moments,
): NodeDiff['host'] {
  const missing: Missing = {};
  const used = (node: NodeSnapshot | undefined) => {
    const total = node?.host?.memTotalBytes ?? null;
    const available = node?.host?.memAvailableBytes ?? null;
    return total === null || available === null ? null : total - available;
  };
  return {
    ...delta(
      'memAvailableBytes',
      before?.host?.memAvailableBytes,
      after?.host?.memAvailableBytes,
      moments,
      missing,
    ),
    ...delta('memUsedBytes', used(before), used(after), moments, missing),
    missing,
  };
}

/** Disks mounted at either moment, by mount point. */
function diskDeltas(
  before: NodeSnapshot | undefined,
  after: NodeSnapshot | undefined,
  moments: Moments,
): NodeDiff['disks'] {
  const from = new Map((before?.host?.disks ?? []).map((disk) => [disk.mount, disk]));
  const to = new Map((after?.host?.disks ?? []).map((disk) => [disk.mount, disk]));
  const mounts = [...new Set([...from.keys(), ...to.keys()])].sort();
  return mounts.map((mount) => {
    const missing: Missing = {};
    const left: Disk | undefined = from.get(mount);
    const right: Disk | undefined = to.get(mount);
    return {
      mount,
      ...delta('usedBytes', left?.usedBytes, right?.usedBytes, moments, missing),
      ...delta('usedPct', left?.usedPct, right?.usedPct, moments, missing),
      missing,
    };
  });
}
