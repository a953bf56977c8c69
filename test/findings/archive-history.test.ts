// The History rebuilt from an archive equals the one fed live with the same snapshots: the same
// series, the same log lines (each counted once), and the rules say the same.
import { describe, expect, it } from 'vitest';
import { historyFromArchive } from '../../electron/findings/archive-history';
import { FindingsEngine } from '../../electron/findings/engine';
import { RollingHistory } from '../../electron/findings/history';
import { createDemoClock } from '../../electron/demo/clock';
import { createDemoPlant } from '../../electron/demo/demo-fleet';
import { loadDefaultScenario } from '../../electron/demo/scenario';
import type { Snapshot } from '../../shared/snapshot';
import { temporaryArchive } from '../archive/helpers';
import { MINUTE_MS, plantTime } from './history-helpers';

async function walk(fromMs: number, minutes: number): Promise<Snapshot[]> {
  const scenario = loadDefaultScenario();
  const clock = createDemoClock({ startTime: new Date(fromMs).toISOString(), speed: 0 });
  const plant = createDemoPlant({ scenario, clock });
  const snapshots: Snapshot[] = [];
  for (let minute = 0; minute < minutes; minute++) {
    clock.stepTo(fromMs + minute * MINUTE_MS);
    if (minute % 5 === 0) snapshots.push(await plant.collector.collectOnce());
    else {
      await plant.collector.fastTickAll();
      snapshots.push(plant.collector.snapshot());
    }
  }
  await plant.collector.stop();
  return snapshots;
}

describe('historyFromArchive', () => {
  it('rebuilds what the live History held, and the rules find the same', async () => {
    const fromMs = plantTime('2026-02-22 20:00');
    const snapshots = await walk(fromMs, 20);
    const archive = temporaryArchive();
    const live = new RollingHistory();
    const engine = new FindingsEngine();
    for (const snapshot of snapshots) {
      archive.recordSnapshot(snapshot);
      live.push(snapshot);
    }
    const untilMs = live.nowMs;
    const rebuilt = historyFromArchive(archive, untilMs);

    expect(rebuilt.nowMs).toBe(untilMs);
    expect(rebuilt.seriesKeys()).toEqual(live.seriesKeys());
    for (const key of live.seriesKeys()) {
      expect(rebuilt.series(key, 0), key).toEqual(live.series(key, 0));
    }
    // A fast tick repeats the logs of the last slow read; the archive stores them once. Rules
    // count each line once either way, so the distinct lines must be the same.
    const lines = (history: RollingHistory) =>
      [
        ...new Set(
          history
            .logs()
            .flatMap((digest) =>
              digest.logs.lines.map((line) => `${digest.node}/${digest.container} ${line.text}`),
            ),
        ),
      ].sort();
    expect(lines(rebuilt)).toEqual(lines(live));
    expect(lines(live).length).toBeGreaterThan(100);

    const subjects = (history: RollingHistory) =>
      new FindingsEngine({ history, rules: engine.rules })
        .runRules(untilMs)
        .outcomes.flatMap((outcome) => outcome.drafts ?? [])
        .map((draft) => `${draft.ruleId} ${draft.subject} ${JSON.stringify(draft.numbers)}`)
        .sort();
    expect(subjects(rebuilt)).toEqual(subjects(live));
    // vk02 goes dark at about 20:05; the rule speaks after 5 minutes of darkness.
    const dark = 'node-dark vk02 {"containersRunning":0,"channelsUp":2,';
    expect(subjects(live).some((subject) => subject.startsWith(dark))).toBe(true);
  }, 120_000);
});
