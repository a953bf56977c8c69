// Comparisons between peers: the same container on different nodes, the same tool's version
// on every node. Readings without a value are left out, never compared as 0.
import { measured, median, presentPoints, unmeasured, type Measured, type Point } from './measured';

export interface PeerRatio {
  /** Median of the higher side's readings. */
  high: number;
  /** Median of the lower side's readings. */
  low: number;
  /** high / low. */
  ratio: number;
  highReadings: number;
  lowReadings: number;
}

/**
 * How many times one peer's typical reading is the other's, taking medians over the window so
 * a single spike does not decide it. Null when a side has too few readings or reads 0.
 */
export function peerRatio(
  left: readonly Point[],
  right: readonly Point[],
  minReadings = 3,
): Measured<PeerRatio & { leftIsHigh: boolean }> {
  const leftValues = presentPoints(left).map((point) => point.value);
  const rightValues = presentPoints(right).map((point) => point.value);
  if (leftValues.length < minReadings || rightValues.length < minReadings) {
    const counts = `${leftValues.length} and ${rightValues.length}`;
    return unmeasured(`${counts} readings with a value, at least ${minReadings} each needed`);
  }
  const leftMedian = median(leftValues);
  const rightMedian = median(rightValues);
  const leftIsHigh = leftMedian >= rightMedian;
  const [high, low] = leftIsHigh ? [leftMedian, rightMedian] : [rightMedian, leftMedian];
  if (!(low > 0)) return unmeasured('the lower peer reads 0, so a ratio means nothing');
  return measured({
    high,
    low,
    ratio: high / low,
    highReadings: leftIsHigh ? leftValues.length : rightValues.length,
    lowReadings: leftIsHigh ? rightValues.length : leftValues.length,
    leftIsHigh,
  });
}

export interface VersionGroup {
  version: string;
  nodes: string[];
}

export interface VersionDrift {
  /** Each distinct version and the nodes running it, the most common first. */
  groups: VersionGroup[];
  /** Nodes that could not say (null version); not counted as a different version. */
  unknownNodes: string[];
}

/**
 * Distinct versions among peers (node → version). Null when fewer than two nodes report one.
 * `groups.length > 1` means drift.
 */
export function versionDrift(versions: Record<string, string | null>): Measured<VersionDrift> {
  const byVersion = new Map<string, string[]>();
  const unknownNodes: string[] = [];
  for (const [node, version] of Object.entries(versions).sort(([a], [b]) => a.localeCompare(b))) {
    if (version === null || version.trim() === '') {
      unknownNodes.push(node);
      continue;
    }
    byVersion.set(version, [...(byVersion.get(version) ?? []), node]);
  }
  const known = [...byVersion.values()].reduce((total, nodes) => total + nodes.length, 0);
  if (known < 2) return unmeasured(`${known} node(s) report a version, at least 2 needed`);
  const groups = [...byVersion.entries()]
    .map(([version, nodes]) => ({ version, nodes }))
    .sort((a, b) => b.nodes.length - a.nodes.length || a.nodes[0]!.localeCompare(b.nodes[0]!));
  return measured({ groups, unknownNodes });
}

/** Items present on some peers and not others (asymmetric deployment), item → nodes with it. */
export function presenceDifference(
  itemsByNode: Record<string, readonly string[]>,
): Map<string, string[]> {
  const nodes = Object.keys(itemsByNode).sort();
  const holders = new Map<string, string[]>();
  for (const node of nodes) {
    for (const item of new Set(itemsByNode[node]))
      holders.set(item, [...(holders.get(item) ?? []), node]);
  }
  const partial = new Map<string, string[]>();
  for (const [item, having] of [...holders.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (having.length < nodes.length) partial.set(item, having);
  }
  return partial;
}
