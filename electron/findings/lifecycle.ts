// The life of a finding (DESIGN.md section 5): new -> ongoing -> resolved, with hysteresis.
//
// - A draft whose identity (`ruleId|subject`) has no open finding opens one (`new`); seen again
//   at the next evaluation it becomes `ongoing`.
// - It resolves only after its rule has evaluated without it `clearEvaluations` times in a row
//   AND for at least `clearMs`, so a condition that blinks does not flap. A rule that faulted
//   (threw) neither confirms nor clears its findings.
// - A resolved finding that fires again within `reopenWindowMs` is reopened: same id, same row.
// - A finding is `changed` (and so reported again) when its severity or title changes; numbers
//   that move every tick belong in the detail, which is updated silently.
// - Acknowledged (who, note) findings stay listed; an unacknowledged WARNING re-alarms every
//   `realarmIntervalMs`. Silenced findings (until a time) and findings whose nodes are all in a
//   maintenance window are tracked as usual but suppressed: neither reported nor re-alarmed.
import type { FindingView } from '../../shared/api/requests-findings';
import type { FindingClass, FindingDraft, Rule } from './types';

export type FindingState = 'new' | 'ongoing' | 'resolved';

export type FindingChangeKind =
  'opened' | 'changed' | 'reopened' | 'resolved' | 'realarmed' | 'acknowledged' | 'silenced';

export interface Acknowledgement {
  by: string;
  note: string;
  atMs: number;
}

export interface Finding extends FindingDraft {
  id: number;
  key: string;
  findingClass: FindingClass;
  state: FindingState;
  firstSeenMs: number;
  lastSeenMs: number;
  resolvedMs: number | null;
  /** When severity or title last changed (or it opened / reopened). */
  changedMs: number;
  /** Evaluations in a row without this finding, and since when. */
  clearEvaluations: number;
  clearSinceMs: number | null;
  acknowledged: Acknowledgement | null;
  silencedUntilMs: number | null;
  /** The last time it alarmed (opened, changed, reopened or re-alarmed). */
  lastAlarmMs: number;
  reopenCount: number;
}

export interface FindingChange {
  atMs: number;
  change: FindingChangeKind;
  /** The finding after the change (a copy). */
  finding: Finding;
}

export interface MaintenanceWindow {
  node: string;
  fromMs: number;
  untilMs: number;
}

export interface LifecycleConfig {
  clearEvaluations: number;
  clearMs: number;
  reopenWindowMs: number;
  realarmIntervalMs: number;
  /** Least time between writes of a finding's row when nothing reportable changed. */
  silentWriteMs: number;
}

export const defaultLifecycleConfig: LifecycleConfig = {
  clearEvaluations: 3,
  clearMs: 10 * 60_000,
  reopenWindowMs: 6 * 3_600_000,
  realarmIntervalMs: 60 * 60_000,
  silentWriteMs: 60_000,
};

/** Where findings live: the archive (archive-store.ts) or memory (tests, no archive). */
export interface FindingStore {
  load(): { findings: Finding[]; windows: MaintenanceWindow[] };
  /** Stores a new finding and returns its id. */
  insert(finding: Omit<Finding, 'id'>): number;
  /** Runs one evaluation's writes together (one transaction in the archive). */
  batch<Result>(work: () => Result): Result;
  update(finding: Finding): void;
  recordChange(change: FindingChange): void;
  recordMaintenance(window: MaintenanceWindow): void;
}

export class MemoryFindingStore implements FindingStore {
  readonly changes: FindingChange[] = [];
  readonly windows: MaintenanceWindow[] = [];
  private nextId = 1;

  load() {
    return { findings: [], windows: [] };
  }

  insert(): number {
    return this.nextId++;
  }

  update(): void {}

  recordChange(change: FindingChange): void {
    this.changes.push(change);
  }

  recordMaintenance(window: MaintenanceWindow): void {
    this.windows.push(window);
  }

  batch<Result>(work: () => Result): Result {
    return work();
  }
}

/** One rule's outcome at one evaluation: its drafts, or null when it faulted. */
export interface RuleOutcome {
  rule: Pick<Rule, 'id' | 'findingClass'>;
  drafts: FindingDraft[] | null;
}

export class FindingLifecycle {
  private readonly config: LifecycleConfig;
  private readonly byId = new Map<number, Finding>();
  private readonly byKey = new Map<string, Finding>();
  private readonly windows: MaintenanceWindow[] = [];
  /** Per finding id: when its row was last written without a change. */
  private readonly silentWrites = new Map<number, number>();

