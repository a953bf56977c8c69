// The thresholds form's model: fields filled from the core's answer, typed text read as numbers
// (a decimal comma too), only values unlike the default sent as overrides, and fields holding
// no number named before anything is sent.
import { describe, expect, it } from 'vitest';
import {
  draftKey,
  initialDrafts,
  isChanged,
  overriddenCount,
  overridesOf,
  parseDraft,
} from '../../../renderer/settings/thresholds-model';
import type { RuleThresholds } from '../../../shared/api/requests-settings';

const rules: RuleThresholds[] = [
  {
    ruleId: 'memory-leak',
    title: 'Memory leak',
    thresholds: [
      { name: 'minRateMbPerHour', unit: 'MB/h', doc: '', defaultValue: 1, value: 2.5 },
      { name: 'warningHours', unit: 'h', doc: '', defaultValue: 6, value: 6 },
    ],
  },
  {
    ruleId: 'cold-state',
    title: 'Cold state',
    thresholds: [{ name: 'minMinutes', unit: 'min', doc: '', defaultValue: 10, value: 10 }],
  },
];

describe('parseDraft', () => {
  it('reads numbers, a decimal comma and exponents, and nothing else', () => {
    expect(parseDraft(' 2.5 ')).toBe(2.5);
    expect(parseDraft('0,75')).toBe(0.75);
    expect(parseDraft('-3')).toBe(-3);
    expect(parseDraft('1e3')).toBe(1000);
    expect(parseDraft('')).toBeNull();
    expect(parseDraft('12abc')).toBeNull();
    expect(parseDraft('Infinity')).toBeNull();
    expect(parseDraft('1e999')).toBeNull();
  });
});

describe('overridesOf', () => {
  it('sends only the values unlike their default', () => {
    const drafts = initialDrafts(rules);
    expect(drafts[draftKey('memory-leak', 'minRateMbPerHour')]).toBe('2.5');
    expect(isChanged(rules, drafts)).toBe(false);
    expect(overridesOf(rules, drafts)).toEqual({
      ok: true,
      overrides: { 'memory-leak': { minRateMbPerHour: 2.5 } },
    });
    drafts[draftKey('memory-leak', 'minRateMbPerHour')] = '1';
    drafts[draftKey('cold-state', 'minMinutes')] = '15';
    expect(isChanged(rules, drafts)).toBe(true);
    expect(overriddenCount(rules[0]!, drafts)).toBe(0);
    expect(overridesOf(rules, drafts)).toEqual({
      ok: true,
      overrides: { 'cold-state': { minMinutes: 15 } },
    });
  });

  it('names every field that holds no number', () => {
    const drafts = initialDrafts(rules);
    drafts[draftKey('memory-leak', 'warningHours')] = 'six';
    drafts[draftKey('cold-state', 'minMinutes')] = '';
    expect(overridesOf(rules, drafts)).toEqual({
      ok: false,
      problems: [
        { ruleId: 'memory-leak', name: 'warningHours', text: 'six' },
        { ruleId: 'cold-state', name: 'minMinutes', text: '' },
      ],
    });
  });
});
