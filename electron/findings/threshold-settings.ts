// Threshold overrides chosen in Settings (issue #7): every rule's declared thresholds with the
// value in use, overrides checked (a finite number of the right sign and range for its unit,
// a whole number for counts), kept in `<data directory>/threshold-settings.json` and handed to
// the live findings engine at once. The file is read at start; entries that no longer fit (a
// renamed threshold, a hand edit out of range) are logged and left out, never fatal.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { createLogger } from '../log';
import type { Rule, ThresholdOverrides, ThresholdSpec } from './types';

export const THRESHOLDS_FILE = 'threshold-settings.json';

/** One threshold as Settings shows it. */
export interface ThresholdView {
  name: string;
  unit: string;
  doc: string;
  defaultValue: number;
  value: number;
}

export interface RuleThresholdsView {
  ruleId: string;
  title: string;
  thresholds: ThresholdView[];
}

/** Allowed values of one unit: above (or at) `min`, at most `max`, whole numbers if `integer`. */
interface Range {
  min: number;
  minInclusive: boolean;
  max: number;
  integer: boolean;
}

const DAY_MINUTES = 24 * 60;
/** Longer than any window is useful: the engine keeps 24 h of history, the report 30 d. */
const MAX_DAYS = 30;

function positive(max: number): Range {
  return { min: 0, minInclusive: false, max, integer: false };
}

/** Ranges by unit; any other unit (MB/h, °C, ratio, ...) needs a number above 0. */
const unitRanges: Record<string, Range> = {
  min: positive(MAX_DAYS * DAY_MINUTES),
  h: positive(MAX_DAYS * 24),
  s: positive(MAX_DAYS * DAY_MINUTES * 60),
  d: positive(365),
  count: { min: 1, minInclusive: true, max: 1_000_000, integer: true },
  '%': { min: 0, minInclusive: true, max: 100, integer: false },
  fraction: { min: 0, minInclusive: false, max: 1, integer: false },
  'fraction of the period': { min: 0, minInclusive: false, max: 0.5, integer: false },
};
const anyRange = positive(Number.MAX_SAFE_INTEGER);

/** The allowed values per unit in words, for docs/findings.md. */
export function rangesInWords(): string[] {
  const words = (range: Range) => {
    const from = range.minInclusive ? `at least ${range.min}` : `above ${range.min}`;
    const whole = range.integer ? 'whole, ' : '';
    return `${whole}${from} and at most ${range.max.toLocaleString('en-US')}`;
  };
  return [
    ...Object.entries(unitRanges).map(([unit, range]) => `\`${unit}\`: ${words(range)}`),
    'any other unit: above 0',
  ];
}

function rangeOf(spec: ThresholdSpec): Range {
  return Object.hasOwn(unitRanges, spec.unit) ? unitRanges[spec.unit]! : anyRange;
}