  constructor(
    private readonly store: FindingStore = new MemoryFindingStore(),
    config: Partial<LifecycleConfig> = {},
  ) {
    this.config = { ...defaultLifecycleConfig, ...config };
    const loaded = store.load();
    for (const finding of loaded.findings) this.remember(finding);
    this.windows.push(...loaded.windows);
  }

  /** Applies one evaluation's outcomes at `nowMs`; returns what changed, in order. */
  apply(nowMs: number, outcomes: readonly RuleOutcome[]): FindingChange[] {
    return this.store.batch(() => this.applyNow(nowMs, outcomes));
  }

  private applyNow(nowMs: number, outcomes: readonly RuleOutcome[]): FindingChange[] {
    const changes: FindingChange[] = [];
    for (const outcome of outcomes) {
      if (outcome.drafts === null) continue; // a faulted rule says nothing either way
      const seen = new Set<string>();
      for (const draft of outcome.drafts) {
        const key = findingKey(draft);
        if (seen.has(key)) continue; // one finding per identity per evaluation
        seen.add(key);
        const change = this.observe(nowMs, outcome.rule.findingClass, draft);
        if (change) changes.push(change);
      }
      for (const finding of this.byKey.values()) {
        if (finding.ruleId !== outcome.rule.id || seen.has(finding.key)) continue;
        const change = this.clear(nowMs, finding);
        if (change) changes.push(change);
      }
    }
    changes.push(...this.realarms(nowMs));
    for (const change of changes) this.store.recordChange(change);
    return changes;
  }

  acknowledge(id: number, by: string, note: string, nowMs: number): FindingChange | null {
    const finding = this.byId.get(id);
    if (!finding) return null;
    finding.acknowledged = { by, note, atMs: nowMs };
    return this.recordNow(nowMs, 'acknowledged', finding);
  }

  silence(id: number, untilMs: number, nowMs: number): FindingChange | null {
    const finding = this.byId.get(id);
    if (!finding) return null;
    finding.silencedUntilMs = untilMs;
    return this.recordNow(nowMs, 'silenced', finding);
  }

  /** An operator's change outside an evaluation: stored with its event at once. */
  private recordNow(nowMs: number, kind: FindingChangeKind, finding: Finding): FindingChange {
    const change = this.record(nowMs, kind, finding);
    this.store.recordChange(change);
    return change;
  }

  addMaintenance(window: MaintenanceWindow): void {
    this.windows.push(window);
    this.store.recordMaintenance(window);
  }

  maintenanceWindows(): readonly MaintenanceWindow[] {
    return this.windows;
  }

  get(id: number): Finding | undefined {
    return this.byId.get(id);
  }

  /** Every finding known, newest first. */
  all(): Finding[] {
    return [...this.byId.values()].sort((left, right) => right.lastSeenMs - left.lastSeenMs);
  }

  suppression(finding: Finding, atMs: number): 'silenced' | 'maintenance' | null {
    if (finding.silencedUntilMs !== null && atMs < finding.silencedUntilMs) return 'silenced';
    const inMaintenance = (node: string) =>
      this.windows.some(
        (window) => window.node === node && atMs >= window.fromMs && atMs < window.untilMs,
      );
    if (finding.nodes.length > 0 && finding.nodes.every(inMaintenance)) return 'maintenance';
    return null;
  }

  private observe(nowMs: number, findingClass: FindingClass, draft: FindingDraft) {
    const key = findingKey(draft);
    const known = this.byKey.get(key);
    if (!known) return this.open(nowMs, findingClass, draft);
    if (known.state === 'resolved') {
      if (known.resolvedMs !== null && nowMs - known.resolvedMs > this.config.reopenWindowMs) {
        this.byKey.delete(key); // too long ago: a new finding, the old one stays as it was
        return this.open(nowMs, findingClass, draft);
      }
      Object.assign(known, draftFields(draft), { state: 'new', resolvedMs: null });
      known.reopenCount++;
      known.acknowledged = null;
      return this.confirm(nowMs, known, 'reopened');
    }
    const changed = known.severity !== draft.severity || known.title !== draft.title;
    Object.assign(known, draftFields(draft));
    known.state = 'ongoing';
    if (changed) return this.confirm(nowMs, known, 'changed');
    known.lastSeenMs = nowMs;
    known.clearEvaluations = 0;
    known.clearSinceMs = null;
    this.storeSilently(nowMs, known);
    return null;
  }

  /**
   * A change nobody is told about (new numbers, a later last-seen): written at most once per
   * `silentWriteMs`, so a fleet of ongoing findings does not rewrite its rows every tick.
   */
  private storeSilently(nowMs: number, finding: Finding): void {
    const last = this.silentWrites.get(finding.id) ?? Number.NEGATIVE_INFINITY;
    if (nowMs - last < this.config.silentWriteMs) return;
    this.silentWrites.set(finding.id, nowMs);
    this.store.update(finding);
  }

