// Reviewing a fleet whose snapshot is over the pipe's 1 MiB message limit (issue #10): 30 demo
// deployments (90 nodes) collected for real and archived, then reviewed through a real core and
// client. `review.seek` answers the snapshot's marker and `review.node` one node per message, so
// no answer nears the limit, and the parts join into exactly the snapshot collected.
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../../electron/archive';
import { scaledFleet } from '../../electron/bench/scale';
import { createCore, EVENT_LOG_LINES, trimLogLines, type Core } from '../../electron/core/core';
import { createClient, type ApiClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { byteLength, decodeMessage, MAX_MESSAGE_BYTES } from '../../shared/api/protocol';
import { joinSnapshotParts, type SnapshotNodePart } from '../../shared/api/requests-snapshot';
import type { Snapshot } from '../../shared/snapshot';
import { temporaryDirectory } from '../helpers/temporary';

const DEPLOYMENTS = 30;

const running: { core: Core; client: ApiClient }[] = [];

afterEach(async () => {
  for (const { core, client } of running.splice(0)) {
    await client.call('review.close', {});
    client.close();
    await core.stop();
  }
});

/** An archive of one tick of `deployments` demo plants, and the snapshot it recorded. */
async function archivedFleet(deployments: number): Promise<{ directory: string; tick: Snapshot }> {
  const { clock, collector } = scaledFleet(deployments);
  clock.advance(10 * 60_000);
  const directory = temporaryDirectory('review-large');
  const archive = Archive.open({ directory });
  try {
    const tick = await collector.collectOnce();
    const recorded = archive.recordSnapshot(tick);
    if (!recorded.ok) throw new Error(`not archived: ${recorded.reason}`);
    archive.recordHealth(collector.health(), Date.parse(tick.takenAt));
    return { directory, tick };
  } finally {
    archive.close();
    await collector.stop();
  }
}

/** A core with a client; `wire` gets every message the core sends, as the text on the pipe. */
function connect(): { client: ApiClient; wire: string[] } {
  const core = createCore({
    mode: 'test',
    fleet: { source: 'demo', deployment: 'scale', nodes: [] },
  });
  const [clientPipe, corePipe] = createMemoryPipePair();
  const wire: string[] = [];
  clientPipe.onMessage((text) => wire.push(text));
  core.router.attach(corePipe);
  const client = createClient(clientPipe);
  running.push({ core, client });
  return { client, wire };
}

/** The byte sizes of the answers on the wire, in order. */
function answerBytes(wire: string[]): number[] {
  return wire.flatMap((text) => {
    const decoded = decodeMessage(text);
    return decoded.ok && decoded.message.kind !== 'event' ? [byteLength(text)] : [];
  });
}

describe('a review of a fleet over the message limit', () => {
  it('answers seek and each node within the limit, and the parts join back exactly', async () => {
    const { directory, tick } = await archivedFleet(DEPLOYMENTS);
    const expected = trimLogLines(tick, EVENT_LOG_LINES);
    const nodes = Object.keys(expected.nodes);
    expect(nodes).toHaveLength(3 * DEPLOYMENTS);
    // Whole, the fleet would not cross the pipe: this is the case the parts are for.
    expect(byteLength(JSON.stringify(expected))).toBeGreaterThan(MAX_MESSAGE_BYTES);

    const { client, wire } = connect();
    await client.call('review.open', { path: directory });
    const view = await client.call('review.seek', { at: tick.takenAt });
    expect(view.tick).toEqual({
      version: 1,
      deployment: `scale-${DEPLOYMENTS}`,
      takenAt: tick.takenAt,
      nodes: [...nodes].sort(),
    });
    const parts = await Promise.all(
      view.tick!.nodes.map((node) => client.call('review.node', { at: view.at, node })),
    );
    const byNode = new Map<string, SnapshotNodePart>(parts.map((part) => [part.node, part]));
    expect(joinSnapshotParts(view.tick!, byNode)).toEqual(expected);

    // Answers in the order asked: review.open, review.seek, then one review.node per node.
    const [openBytes, seekBytes, ...nodeBytes] = answerBytes(wire);
    expect(nodeBytes).toHaveLength(nodes.length);
    const largestNodeBytes = Math.max(
      ...nodes.map((node) => byteLength(JSON.stringify(expected.nodes[node]))),
    );
    for (const bytes of nodeBytes) expect(bytes).toBeLessThanOrEqual(largestNodeBytes + 1024);
    // The fleet list, and each node's health and value source in the view, are well under 1 KB
    // per node (about 700 bytes each here): far below the limit at this size.
    for (const bytes of [openBytes!, seekBytes!]) {
      expect(bytes).toBeLessThan(nodes.length * 1024);
    }
  });
});