/** Why a value does not fit its threshold, or null when it does. */
export function thresholdProblem(rule: Rule, name: string, value: unknown): string | null {
  const spec = Object.hasOwn(rule.thresholds, name) ? rule.thresholds[name] : undefined;
  const where = `rule ${rule.id}, threshold ${name}`;
  if (!spec) {
    const known = Object.keys(rule.thresholds).join(', ') || 'none';
    return `${where}: no such threshold (the rule has ${known})`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${where}: ${String(value)} is not a finite number`;
  }
  const range = rangeOf(spec);
  const unit = spec.unit === 'count' ? '' : ` ${spec.unit}`;
  const low = range.minInclusive ? value < range.min : value <= range.min;
  if (low || value > range.max) {
    const from = range.minInclusive ? `at least ${range.min}` : `above ${range.min}`;
    const to = range.max === Number.MAX_SAFE_INTEGER ? '' : ` and at most ${range.max}`;
    return `${where}: ${value}${unit} is out of range; it must be ${from}${to}${unit}`;
  }
  if (range.integer && !Number.isInteger(value)) {
    return `${where}: ${value} is not a whole number`;
  }
  return null;
}

/**
 * Checks a whole set of overrides: every problem, or the overrides to keep (values equal to the
 * default are dropped, so "reset to default" and "never changed" are stored alike).
 */
export function checkOverrides(
  rules: readonly Rule[],
  overrides: Record<string, Record<string, unknown>>,
): { ok: true; overrides: ThresholdOverrides } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const kept: Record<string, Record<string, number>> = {};
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  for (const [ruleId, values] of Object.entries(overrides)) {
    const rule = byId.get(ruleId);
    if (!rule) {
      problems.push(`rule ${ruleId}: no such rule`);
      continue;
    }
    for (const [name, value] of Object.entries(values)) {
      const problem = thresholdProblem(rule, name, value);
      if (problem) problems.push(problem);
      else if (value !== rule.thresholds[name]!.value) {
        (kept[ruleId] ??= {})[name] = value as number;
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, overrides: kept };
}

const fileSchema = z.object({
  version: z.literal(1),
  overrides: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export interface ThresholdSettingsOptions {
  file: string;
  rules: readonly Rule[];
  /** False: start from the defaults without reading `file` (a listing of the defaults). */
  readFile?: boolean;
  /** Hands new overrides to the live engine (FindingsEngine.setThresholds). */
  apply?: (overrides: ThresholdOverrides) => void;
}

export class ThresholdSettings {
  readonly file: string;
  private current: ThresholdOverrides;
  private readonly log = createLogger('thresholds');

  constructor(private readonly options: ThresholdSettingsOptions) {
    this.file = options.file;
    this.current = options.readFile === false ? {} : this.read();
  }

  /** The overrides in use (those read at start, then those last saved). */
  get overrides(): ThresholdOverrides {
    return this.current;
  }

  list(): RuleThresholdsView[] {
    return this.options.rules
      .filter((rule) => Object.keys(rule.thresholds).length > 0)
      .map((rule) => ({
        ruleId: rule.id,
        title: rule.title,
        thresholds: Object.entries(rule.thresholds).map(([name, spec]) => ({
          name,
          unit: spec.unit,
          doc: spec.doc,
          defaultValue: spec.value,
          value: this.current[rule.id]?.[name] ?? spec.value,
        })),
      }));
  }

  /** Replaces every override; nothing is stored or applied unless all of them fit. */
  save(
    overrides: Record<string, Record<string, unknown>>,
  ): { ok: true; overrides: ThresholdOverrides } | { ok: false; problems: string[] } {
    const checked = checkOverrides(this.options.rules, overrides);
    if (!checked.ok) return checked;
    this.write(checked.overrides);
    this.current = checked.overrides;
    this.options.apply?.(checked.overrides);
    this.log.info({ file: this.file, overrides: checked.overrides }, 'thresholds saved');
    return checked;
  }

  /** The stored overrides; a missing file is none, a bad one or a bad entry is logged. */
  private read(): ThresholdOverrides {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return {};
    }
    let stored: z.infer<typeof fileSchema>;
    try {
      stored = fileSchema.parse(JSON.parse(text));
    } catch (error) {
      this.log.error({ file: this.file, err: error }, 'threshold settings unreadable; defaults');
      return {};
    }
    // Entry by entry, so one threshold renamed since does not cost the others.
    const kept: Record<string, Record<string, number>> = {};
    for (const [ruleId, values] of Object.entries(stored.overrides)) {
      for (const [name, value] of Object.entries(values)) {
        const checked = checkOverrides(this.options.rules, { [ruleId]: { [name]: value } });
        if (!checked.ok)
          this.log.warn({ file: this.file, problem: checked.problems[0] }, 'ignored');
        else Object.assign((kept[ruleId] ??= {}), checked.overrides[ruleId]);
      }
    }
    return kept;
  }

  private write(overrides: ThresholdOverrides): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    const text = `${JSON.stringify({ version: 1, overrides }, null, 2)}\n`;
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
