// A child process for the crash test: archives demo snapshots as fast as it can, with
// maintenance in between, and prints "<tick> <atMs>" after each tick is committed. The test
// kills it with SIGKILL at an arbitrary moment.
import { writeSync } from 'node:fs';
import { Archive } from '../../electron/archive';
import { createDemoPlant } from '../../electron/demo';

const TICK_MS = 15_000;

async function main(directory: string): Promise<void> {
  const archive = Archive.open({ directory });
  const plant = createDemoPlant({ speed: 0 });
  const snapshot = await plant.collector.collectOnce();
  await plant.collector.stop();
  let atMs = archive.range()?.lastMs ?? Date.parse(snapshot.takenAt);
  for (let tick = 1; ; tick++) {
    atMs += TICK_MS;
    snapshot.takenAt = new Date(atMs).toISOString();
    for (const node of Object.values(snapshot.nodes)) {
      for (const container of node.containers ?? []) {
        if (container.memoryBytes !== null) container.memoryBytes += tick % 4096;
      }
    }
    const result = archive.recordSnapshot(snapshot);
    if (!result.ok) throw new Error(result.reason);
    // Synchronous, so a line printed is a tick committed before it.
    writeSync(1, `${tick} ${atMs}\n`);
    if (tick % 10 === 0) archive.maintain({ budgetMs: 5 });
  }
}

await main(process.argv[2] ?? '');
