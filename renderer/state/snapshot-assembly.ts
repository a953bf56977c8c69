// Joins the live snapshot from its messages: the core sends one `snapshot.node` part per node and
// then the `snapshot.new` marker naming them (on connect the page asks `snapshot.latest` and one
// `snapshot.node` per node instead); parts and marker may come in any order and from either.
// The views only ever see whole snapshots.
import {
  joinSnapshotParts,
  type SnapshotNodePart,
  type SnapshotTick,
} from '../../shared/api/requests-snapshot';
import type { Snapshot } from '../../shared/snapshot';

/**
 * Ticks being joined at once. A tick whose parts never all come (a part refused, a page that
 * connected mid-tick) is dropped when newer ones push it out, so nothing grows.
 */
export const MAX_PENDING_TICKS = 3;

interface PendingTick {
  tick: SnapshotTick | null;
  parts: Map<string, SnapshotNodePart>;
}

export interface SnapshotAssembler {
  /** Takes one node's part; answers the whole snapshot when this part completes it. */
  addPart(part: SnapshotNodePart): Snapshot | null;
  /** Takes a tick marker; answers the whole snapshot when every part it names is here. */
  addTick(tick: SnapshotTick): Snapshot | null;
  /** Ticks waiting for parts or their marker. */
  readonly pendingTicks: number;
}

export function createSnapshotAssembler(maxPending = MAX_PENDING_TICKS): SnapshotAssembler {
  // Insertion order is arrival order, so the first key is the oldest tick.
  const pending = new Map<string, PendingTick>();

  const pendingFor = (deployment: string, takenAt: string): PendingTick => {
    const key = `${deployment}\n${takenAt}`;
    let entry = pending.get(key);
    if (!entry) {
      entry = { tick: null, parts: new Map() };
      pending.set(key, entry);
      for (const oldest of pending.keys()) {
        if (pending.size <= maxPending) break;
        pending.delete(oldest);
      }
    }
    return entry;
  };

  const complete = (entry: PendingTick, deployment: string, takenAt: string): Snapshot | null => {
    const joined = entry.tick ? joinSnapshotParts(entry.tick, entry.parts) : null;
    if (joined) pending.delete(`${deployment}\n${takenAt}`);
    return joined;
  };

  return {
    addPart(part) {
      const entry = pendingFor(part.deployment, part.takenAt);
      entry.parts.set(part.node, part);
      return complete(entry, part.deployment, part.takenAt);
    },
    addTick(tick) {
      const entry = pendingFor(tick.deployment, tick.takenAt);
      entry.tick = tick;
      return complete(entry, tick.deployment, tick.takenAt);
    },
    get pendingTicks() {
      return pending.size;
    },
  };
}
