// The live archive of a running core (`control-room serve`, the desktop app): every snapshot and
// health change recorded into the data directory while the collector runs, so supervisors have
// history and reviewers have something to open. The demo plant records into its own
// `demo-archive`, wiped at every start so a demo begins clean and never mixes with a real fleet.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Archive, archiveListeners, defaultArchiveDirectory, startMaintenance } from '../archive';
import type { CoreCollector } from '../core/core';
import type { Watched } from '../core/watched';
import { createLogger, dataDirectory } from '../log';

export const DEMO_ARCHIVE_DIRECTORY = 'demo-archive';

export interface LiveRecording {
  archive: Archive;
  /** The watched collector, recording into the archive before the core hears of anything. */
  collector: CoreCollector;
  /** Writes that failed so far (each is logged). */
  failures(): number;
  /** Stops maintenance and closes the archive; call after the collector has stopped. */
  stop(): void;
}

const log = createLogger('recording');

/** Where a watched fleet's live archive lives. */
export function liveArchiveDirectory(watched: Watched, env = process.env): string {
  if (watched.summary.source === 'demo') return join(dataDirectory(env), DEMO_ARCHIVE_DIRECTORY);
  return defaultArchiveDirectory(env);
}

/**
 * Opens the live archive and wraps the collector so it records into it. Null when there is
 * nothing to watch, or when the archive cannot be opened: the core then runs without history
 * rather than not at all (the reason is logged).
 */
export function startLiveRecording(watched: Watched, env = process.env): LiveRecording | null {
  const collector = watched.collector;
  if (!collector) return null;
  const directory = liveArchiveDirectory(watched, env);
  let archive: Archive;
  try {
    if (watched.summary.source === 'demo') rmSync(directory, { recursive: true, force: true });
    // Snapshots carry plant time: at demo speed one fast tick spans minutes of it.
    const tickIntervalMs = collector.fastIntervalMs * Math.max(1, watched.timeScale);
    archive = Archive.open({ directory, tickIntervalMs });
  } catch (error) {
    log.error({ err: error, directory }, 'no live archive: it could not be opened');
    return null;
  }
  const maintenance = startMaintenance(archive);
  let listeners: ReturnType<typeof archiveListeners> | null = null;
  let fleetNoted = false;
  const recording: CoreCollector = {
    snapshot: () => collector.snapshot(),
    health: () => collector.health(),
    stop: () => collector.stop(),
    subscribe(next) {
      listeners = archiveListeners(archive, {
        snapshot(snapshot) {
          // The fleet (ids, roles, hosts; no secrets) at its first tick, so a review of this
          // archive can name its nodes.
          if (!fleetNoted) fleetNoted = noteFleet(archive, watched, Date.parse(snapshot.takenAt));
          next.snapshot(snapshot);
        },
        health: (health) => next.health(health),
      });
      collector.subscribe(listeners);
    },
  };
  log.info({ directory, source: watched.summary.source }, 'recording the live archive');
  return {
    archive,
    collector: recording,
    failures: () => listeners?.failures() ?? 0,
    stop() {
      maintenance.stop();
      archive.close();
    },
  };
}

function noteFleet(archive: Archive, watched: Watched, atMs: number): boolean {
  try {
    archive.recordEvent({ atMs, kind: 'fleet', body: watched.summary });
  } catch (error) {
    log.error({ err: error }, 'could not note the fleet in the archive');
  }
  return true;
}
