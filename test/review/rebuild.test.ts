// rebuildNode is the inverse of what the archive stores of a node (its documents and samples):
// checked on a real demo snapshot, and on samples the archive can no longer give exactly.
import { describe, expect, it } from 'vitest';
import { nodeDocuments } from '../../electron/archive/documents';
import { nodeSamples, type Sample } from '../../electron/archive/series';
import { createDemoPlant } from '../../electron/demo';
import { rebuildNode } from '../../electron/review';
import { nodeSnapshotSchema, type NodeSnapshot } from '../../shared/snapshot';

async function demoNode(at: string, node: string): Promise<{ node: NodeSnapshot; at: string }> {
  const plant = createDemoPlant({ speed: 0, startTime: at });
  try {
    const snapshot = await plant.collector.collectOnce();
    return { node: snapshot.nodes[node]!, at: snapshot.takenAt };
  } finally {
    await plant.collector.stop();
  }
}

/** What the archive keeps of a node: documents (as JSON would return them) and samples. */
function stored(node: NodeSnapshot): { documents: Record<string, unknown>; samples: Sample[] } {
  const documents = Object.fromEntries(nodeDocuments(node)) as Record<string, unknown>;
  return { documents: structuredClone(documents), samples: nodeSamples(node, new Map()) };
}

describe('rebuildNode', () => {
  it('gives back the node snapshot it was stored from', async () => {
    for (const node of ['vk01', 'vk02', 'vk03']) {
      const { node: original, at } = await demoNode('2026-02-19T00:40:00-03:00', node);
      expect(rebuildNode({ ...stored(original), tickAt: at })).toEqual(original);
    }
  });

  it('keeps whole numbers and reasons when samples are rollup means or missing', async () => {
    const { node: original, at } = await demoNode('2026-02-18T22:30:00-03:00', 'vk02');
    const { documents, samples } = stored(original);
    const changed = samples
      .filter((sample) => sample.subject !== 'container:keydb' || sample.metric !== 'memoryBytes')
      .filter((sample) => !sample.subject.startsWith('redis-db:0'))
      .map((sample) =>
        sample.metric === 'restartCount' && sample.value !== null
          ? { ...sample, value: sample.value + 0.5 }
          : sample,
      );
    const rebuilt = rebuildNode({ documents, samples: changed, tickAt: at });
    expect(nodeSnapshotSchema.safeParse(rebuilt).success).toBe(true);
    const keydb = rebuilt.containers!.find((container) => container.name === 'keydb')!;
    expect(keydb.memoryBytes).toBeNull();
    expect(keydb.missing.memoryBytes).toEqual({
      kind: 'unavailable',
      detail: 'not in the archive at this moment',
    });
    const restarts = (snapshot: NodeSnapshot) => snapshot.containers!.map((c) => c.restartCount);
    expect(restarts(rebuilt)).toEqual(restarts(original));
    expect(original.redis!.databases.some((database) => database.db === 0)).toBe(true);
    expect(rebuilt.redis!.databases.some((database) => database.db === 0)).toBe(false);
  });
});
