// The live core as `serve` and the desktop app's utility process both run it: the watched fleet,
// its live archive, the findings engine fed by every snapshot and the action runner, put
// together in one place so the two entry points cannot drift apart.
import type { CoreMode } from '../../shared/api/contract';
import type { ActionService } from '../actions';
import { join } from 'node:path';
import { LiveFindings, withFindings } from '../findings/live';
import { rules } from '../findings/rules';
import { THRESHOLDS_FILE, ThresholdSettings } from '../findings/threshold-settings';
import { dataDirectory } from '../log';
import { startLiveRecording } from '../review/recording';
import { createCore, type Core } from './core';
import type { Watched } from './watched';

export interface LiveCoreOptions {
  mode: CoreMode;
  /** The fleet file `watched` was read from (Settings edits it and pins host keys in it). */
  fleetFile?: string;
  /** Record into the live archive in the data directory (docs/review.md); default true. */
  record?: boolean;
  heartbeatIntervalMs?: number;
  /** Threshold overrides (Settings); default `<data directory>/threshold-settings.json`. */
  thresholdsFile?: string;
}

export interface LiveCore {
  core: Core;
  /** Starts collecting; the core answers before the first tick. */
  start(): void;
  stop(): Promise<void>;
}

export function assembleLiveCore(watched: Watched, options: LiveCoreOptions): LiveCore {
  // Every snapshot and health change goes into the live archive (docs/review.md).
  const recording = options.record === false ? null : startLiveRecording(watched);
  const recorded = recording?.collector ?? watched.collector;
  // The findings engine hears every snapshot and keeps its findings in the live archive.
  // Threshold overrides saved in Settings apply from the first tick and at once when changed.
  const thresholds = recorded
    ? new ThresholdSettings({
        file: options.thresholdsFile ?? join(dataDirectory(), THRESHOLDS_FILE),
        rules,
        apply: (overrides) => findings?.engine.setThresholds(overrides),
      })
    : undefined;
  const findings = recorded
    ? new LiveFindings({ archive: recording?.archive, thresholds: thresholds?.overrides })
    : undefined;
  const actions: ActionService | undefined = watched.actions?.(recording?.archive);
  const core = createCore({
    mode: options.mode,
    fleet: watched.summary,
    fleetFile: options.fleetFile,
    collector: recorded && findings ? withFindings(recorded, findings) : recorded,
    archive: recording?.archive,
    findings,
    thresholds,
    actions,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
  });
  return {
    core,
    start: () => watched.collector?.start(),
    async stop() {
      await core.stop();
      await actions?.stop();
      findings?.close();
      recording?.stop();
    },
  };
}
