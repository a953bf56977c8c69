// The live snapshot part of the contract, one node per message: a fleet's snapshot grows with
// its nodes (90 nodes are about 2.2 MB) and would outgrow the pipe's 1 MiB message limit, while
// one node's part stays the same size however many nodes the fleet has. Each tick the core sends
// one `snapshot.node` event per node, then the `snapshot.new` marker naming them; a client joins
// the parts with `joinSnapshotParts`. Merged into contract.ts; docs/snapshot-format.md describes
// the parts.
import { z } from 'zod';
import {
  nodeSnapshotSchema,
  SNAPSHOT_VERSION,
  type NodeSnapshot,
  type Snapshot,
} from '../snapshot';
import { isoTime, noArgs, type RequestSpec } from './spec';

/** Longest node id `snapshot.node` takes. */
export const MAX_NODE_ID_CHARS = 200;

/** One tick's snapshot without its nodes: when it was taken and which nodes it holds. */
export const snapshotTickSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  deployment: z.string().min(1),
  takenAt: isoTime,
  /** Every node of the snapshot, in the order their `snapshot.node` parts were sent. */
  nodes: z.array(z.string().min(1)),
});
export type SnapshotTick = z.infer<typeof snapshotTickSchema>;

/** One node of one tick's snapshot: the tick it belongs to and the node's NodeSnapshot. */
export const snapshotNodePartSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  deployment: z.string().min(1),
  takenAt: isoTime,
  node: z.string().min(1),
  snapshot: nodeSnapshotSchema,
});
export type SnapshotNodePart = z.infer<typeof snapshotNodePartSchema>;

export const snapshotRequests = {
  'snapshot.latest': {
    summary:
      'When the newest snapshot was taken and its nodes (each one: snapshot.node), or null ' +
      'before the first tick.',
    args: noArgs,
    result: snapshotTickSchema.nullable(),
  },
  'snapshot.node': {
    summary:
      'One node of the newest snapshot, log lines cut as in events; null before the first tick.',
    args: z.object({ node: z.string().min(1).max(MAX_NODE_ID_CHARS) }).strict(),
    result: snapshotNodePartSchema.nullable(),
  },
} as const satisfies Record<string, RequestSpec>;

export const snapshotEvents = {
  /** One node of a new snapshot on the fast cadence; log lines cut to the newest few. */
  'snapshot.node': snapshotNodePartSchema,
  /** Sent after every node's `snapshot.node` of the tick: the snapshot is complete. */
  'snapshot.new': snapshotTickSchema,
} as const satisfies Record<string, z.ZodType>;

/** A snapshot as the messages carry it: its tick marker and one part per node, in order. */
export function splitSnapshot(snapshot: Snapshot): {
  tick: SnapshotTick;
  parts: SnapshotNodePart[];
} {
  const { version, deployment, takenAt } = snapshot;
  const parts = Object.entries(snapshot.nodes).map(([node, nodeSnapshot]) => ({
    version,
    deployment,
    takenAt,
    node,
    snapshot: nodeSnapshot,
  }));
  return { tick: { version, deployment, takenAt, nodes: parts.map((part) => part.node) }, parts };
}

/**
 * The snapshot a tick marker and its parts make up, or null while a node the marker names has no
 * part of the same deployment and time (a part of another tick does not count).
 */
export function joinSnapshotParts(
  tick: SnapshotTick,
  parts: ReadonlyMap<string, SnapshotNodePart>,
): Snapshot | null {
  const nodes: Record<string, NodeSnapshot> = {};
  for (const node of tick.nodes) {
    const part = parts.get(node);
    if (!part || part.takenAt !== tick.takenAt || part.deployment !== tick.deployment) return null;
    nodes[node] = part.snapshot;
  }
  return { version: tick.version, deployment: tick.deployment, takenAt: tick.takenAt, nodes };
}
