// The rule table as a whole: one rule per finding class, catalog actions only, documented
// thresholds, and silence on an empty History and on a history where nothing could be read.
import { describe, expect, it } from 'vitest';
import { rules } from '../../../electron/findings/rules';
import { findingClasses, resolveThresholds } from '../../../electron/findings/types';
import { actionIds } from '../../../shared/api/requests-actions';
import {
  downChannel,
  historyFrom,
  nodeSnapshot,
  reachability,
  snapshotsEvery,
} from '../history-helpers';

describe('the rule table', () => {
  it('has a rule for every finding class of DESIGN.md section 5', () => {
    const covered = new Set(rules.map((rule) => rule.findingClass));
    // `rule-fault` is the engine's own class (a rule that threw), not a rule's.
    const designClasses = findingClasses.filter((name) => name !== 'rule-fault');
    expect(designClasses.filter((name) => !covered.has(name))).toEqual([]);
    expect(rules).toHaveLength(25);
  });

  it('suggests only catalog actions, and documents every threshold with a unit', () => {
    for (const rule of rules) {
      for (const action of rule.actions) expect(actionIds, rule.id).toContain(action);
      for (const spec of Object.values(rule.thresholds)) {
        expect(spec.unit, rule.id).not.toBe('');
        expect(spec.doc.length, rule.id).toBeGreaterThan(10);
      }
      expect(rule.sentence.length, rule.id).toBeGreaterThan(20);
    }
  });

  it('says nothing on an empty History', () => {
    const empty = historyFrom([]);
    for (const rule of rules)
      expect(rule.evaluate(empty, resolveThresholds(rule)), rule.id).toEqual([]);
  });

  it('says nothing about nodes that could not be read, except that they cannot be reached', () => {
    const timeout = { kind: 'timeout' as const, message: 'timed out' };
    const unread = { kind: 'channel-down' as const, detail: 'timed out' };
    const snapshots = snapshotsEvery('2026-02-18T22:00:00-03:00', 60_000, 30, () => ({
      vk01: nodeSnapshot({
        reachability: reachability({ ssh: downChannel(timeout) }),
        host: null,
        gpus: null,
        containers: null,
        postgres: null,
        queues: null,
        logs: null,
        missing: {
          ...nodeSnapshot().missing,
          host: unread,
          gpus: unread,
          containers: unread,
          postgres: unread,
          queues: unread,
          logs: unread,
        },
      }),
    }));
    const history = historyFrom(snapshots);
    const speaking = rules.filter(
      (rule) => rule.evaluate(history, resolveThresholds(rule)).length > 0,
    );
    expect(speaking.map((rule) => rule.id)).toEqual(['channel-unreachable']);
  });
});
