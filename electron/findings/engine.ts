// The findings engine: after each tick, every rule of the rule table reads the History and
// returns drafts; the lifecycle turns them into findings. A rule that throws, or returns a draft
// that breaks the contract (wrong rule id, a number that is not finite), is logged once per
// distinct message and reported as a rule fault finding; it never stops the other rules, and it
// neither confirms nor clears its own findings that tick. The engine invents no data: it passes
// on what rules return and nothing else.
import { createLogger, type Logger } from '../log';
import type { Snapshot } from '../../shared/snapshot';
import { RollingHistory, type HistoryLimits } from './history';
import { FindingLifecycle, type FindingChange, type RuleOutcome } from './lifecycle';
import { rules as defaultRules } from './rules';
import {
  emptyEvidence,
  resolveThresholds,
  type FindingDraft,
  type HealthView,
  type HistoryEvent,
  type Rule,
  type ThresholdOverrides,
  type ThresholdValues,
} from './types';

/** The engine's own rule: a rule that faulted. Its findings resolve when the rule runs clean. */
export const RULE_FAULT_RULE: Pick<Rule, 'id' | 'findingClass'> = {
  id: 'engine.rule-fault',
  findingClass: 'rule-fault',
};

export interface RuleFault {
  ruleId: string;
  atMs: number;
  message: string;
}

export interface EvaluationResult {
  atMs: number;
  changes: FindingChange[];
  faults: RuleFault[];
  /** Wall time of evaluating every rule (not the lifecycle), in milliseconds. */
  rulesMs: number;
}

export interface EngineOptions {
  rules?: readonly Rule[];
  thresholds?: ThresholdOverrides;
  history?: RollingHistory;
  historyLimits?: Partial<HistoryLimits>;
  lifecycle?: FindingLifecycle;
  log?: Logger;
}

export class FindingsEngine {
  readonly history: RollingHistory;
  readonly lifecycle: FindingLifecycle;
  readonly rules: readonly Rule[];
  private readonly thresholdValues: Map<string, ThresholdValues>;
  private readonly log: Logger;
  /** Per rule: the last fault message logged, so a fault repeating every tick logs once. */
  private readonly loggedFaults = new Map<string, string>();

  constructor(options: EngineOptions = {}) {
    this.rules = options.rules ?? defaultRules;
    this.history = options.history ?? new RollingHistory(options.historyLimits);
    this.lifecycle = options.lifecycle ?? new FindingLifecycle();
    this.log = options.log ?? createLogger('findings');
    this.thresholdValues = new Map(
      this.rules.map((rule) => [rule.id, resolveThresholds(rule, options.thresholds)]),
    );
  }

  /** Swaps the threshold overrides (Settings, issue #7); the next evaluation uses them. */
  setThresholds(overrides: ThresholdOverrides): void {
    for (const rule of this.rules) {
      this.thresholdValues.set(rule.id, resolveThresholds(rule, overrides));
    }
  }

  /** Feeds one tick and evaluates; a snapshot that is not newer than the last one is skipped. */
  tick(
    snapshot: Snapshot,
    extras: { health?: HealthView | null; events?: HistoryEvent[] } = {},
  ): EvaluationResult | null {
    return this.feed(snapshot, extras) ? this.evaluate() : null;
  }

  /** Adds a tick to the History without evaluating; false when it is not newer. */
  feed(
    snapshot: Snapshot,
    extras: { health?: HealthView | null; events?: HistoryEvent[] } = {},
  ): boolean {
    if (!this.history.push(snapshot)) return false;
    if (extras.events) this.history.addEvents(extras.events);
    if (extras.health !== undefined) this.history.setHealth(extras.health);
    return true;
  }

  /** Runs every rule on the History as it stands and applies the outcome to the lifecycle. */
  evaluate(): EvaluationResult {
    const atMs = this.history.nowMs;
    const started = performance.now();
    const { outcomes, faults } = this.runRules(atMs);
    const rulesMs = performance.now() - started;
    outcomes.push({ rule: RULE_FAULT_RULE, drafts: faults.map(faultDraft) });
    const changes = this.lifecycle.apply(atMs, outcomes);
    return { atMs, changes, faults, rulesMs };
  }

  /** Every rule's drafts (or null when it faulted), without touching the lifecycle. */
  runRules(atMs: number): { outcomes: RuleOutcome[]; faults: RuleFault[] } {
    const outcomes: RuleOutcome[] = [];
    const faults: RuleFault[] = [];
    for (const rule of this.rules) {
      try {
        const drafts = rule.evaluate(this.history, this.thresholdValues.get(rule.id) ?? {});
        checkDrafts(rule, drafts);
        outcomes.push({ rule, drafts });
        this.loggedFaults.delete(rule.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        faults.push({ ruleId: rule.id, atMs, message });
        outcomes.push({ rule, drafts: null });
        if (this.loggedFaults.get(rule.id) !== message) {
          this.loggedFaults.set(rule.id, message);
          this.log.error({ rule: rule.id, error: message }, 'rule fault');
        }
      }
    }
    return { outcomes, faults };
  }
}

/** Throws (so the rule counts as faulted) when a rule's answer breaks the contract. */
function checkDrafts(rule: Rule, drafts: unknown): asserts drafts is FindingDraft[] {
  if (!Array.isArray(drafts)) throw new Error('evaluate did not return an array');
  for (const draft of drafts as FindingDraft[]) {
    if (draft.ruleId !== rule.id) {
      throw new Error(`returned a draft of rule ${String(draft.ruleId)}, not ${rule.id}`);
    }
    if (typeof draft.subject !== 'string' || draft.subject === '') {
      throw new Error('returned a draft without a subject');
    }
    for (const [name, value] of Object.entries(draft.numbers)) {
      if (value !== null && !Number.isFinite(value)) {
        throw new Error(`returned ${String(value)} for ${name} (a missing value is null)`);
      }
    }
  }
}

function faultDraft(fault: RuleFault): FindingDraft {
  const evidence = emptyEvidence();
  evidence.values.error = fault.message;
  return {
    ruleId: RULE_FAULT_RULE.id,
    subject: fault.ruleId,
    severity: 'INFO',
    title: `Rule ${fault.ruleId} could not be evaluated`,
    detail:
      `The rule ${fault.ruleId} failed with "${fault.message}"; its findings are held as they ` +
      `were until it runs again. This is a fault of the Control Room, not of the plant.`,
    numbers: {},
    evidence,
    nodes: [],
    containers: [],
    actions: [],
  };
}