  private open(nowMs: number, findingClass: FindingClass, draft: FindingDraft): FindingChange {
    const fresh: Omit<Finding, 'id'> = {
      ...draftFields(draft),
      key: findingKey(draft),
      findingClass,
      state: 'new',
      firstSeenMs: nowMs,
      lastSeenMs: nowMs,
      resolvedMs: null,
      changedMs: nowMs,
      clearEvaluations: 0,
      clearSinceMs: null,
      acknowledged: null,
      silencedUntilMs: null,
      lastAlarmMs: nowMs,
      reopenCount: 0,
    };
    const finding: Finding = { ...fresh, id: this.store.insert(fresh) };
    this.remember(finding);
    return copyChange(nowMs, 'opened', finding);
  }

  private confirm(nowMs: number, finding: Finding, change: FindingChangeKind): FindingChange {
    finding.lastSeenMs = nowMs;
    finding.changedMs = nowMs;
    finding.lastAlarmMs = nowMs;
    finding.clearEvaluations = 0;
    finding.clearSinceMs = null;
    return this.record(nowMs, change, finding);
  }

  private clear(nowMs: number, finding: Finding): FindingChange | null {
    if (finding.state === 'resolved') return null;
    finding.clearEvaluations++;
    finding.clearSinceMs ??= nowMs;
    const clearForMs = nowMs - finding.lastSeenMs;
    if (
      finding.clearEvaluations >= this.config.clearEvaluations &&
      clearForMs >= this.config.clearMs
    ) {
      finding.state = 'resolved';
      finding.resolvedMs = nowMs;
      return this.record(nowMs, 'resolved', finding);
    }
    this.storeSilently(nowMs, finding);
    return null;
  }

  private realarms(nowMs: number): FindingChange[] {
    const changes: FindingChange[] = [];
    for (const finding of this.byKey.values()) {
      if (finding.state === 'resolved' || finding.severity !== 'WARNING') continue;
      if (finding.acknowledged || finding.lastSeenMs !== nowMs) continue;
      if (this.suppression(finding, nowMs) !== null) continue;
      if (nowMs - finding.lastAlarmMs < this.config.realarmIntervalMs) continue;
      finding.lastAlarmMs = nowMs;
      changes.push(this.record(nowMs, 'realarmed', finding));
    }
    return changes;
  }

  private record(nowMs: number, change: FindingChangeKind, finding: Finding): FindingChange {
    this.store.update(finding);
    return copyChange(nowMs, change, finding);
  }

  private remember(finding: Finding): void {
    this.byId.set(finding.id, finding);
    const current = this.byKey.get(finding.key);
    // After a restart the newest finding of an identity is the one that continues.
    if (!current || current.firstSeenMs <= finding.firstSeenMs)
      this.byKey.set(finding.key, finding);
  }
}

export function findingKey(draft: Pick<FindingDraft, 'ruleId' | 'subject'>): string {
  return `${draft.ruleId}|${draft.subject}`;
}

function draftFields(draft: FindingDraft): FindingDraft {
  return {
    ruleId: draft.ruleId,
    subject: draft.subject,
    severity: draft.severity,
    title: draft.title,
    detail: draft.detail,
    numbers: { ...draft.numbers },
    evidence: draft.evidence,
    nodes: [...draft.nodes],
    containers: [...draft.containers],
    actions: [...draft.actions],
  };
}

function copyChange(atMs: number, change: FindingChangeKind, finding: Finding): FindingChange {
  return { atMs, change, finding: structuredClone(finding) };
}

/** The wire form of a finding (shared/api/requests-findings.ts). */
export function findingView(
  finding: Finding,
  suppressed: 'silenced' | 'maintenance' | null,
): FindingView {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: finding.id,
    key: finding.key,
    ruleId: finding.ruleId,
    findingClass: finding.findingClass,
    subject: finding.subject,
    severity: finding.severity,
    title: finding.title,
    detail: finding.detail,
    numbers: finding.numbers,
    evidence: finding.evidence,
    nodes: finding.nodes,
    containers: finding.containers,
    actions: finding.actions,
    state: finding.state,
    firstSeen: iso(finding.firstSeenMs),
    lastSeen: iso(finding.lastSeenMs),
    resolvedAt: finding.resolvedMs === null ? null : iso(finding.resolvedMs),
    acknowledged: finding.acknowledged && {
      by: finding.acknowledged.by,
      note: finding.acknowledged.note,
      at: iso(finding.acknowledged.atMs),
    },
    silencedUntil: finding.silencedUntilMs === null ? null : iso(finding.silencedUntilMs),
    suppressed,
  };
}
