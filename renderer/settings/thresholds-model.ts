// The thresholds form's state, apart from React: the text typed for each threshold, turned into
// the overrides thresholds.save takes (only values that differ from the default), with the
// problems the form can see before asking the core (empty, not a number).
import type { RuleThresholds } from '../../shared/api/requests-settings';

/** `ruleId/name` -> the text in its field. */
export type ThresholdDrafts = Record<string, string>;

export function draftKey(ruleId: string, name: string): string {
  return `${ruleId}/${name}`;
}

/** The fields as the core's values fill them. */
export function initialDrafts(rules: readonly RuleThresholds[]): ThresholdDrafts {
  const drafts: ThresholdDrafts = {};
  for (const rule of rules) {
    for (const item of rule.thresholds)
      drafts[draftKey(rule.ruleId, item.name)] = String(item.value);
  }
  return drafts;
}

/** A field's number, or null when its text is not one (a comma is read as a decimal point). */
export function parseDraft(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

export interface DraftProblem {
  ruleId: string;
  name: string;
  text: string;
}

export type Overrides = Record<string, Record<string, number>>;

/** The overrides to save, or the fields that hold no number. */
export function overridesOf(
  rules: readonly RuleThresholds[],
  drafts: ThresholdDrafts,
): { ok: true; overrides: Overrides } | { ok: false; problems: DraftProblem[] } {
  const overrides: Overrides = {};
  const problems: DraftProblem[] = [];
  for (const rule of rules) {
    for (const item of rule.thresholds) {
      const text = drafts[draftKey(rule.ruleId, item.name)] ?? String(item.value);
      const value = parseDraft(text);
      if (value === null) problems.push({ ruleId: rule.ruleId, name: item.name, text });
      else if (value !== item.defaultValue) (overrides[rule.ruleId] ??= {})[item.name] = value;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, overrides };
}

/** Whether the form differs from what the core uses now. */
export function isChanged(rules: readonly RuleThresholds[], drafts: ThresholdDrafts): boolean {
  return rules.some((rule) =>
    rule.thresholds.some((item) => {
      const text = drafts[draftKey(rule.ruleId, item.name)];
      return text !== undefined && parseDraft(text) !== item.value;
    }),
  );
}

/** How many of a rule's fields hold something other than the default. */
export function overriddenCount(rule: RuleThresholds, drafts: ThresholdDrafts): number {
  return rule.thresholds.filter((item) => {
    const text = drafts[draftKey(rule.ruleId, item.name)];
    return text !== undefined && parseDraft(text) !== item.defaultValue;
  }).length;
}
