// The lifecycle on its own: drafts in, changes out, with hysteresis, reopening, acknowledging,
// silences, maintenance windows and re-alarms; and the same lifecycle stored in a real archive.
import { describe, expect, it } from 'vitest';
import { ArchiveFindingStore, archivedChanges } from '../../electron/findings/archive-store';
import {
  FindingLifecycle,
  type Finding,
  type RuleOutcome,
} from '../../electron/findings/lifecycle';
import { emptyEvidence, type FindingDraft, type Severity } from '../../electron/findings/types';
import { temporaryArchive } from '../archive/helpers';
import { MINUTE_MS } from './history-helpers';

const rule = { id: 'memory-leak', findingClass: 'memory-leak' as const };
const config = { clearEvaluations: 3, clearMs: 10 * MINUTE_MS, reopenWindowMs: 60 * MINUTE_MS };

function draft(subject: string, severity: Severity = 'INFO', title = `${subject} leaks`) {
  const value: FindingDraft = {
    ruleId: rule.id,
    subject,
    severity,
    title,
    detail: `${subject} grows 2.7 MB/h`,
    numbers: { rateMbPerHour: 2.7 },
    evidence: emptyEvidence(),
    nodes: ['vk02'],
    containers: [subject],
    actions: ['container.restart'],
  };
  return value;
}

const seen = (...drafts: FindingDraft[]): RuleOutcome[] => [{ rule, drafts }];
const at = (minutes: number) => Date.parse('2026-02-18T21:30:00-03:00') + minutes * MINUTE_MS;

describe('FindingLifecycle', () => {
  it('opens, continues without reporting, and resolves only after the hysteresis', () => {
    const lifecycle = new FindingLifecycle(undefined, config);
    expect(lifecycle.apply(at(0), seen(draft('viz'))).map((c) => c.change)).toEqual(['opened']);
    expect(lifecycle.apply(at(5), seen(draft('viz')))).toEqual([]);
    expect(lifecycle.all()[0]!.state).toBe('ongoing');
    // Clear at 10, 15, 20: three evaluations, but only 15 min since last seen at 20 -> resolves.
    expect(lifecycle.apply(at(10), seen())).toEqual([]);
    expect(lifecycle.apply(at(15), seen())).toEqual([]);
    const resolved = lifecycle.apply(at(20), seen());
    expect(resolved.map((c) => c.change)).toEqual(['resolved']);
    expect(resolved[0]!.finding).toMatchObject({ state: 'resolved', resolvedMs: at(20) });
  });

  it('does not resolve a finding that blinks off for fewer evaluations than required', () => {
    const lifecycle = new FindingLifecycle(undefined, config);
    lifecycle.apply(at(0), seen(draft('viz')));
    lifecycle.apply(at(5), seen());
    lifecycle.apply(at(10), seen());
    expect(lifecycle.apply(at(15), seen(draft('viz')))).toEqual([]);
    lifecycle.apply(at(16), seen());
    lifecycle.apply(at(17), seen());
    // Three clear evaluations but only 3 minutes: the duration holds it open.
    expect(lifecycle.apply(at(18), seen())).toEqual([]);
    expect(lifecycle.all()[0]!.state).toBe('ongoing');
  });

  it('a faulted rule neither confirms nor clears its findings', () => {
    const lifecycle = new FindingLifecycle(undefined, config);
    lifecycle.apply(at(0), seen(draft('viz')));
    for (let minute = 5; minute <= 60; minute += 5) {
      expect(lifecycle.apply(at(minute), [{ rule, drafts: null }])).toEqual([]);
    }
    expect(lifecycle.all()[0]!.state).toBe('new');
  });

  it('reopens within the window with the same id, and opens anew after it', () => {
    const lifecycle = new FindingLifecycle(undefined, config);
    const id = lifecycle.apply(at(0), seen(draft('viz')))[0]!.finding.id;
    for (const minute of [5, 10, 15]) lifecycle.apply(at(minute), seen());
    const reopened = lifecycle.apply(at(30), seen(draft('viz')));
    expect(reopened.map((c) => [c.change, c.finding.id])).toEqual([['reopened', id]]);
    for (const minute of [35, 40, 45]) lifecycle.apply(at(minute), seen());
    const fresh = lifecycle.apply(at(200), seen(draft('viz')));
    expect(fresh[0]!.change).toBe('opened');
    expect(fresh[0]!.finding.id).not.toBe(id);
  });

  it('reports a change of severity or title, not of the detail', () => {
    const lifecycle = new FindingLifecycle(undefined, config);
    lifecycle.apply(at(0), seen(draft('viz')));
    const moved = { ...draft('viz'), detail: 'grows 3.1 MB/h', numbers: { rateMbPerHour: 3.1 } };
    expect(lifecycle.apply(at(5), seen(moved))).toEqual([]);
    expect(lifecycle.all()[0]!.numbers.rateMbPerHour).toBe(3.1);
    const worse = lifecycle.apply(at(10), seen(draft('viz', 'WARNING')));
    expect(worse.map((c) => c.change)).toEqual(['changed']);
  });

  it('re-alarms an unacknowledged WARNING every interval, not an acknowledged one', () => {
    const lifecycle = new FindingLifecycle(undefined, {
      ...config,
      realarmIntervalMs: 30 * MINUTE_MS,
    });
    const warning = draft('ssh', 'WARNING');
    lifecycle.apply(at(0), seen(warning));
    const kinds = [];
    for (let minute = 5; minute <= 60; minute += 5) {
      kinds.push(...lifecycle.apply(at(minute), seen(warning)).map((c) => `${minute}:${c.change}`));
    }
    expect(kinds).toEqual(['30:realarmed', '60:realarmed']);
    const id = lifecycle.all()[0]!.id;
    expect(lifecycle.acknowledge(id, 'ana', 'on it', at(61))!.finding.acknowledged).toEqual({
      by: 'ana',
      note: 'on it',
      atMs: at(61),
    });
    expect(lifecycle.apply(at(120), seen(warning))).toEqual([]);
  });

  it('suppresses silenced findings and those whose nodes are all in maintenance', () => {
    const lifecycle = new FindingLifecycle(undefined, { ...config, realarmIntervalMs: MINUTE_MS });
    lifecycle.apply(at(0), seen(draft('ssh', 'WARNING')));
    const finding = lifecycle.all()[0]!;
    lifecycle.silence(finding.id, at(30), at(1));
    expect(lifecycle.suppression(finding, at(10))).toBe('silenced');
    expect(lifecycle.apply(at(10), seen(draft('ssh', 'WARNING')))).toEqual([]);
    expect(lifecycle.suppression(finding, at(30))).toBeNull();
    lifecycle.addMaintenance({ node: 'vk02', fromMs: at(40), untilMs: at(50) });
    expect(lifecycle.suppression(finding, at(45))).toBe('maintenance');
    expect(lifecycle.apply(at(45), seen(draft('ssh', 'WARNING')))).toEqual([]);
    expect(lifecycle.apply(at(51), seen(draft('ssh', 'WARNING')))[0]!.change).toBe('realarmed');
  });
});

