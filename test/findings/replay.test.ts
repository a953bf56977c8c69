// The replay: the demo plant's whole scenario (assets/demo/scenario-03002.yaml) collected with a
// stopped clock, each snapshot recorded into a real archive and fed to the findings engine, as
// `control-room serve` does. Then every numbered item of the reference report
// (reference-items.ts) must be matched by a finding of one of its classes, open at about the
// same simulated time, with its numbers within the stated tolerance. Prints the match table.
//
// The walk: 24 h before the scenario's start at 10 min steps (so "idle for 24 h" has its 24 h),
// the evening of Feb 18 at 1 min steps (both tiers every 5 min), the quiet days at 30 min steps,
// and the production evening of Feb 22 at 1 min steps again.
import { describe, expect, it } from 'vitest';
import { archivedChanges } from '../../electron/findings/archive-store';
import { LiveFindings } from '../../electron/findings/live';
import { createDemoClock } from '../../electron/demo/clock';
import { createDemoPlant } from '../../electron/demo/demo-fleet';
import { loadDefaultScenario } from '../../electron/demo/scenario';
import type { Snapshot } from '../../shared/snapshot';
import { temporaryArchive } from '../archive/helpers';
import { HOUR_MS, MINUTE_MS, plantTime } from './history-helpers';
import {
  DEFAULT_AFTER_MINUTES,
  DEFAULT_BEFORE_MINUTES,
  referenceItems,
  type ReferenceItem,
} from './reference-items';

interface Phase {
  untilMs: number;
  stepMs: number;
  /** Both tiers (logs, sizes) every this often; fast ticks in between. */
  fullEveryMs: number;
}

/** One open finding at one evaluation, as the match needs it. */
interface Seen {
  atMs: number;
  id: number;
  ruleId: string;
  findingClass: string;
  severity: string;
  title: string;
  nodes: string[];
  numbers: Record<string, number | null>;
}

interface Match {
  item: ReferenceItem;
  found: Seen | null;
  /** The nearest finding of a right class that failed only on numbers or node. */
  near: { seen: Seen; why: string } | null;
}

const scenario = loadDefaultScenario();
const startMs = Date.parse(scenario.start);

const phases: Phase[] = [
  { untilMs: startMs, stepMs: 10 * MINUTE_MS, fullEveryMs: 10 * MINUTE_MS },
  { untilMs: plantTime('2026-02-19 01:30'), stepMs: MINUTE_MS, fullEveryMs: 5 * MINUTE_MS },
  { untilMs: plantTime('2026-02-22 17:30'), stepMs: 30 * MINUTE_MS, fullEveryMs: 30 * MINUTE_MS },
  { untilMs: plantTime('2026-02-22 20:31'), stepMs: MINUTE_MS, fullEveryMs: 5 * MINUTE_MS },
];

async function replay() {
  const preludeStart = startMs - 24 * HOUR_MS;
  const clock = createDemoClock({ startTime: new Date(preludeStart).toISOString(), speed: 0 });
  const plant = createDemoPlant({ scenario, clock });
  const archive = temporaryArchive();
  const live = new LiveFindings({ archive, maxBusyFraction: null });
  const seen: Seen[] = [];
  let ticks = 0;
  let changes = 0;
  const spentMs = { collect: 0, archive: 0, findings: 0 };
  let mark = performance.now();
  const lap = (part: keyof typeof spentMs) => {
    const now = performance.now();
    spentMs[part] += now - mark;
    mark = now;
  };
  let atMs = preludeStart;
  let nextFullMs = preludeStart;
  for (const phase of phases) {
    for (; atMs < phase.untilMs; atMs += phase.stepMs) {
      clock.stepTo(atMs);
      mark = performance.now();
      const snapshot = await collect(plant, atMs >= nextFullMs);
      if (atMs >= nextFullMs) nextFullMs = atMs + phase.fullEveryMs;
      lap('collect');
      archive.recordSnapshot(snapshot);
      lap('archive');
      live.noteHealth(plant.collector.health());
      const result = live.tick(snapshot);
      lap('findings');
      ticks++;
      changes += result?.changes.length ?? 0;
      seen.push(...openFindings(live, atMs));
    }
  }
  await plant.collector.stop();
  return { archive, live, seen, ticks, changes, spentMs };
}

async function collect(plant: ReturnType<typeof createDemoPlant>, full: boolean) {
  if (full) return plant.collector.collectOnce();
  await plant.collector.fastTickAll();
  return plant.collector.snapshot() as Snapshot;
}

