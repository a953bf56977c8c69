// The live archive: a running core records every snapshot and health change into the data
// directory while its clients still get every pushed snapshot; the demo records into its own
// demo-archive, wiped at each start. Also run end to end through `control-room serve --demo`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Archive } from '../../electron/archive';
import { createCore } from '../../electron/core/core';
import { runUtilityCore, type ParentPortLike } from '../../electron/core/utility-entry';
import { summarizeFleet, type Watched } from '../../electron/core/watched';
import { createDemoPlant } from '../../electron/demo';
import { openReview } from '../../electron/review';
import { liveArchiveDirectory, startLiveRecording } from '../../electron/review/recording';
import { createClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import type { SnapshotTick } from '../../shared/api/requests-snapshot';
import { temporaryDirectory } from '../helpers/temporary';

const fastDemo = (): Watched => {
  const plant = createDemoPlant({ speed: 60, fastIntervalMs: 100, slowIntervalMs: 400 });
  return {
    summary: summarizeFleet(plant.fleet, 'demo'),
    collector: plant.collector,
    timeScale: 60,
  };
};

describe('the live recording', () => {
  it('archives every tick and the fleet while the core still pushes snapshots', async () => {
    const env = { CONTROL_ROOM_DATA_DIR: temporaryDirectory('recording') };
    const watched = fastDemo();
    const directory = liveArchiveDirectory(watched, env);
    expect(directory).toBe(join(env.CONTROL_ROOM_DATA_DIR, 'demo-archive'));
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'left-from-last-run'), 'x');

    const recording = startLiveRecording(watched, env)!;
    expect(existsSync(join(directory, 'left-from-last-run'))).toBe(false);
    const core = createCore({
      mode: 'test',
      fleet: watched.summary,
      collector: recording.collector,
      archive: recording.archive,
    });
    const [clientPipe, corePipe] = createMemoryPipePair();
    core.router.attach(corePipe);
    const client = createClient(clientPipe);
    const pushed: SnapshotTick[] = [];
    const third = new Promise<void>((resolve) =>
      client.on('snapshot.new', (snapshot) => pushed.push(snapshot) === 3 && resolve()),
    );
    watched.collector!.start();
    await third;
    const range = await client.call('archive.range', {});
    client.close();
    await core.stop();
    recording.stop();

    expect(range).not.toBeNull();
    expect(Date.parse(range!.lastAt)).toBeGreaterThanOrEqual(Date.parse(pushed[2]!.takenAt));
    expect(recording.failures()).toBe(0);
    const session = await openReview(directory);
    try {
      expect(session.fleet().nodes).toContainEqual({
        id: 'vk01',
        role: 'processing',
        host: '10.244.70.50',
      });
      const view = session.seek(pushed[1]!.takenAt);
      expect(view.snapshot?.takenAt).toBe(pushed[1]!.takenAt);
    } finally {
      await session.close();
    }
  });

  it('is recorded by control-room serve --demo, and closed cleanly on SIGTERM', async () => {
    const dataDir = temporaryDirectory('serve-recording');
    const child = spawn(
      process.execPath,
      ['bin/control-room.js', 'serve', '--demo', '--port', '0'],
      {
        env: { ...process.env, CONTROL_ROOM_DATA_DIR: dataDir, CONTROL_ROOM_TOKEN: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const directory = join(dataDir, 'demo-archive');
    try {
      // The first snapshot comes after one fast interval (5 s) of real time.
      await waitFor(() => hasTicks(directory), 25_000);
    } finally {
      child.kill('SIGTERM');
    }
    const exitCode = await new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    expect(exitCode).toBe(0);
    expect(existsSync(join(directory, 'archive.sqlite-wal'))).toBe(false);
    const session = await openReview(directory);
    try {
      expect(session.fleet().deployment).toBe('03002');
      expect(session.fleet().nodes.map((node) => node.role)).toEqual([
        'processing',
        'processing',
        'dashboard',
      ]);
    } finally {
      await session.close();
    }
  }, 40_000);
});

describe('the desktop core', () => {
  it('records the watched fleet into the data directory when asked to', async () => {
    const dataDir = temporaryDirectory('utility-recording');
    vi.stubEnv('CONTROL_ROOM_DATA_DIR', dataDir);
    const parentPort: ParentPortLike = { on: () => undefined, postMessage: () => undefined };
    const core = runUtilityCore(parentPort, {
      exit: () => undefined,
      watched: fastDemo(),
      record: true,
    });
    const directory = join(dataDir, 'demo-archive');
    try {
      await waitFor(() => hasTicks(directory), 10_000);
    } finally {
      core.shutdown();
      vi.unstubAllEnvs();
    }
    // Shutting down stops the collector, then closes the archive.
    await waitFor(() => !existsSync(join(directory, 'archive.sqlite-wal')), 5_000);
    const session = await openReview(directory);
    try {
      expect(session.range).not.toBeNull();
      expect(session.fleet().nodes.map((node) => node.id)).toEqual(['vk01', 'vk02', 'vk03']);
    } finally {
      await session.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function hasTicks(directory: string): boolean {
  if (!existsSync(join(directory, 'archive.sqlite'))) return false;
  try {
    const archive = Archive.open({ directory, readOnly: true });
    try {
      return archive.range() !== null;
    } finally {
      archive.close();
    }
  } catch {
    return false;
  }
}