/** Each finding as its archived change events left it at `atMs` (review reads the rows). */
function findingsAsOf(archive: Parameters<typeof archivedChanges>[0], atMs: number) {
  const latest = new Map<number, Finding>();
  for (const change of archivedChanges(archive, 0, atMs))
    latest.set(change.finding.id, change.finding);
  return [...latest.values()];
}

describe('findings in the archive', () => {
  it('stores rows and change events, reloads open findings, answers as of a time', () => {
    const archive = temporaryArchive();
    const store = new ArchiveFindingStore(archive, () => at(100));
    const lifecycle = new FindingLifecycle(store, config);
    const id = lifecycle.apply(at(0), seen(draft('viz')))[0]!.finding.id;
    lifecycle.acknowledge(id, 'ana', 'watching', at(1));
    for (const minute of [5, 10, 15]) lifecycle.apply(at(minute), seen());
    lifecycle.addMaintenance({ node: 'vk01', fromMs: at(20), untilMs: at(80) });
    store.close();

    const rows = archive.findings({ from: at(0), to: at(20) });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, rule: 'memory-leak', subject: 'viz', openedMs: at(0) });
    expect(rows[0]!.closedMs).toBe(at(15));
    expect(findingsAsOf(archive, at(2))[0]).toMatchObject({
      state: 'new',
      acknowledged: { by: 'ana' },
    });
    expect(findingsAsOf(archive, at(16))[0]!.state).toBe('resolved');
    expect(findingsAsOf(archive, at(0) - 1)).toEqual([]);

    const reloaded = new FindingLifecycle(new ArchiveFindingStore(archive, () => at(100)), config);
    expect(reloaded.get(id)).toMatchObject({
      state: 'resolved',
      acknowledged: { note: 'watching' },
    });
    expect(reloaded.maintenanceWindows()).toEqual([
      { node: 'vk01', fromMs: at(20), untilMs: at(80) },
    ]);
    // Firing again within the reopen window continues the archived finding.
    expect(reloaded.apply(at(30), seen(draft('viz')))[0]).toMatchObject({ change: 'reopened' });
  });
});