function openFindings(live: LiveFindings, atMs: number): Seen[] {
  return live.engine.lifecycle
    .all()
    .filter((finding) => finding.state !== 'resolved' && finding.lastSeenMs === atMs)
    .map((finding) => ({
      atMs,
      id: finding.id,
      ruleId: finding.ruleId,
      findingClass: finding.findingClass,
      severity: finding.severity,
      title: finding.title,
      nodes: finding.nodes,
      numbers: { ...finding.numbers },
    }));
}

function numbersProblem(item: ReferenceItem, seen: Seen): string | null {
  for (const expected of item.numbers ?? []) {
    const name = expected.names.find((candidate) => seen.numbers[candidate] !== undefined);
    if (name === undefined) return `no number named ${expected.names.join(' or ')}`;
    const actual = seen.numbers[name];
    if (actual === null || actual === undefined) return `${name} is null`;
    if (Math.abs(actual - expected.value) > expected.tolerance) {
      return `${name} ${actual}, expected ${expected.value} ± ${expected.tolerance}`;
    }
  }
  return null;
}

function matchItem(item: ReferenceItem, seen: readonly Seen[]): Match {
  const atMs = plantTime(item.at);
  const fromMs = atMs - (item.beforeMinutes ?? DEFAULT_BEFORE_MINUTES) * MINUTE_MS;
  const toMs = atMs + (item.afterMinutes ?? DEFAULT_AFTER_MINUTES) * MINUTE_MS;
  let near: Match['near'] = null;
  const candidates = seen
    .filter((entry) => entry.atMs >= fromMs && entry.atMs <= toMs)
    .filter((entry) => item.classes.includes(entry.findingClass))
    // Nearest in time first.
    .sort((left, right) => Math.abs(left.atMs - atMs) - Math.abs(right.atMs - atMs));
  for (const entry of candidates) {
    if (item.node && !entry.nodes.includes(item.node)) {
      near ??= { seen: entry, why: `about ${entry.nodes.join(', ')}, not ${item.node}` };
      continue;
    }
    const problem = numbersProblem(item, entry);
    if (problem === null) return { item, found: entry, near: null };
    near ??= { seen: entry, why: problem };
  }
  return { item, found: null, near };
}

function localTime(atMs: number): string {
  return new Date(atMs - 3 * HOUR_MS).toISOString().slice(5, 16).replace('T', ' ');
}

function table(matches: readonly Match[]): string {
  const rows = matches.map(({ item, found, near }) => {
    const verdict = found ? 'match' : 'MISSING';
    const what = found
      ? `${found.ruleId} at ${localTime(found.atMs)}: ${JSON.stringify(found.numbers)}`
      : near
        ? `nearest ${near.seen.ruleId} at ${localTime(near.seen.atMs)}: ${near.why}`
        : `no finding of class ${item.classes.join(' / ')} in the window`;
    const head = `${item.id.padEnd(9)} ${verdict.padEnd(7)} ${item.classes[0]!.padEnd(24)}`;
    return `${head} ${what}`;
  });
  const matched = matches.filter((match) => match.found).length;
  return [...rows, `${matched} of ${matches.length} reference items matched`].join('\n');
}

describe('replay of the demo scenario against the reference report', () => {
  it('matches every numbered item of the reference report to a finding', async () => {
    const { archive, live, seen, ticks, changes, spentMs } = await replay();
    const matches = referenceItems.map((item) => matchItem(item, seen));
    const spent = Object.entries(spentMs).map(([part, ms]) => `${part} ${Math.round(ms)} ms`);
    process.stdout.write(
      `\n${ticks} ticks (${spent.join(', ')}), ${changes} finding changes\n${table(matches)}\n`,
    );

    // Through the archive: every change the engine made is there, and every matched finding
    // has its row, so review sessions and bundles see what the replay saw.
    expect(archivedChanges(archive, 0, Number.MAX_SAFE_INTEGER)).toHaveLength(changes);
    const rows = new Set(
      archive.findings({ from: 0, to: Number.MAX_SAFE_INTEGER }).map((r) => r.id),
    );
    for (const match of matches) if (match.found) expect(rows.has(match.found.id)).toBe(true);
    live.close();

    // Every item, none excused: one without a match fails the replay.
    const missing = matches.filter((match) => !match.found);
    expect(
      missing.map((match) => match.item.id),
      'reference items without a matching finding',
    ).toEqual([]);
  }, 1_800_000);
});
