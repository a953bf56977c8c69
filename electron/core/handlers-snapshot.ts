// The live snapshot as clients get it (shared/api/requests-snapshot.ts): pushed one node per
// message each tick, and asked for the same way. Requests answer from the snapshot last pushed,
// split once: the collector stamps `takenAt` each time it assembles one, so answering from a
// fresh one would give every node of one page's connect another time, and assembling 90 nodes
// per request would cost as much as the tick's push.
import {
  splitSnapshot,
  type SnapshotNodePart,
  type SnapshotTick,
} from '../../shared/api/requests-snapshot';
import type { NodeSnapshot, Snapshot } from '../../shared/snapshot';
import type { CoreCollector } from './core';
import { CoreError, type Handlers, type Router } from './router';

/** Log lines kept per container in pushed snapshots, so an event stays far below the size limit. */
export const EVENT_LOG_LINES = 20;

/** A snapshot as the messages carry it: its tick marker and one part per node. */
export interface SnapshotMessages {
  tick: SnapshotTick;
  parts: SnapshotNodePart[];
}

/** The messages that carry a snapshot to clients, log lines trimmed as every client gets them. */
export function snapshotMessages(snapshot: Snapshot): SnapshotMessages {
  return splitSnapshot(trimLogLines(snapshot, EVENT_LOG_LINES));
}

/** The newest snapshot the core pushed, kept as its messages, and the pushing itself. */
export interface LiveSnapshot {
  /** Sends a snapshot one node per message, then its marker, and keeps it for requests. */
  push(router: Router, snapshot: Snapshot): void;
  handlers(): Pick<Handlers, 'snapshot.latest' | 'snapshot.node'>;
}

export function createLiveSnapshot(collector: CoreCollector | undefined): LiveSnapshot {
  let latest: { tick: SnapshotTick; parts: Map<string, SnapshotNodePart> } | null = null;
  const keep = (messages: SnapshotMessages) => {
    latest = { tick: messages.tick, parts: new Map(messages.parts.map((p) => [p.node, p])) };
    return latest;
  };
  // Before the first push (a page that connects during the first tick), the collector's state
  // now, kept until the first push so that every request of one connect sees the same tick.
  const current = () => {
    if (latest) return latest;
    const snapshot = collector?.snapshot() ?? null;
    return snapshot ? keep(snapshotMessages(snapshot)) : null;
  };
  return {
    push(router, snapshot) {
      const messages = snapshotMessages(snapshot);
      keep(messages);
      for (const part of messages.parts) router.broadcast('snapshot.node', part);
      router.broadcast('snapshot.new', messages.tick);
    },
    handlers: () => ({
      'snapshot.latest': () => current()?.tick ?? null,
      'snapshot.node': ({ node }) => {
        const snapshot = current();
        if (snapshot === null) return null;
        const part = snapshot.parts.get(node);
        if (!part) {
          const message = `snapshot.node: the latest snapshot has no node '${node}'`;
          throw new CoreError('INVALID_ARGS', message);
        }
        return part;
      },
    }),
  };
}

export function trimLogLines(snapshot: Snapshot, maxLines: number): Snapshot {
  const nodes = Object.fromEntries(
    Object.entries(snapshot.nodes).map(([nodeId, node]) => [
      nodeId,
      trimNodeLogLines(node, maxLines),
    ]),
  );
  return { ...snapshot, nodes };
}

/**
 * Log text one node may carry in a message, in characters: at most 576 KiB even if every one took
 * 3 bytes of UTF-8, so a node with many chatty containers (lines are up to 2000 characters) still
 * fits the 1 MiB message with room for the rest of the node.
 */
export const NODE_LOG_TEXT_BUDGET_CHARS = 192 * 1024;

/**
 * The newest `maxLines` lines of each container, fewer (halving) while the node's log text is
 * over its budget; `droppedLines` counts every line cut.
 */
function trimNodeLogLines(node: NodeSnapshot, maxLines: number): NodeSnapshot {
  let lines = maxLines;
  let trimmed = cutLogLines(node, lines);
  while (lines > 0 && logTextChars(trimmed) > NODE_LOG_TEXT_BUDGET_CHARS) {
    lines = Math.floor(lines / 2);
    trimmed = cutLogLines(node, lines);
  }
  return trimmed;
}

function cutLogLines(node: NodeSnapshot, maxLines: number): NodeSnapshot {
  if (!node.logs) return node;
  const logs = Object.fromEntries(
    Object.entries(node.logs).map(([name, container]) => {
      const kept = maxLines > 0 ? container.lines.slice(-maxLines) : [];
      const dropped = container.droppedLines + container.lines.length - kept.length;
      return [name, { ...container, lines: kept, droppedLines: dropped }];
    }),
  );
  return { ...node, logs };
}

function logTextChars(node: NodeSnapshot): number {
  let chars = 0;
  for (const container of Object.values(node.logs ?? {})) {
    for (const line of container.lines) chars += line.text.length;
  }
  return chars;
}
