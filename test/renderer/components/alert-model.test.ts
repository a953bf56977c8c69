import { describe, expect, it } from 'vitest';
import { findingView } from '../finding-view-factory';
import {
  applyChange,
  badgeFavicon,
  dueForRepeat,
  REPEAT_INTERVAL_MS,
  seedPending,
  type AlertFinding,
  type FindingsChanged,
} from '../../../renderer/components/alert-model';

const finding = findingView;

type Change = FindingsChanged['changes'][number]['change'];

function changed(...changes: [Change, AlertFinding][]): FindingsChanged {
  return {
    at: '2026-02-18T21:53:10-03:00',
    changes: changes.map(([change, item]) => ({ change, finding: item })),
  };
}

const acknowledgement = { by: 'Ana', note: 'seen', at: '2026-02-18T22:00:00-03:00' };

describe('raising and repeating WARNINGs until acknowledged', () => {
  it('raises a new WARNING once, then again every interval until it is acknowledged', () => {
    const warning = finding();
    const opened = applyChange(new Map(), changed(['opened', warning]), 0);
    expect(opened.raise).toEqual([warning]);
    expect([...opened.pending.keys()]).toEqual([warning.id]);

    // Its numbers change: still waiting, not raised again by the change itself.
    const update = applyChange(opened.pending, changed(['changed', { ...warning, title: 'x' }]), 1);
    expect(update.raise).toEqual([]);
    expect(update.pending.get(warning.id)?.finding.title).toBe('x');

    expect(dueForRepeat(update.pending, REPEAT_INTERVAL_MS - 1).raise).toEqual([]);
    const repeat = dueForRepeat(update.pending, REPEAT_INTERVAL_MS);
    expect(repeat.raise.map((item) => item.id)).toEqual([warning.id]);
    // Marked as raised now: the next repeat is an interval later.
    expect(dueForRepeat(repeat.pending, REPEAT_INTERVAL_MS + 1).raise).toEqual([]);
    expect(dueForRepeat(repeat.pending, 2 * REPEAT_INTERVAL_MS).raise).toHaveLength(1);

    const acknowledged = { ...warning, acknowledged: acknowledgement };
    const after = applyChange(repeat.pending, changed(['acknowledged', acknowledged]), 2);
    expect(after.pending.size).toBe(0);
    expect(dueForRepeat(after.pending, 10 * REPEAT_INTERVAL_MS).raise).toEqual([]);
  });

  it('raises neither INFO nor silenced ones; silencing or resolving ends the waiting', () => {
    const info = finding({ severity: 'INFO' });
    const silenced = finding({ suppressed: 'silenced' });
    const none = applyChange(new Map(), changed(['opened', info], ['opened', silenced]), 0);
    expect(none.raise).toEqual([]);
    expect(none.pending.size).toBe(0);

    const first = finding();
    const second = finding();
    const both = applyChange(new Map(), changed(['opened', first], ['opened', second]), 0);
    expect(both.pending.size).toBe(2);
    const later = applyChange(
      both.pending,
      changed(
        ['silenced', { ...first, suppressed: 'silenced' }],
        [
          'resolved',
          {
            ...second,
            state: 'resolved',
          },
        ],
      ),
      1,
    );
    expect(later.pending.size).toBe(0);
  });

  it('an INFO that becomes a WARNING is raised', () => {
    const info = finding({ severity: 'INFO' });
    const escalated = applyChange(
      new Map(),
      changed(['changed', { ...info, severity: 'WARNING' }]),
      5,
    );
    expect(escalated.raise.map((item) => item.id)).toEqual([info.id]);
    expect(escalated.pending.get(info.id)?.lastRaisedMs).toBe(5);
  });

  it('counts the open WARNINGs at (re)connection without raising them until the interval', () => {
    const open = finding();
    const acknowledged = finding({ acknowledged: acknowledgement });
    const seeded = seedPending([open, acknowledged, finding({ severity: 'INFO' })], 1_000);
    expect([...seeded.keys()]).toEqual([open.id]);
    expect(dueForRepeat(seeded, 1_000).raise).toEqual([]);
    expect(dueForRepeat(seeded, 1_000 + REPEAT_INTERVAL_MS).raise).toEqual([open]);
  });
});

describe('the favicon badge', () => {
  it('spells the count on the icon, and + past 99', () => {
    const svg = (count: number) => decodeURIComponent(badgeFavicon(count).split(',')[1] ?? '');
    expect(badgeFavicon(3)).toMatch(/^data:image\/svg\+xml,/);
    expect(svg(3)).toContain('>3</text>');
    expect(svg(42)).toContain('>42</text>');
    expect(svg(120)).toContain('>+</text>');
  });
});
