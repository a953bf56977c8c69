// The findings engine's vocabulary (issue #6, DESIGN.md section 5): what a rule reads (History),
// what it returns (FindingDraft) and what it declares about itself (Rule). Rules are pure
// functions of the History; the engine, the lifecycle and the report live around them.
import type { FleetHealth } from '../collect/collector';
import type { FleetVerdict } from '../collect/health';
import type { NullKind } from '../archive/codec';
import type { ContainerLogs, Snapshot } from '../../shared/snapshot';

export type Severity = 'WARNING' | 'INFO' | 'SUGGESTION';

/** Higher is more severe; the report's cycle heading takes the highest. */
export const severityRank: Record<Severity, number> = { WARNING: 3, INFO: 2, SUGGESTION: 1 };

/** The finding classes of DESIGN.md section 5, one rule file (or more) per class. */
export const findingClasses = [
  'channel-unreachable',
  'endpoint-down',
  'client-reconnect-loop',
  'repeated-database-error',
  'memory-leak',
  'oom-kill-pattern',
  'gpu-idle-loaded',
  'gpu-telemetry-lost',
  'gpu-thermal-cycling',
  'clock-drift',
  'container-crash-loop',
  'log-volume',
  'disk-growth',
  'memory-oscillation',
  'version-drift',
  'asymmetric-deployment',
  'cold-state',
  'recent-reboot',
  'cpu-disparity',
  'pipeline-data-loss',
  'missing-key',
  'producer-consumer-race',
  'node-dark',
  'monitoring-blind-spot',
  'resource-pressure',
  // The engine's own: a rule that threw or broke the contract (engine.ts).
  'rule-fault',
] as const;
export type FindingClass = (typeof findingClasses)[number];

// -- what a rule reads ----------------------------------------------------------------------------

/** One sample of one series; `nullKind` says why `value` is null (null when there is a value). */
export interface SeriesSample {
  atMs: number;
  value: number | null;
  nullKind: NullKind | null;
}

/** Filter for `seriesKeys`: every given part must match exactly; `subjectPrefix` by prefix. */
export interface SeriesKeyFilter {
  node?: string;
  subject?: string;
  /** e.g. `container:` for every container series, `gpu:` for every GPU. */
  subjectPrefix?: string;
  metric?: string;
}

/** One container's new log lines at one tick (the snapshot's `logs[container]`). */
export interface LogDigest {
  atMs: number;
  node: string;
  container: string;
  logs: ContainerLogs;
}

export interface LogFilter {
  node?: string;
  container?: string;
  sinceMs?: number;
}

/** Something that happened between ticks: a channel's health change (kind `health`), etc. */
export interface HistoryEvent {
  atMs: number;
  node: string | null;
  kind: string;
  body: unknown;
}

export interface HealthView {
  nodes: FleetHealth;
  verdict: FleetVerdict | null;
}

/**
 * What a rule reads. Series keys are the archive's: `node|subject|metric`, e.g.
 * `vk01|host|load1`, `vk02|container:visionking-visualizer|memoryBytes`,
 * `vk01|gpu:0|temperatureC` (electron/archive/series.ts lists every subject and metric).
 */
export interface History {
  /** The time of the newest tick (the evaluation's "now"); 0 before the first tick. */
  readonly nowMs: number;
  /** The newest snapshot, or null before the first. */
  readonly latest: Snapshot | null;
  /** Recent snapshots with `takenAt` at or after `sinceMs`, oldest first (a bounded window). */
  snapshots(sinceMs: number): readonly Snapshot[];
  /** Samples of one series at or after `sinceMs`, oldest first (up to 24 h are kept). */
  series(key: string, sinceMs: number): readonly SeriesSample[];
  /**
   * Per-minute means of one series from the minute holding `sinceMs`, oldest first: `atMs` is
   * the minute's start; null (with the reason of its last null) for a minute without a value.
   * At most 1,440 points a day: the cheap way to read hours of a series.
   */
  seriesByMinute(key: string, sinceMs: number): readonly SeriesSample[];
  /** Keys of the series seen so far, sorted. */
  seriesKeys(filter?: SeriesKeyFilter): readonly string[];
  /** Log digests, oldest first. */
  logs(filter?: LogFilter): readonly LogDigest[];
  /** Events at or after `sinceMs`, oldest first. */
  events(sinceMs: number): readonly HistoryEvent[];
  /** The channels' health now, or null when nobody reported it (replay of bare snapshots). */
  readonly health: HealthView | null;
}

// -- what a rule returns --------------------------------------------------------------------------

export interface SeriesEvidence {
  key: string;
  fromMs: number;
  toMs: number;
  samples?: SeriesSample[];
}

export interface LogLineEvidence {
  node: string;
  container: string;
  /** The line's own timestamp (ISO), null when it carries none. */
  at: string | null;
  text: string;
}

export interface Evidence {
  series: SeriesEvidence[];
  logLines: LogLineEvidence[];
  values: Record<string, number | string | boolean | null>;
}

export interface FindingDraft {
  ruleId: string;
  /** Stable across ticks: rule + subject is the finding's identity, e.g. `vk02/visualizer`. */
  subject: string;
  severity: Severity;
  title: string;
  /** One or more sentences with the numbers and their units filled in. */
  detail: string;
  /** Name -> number, unit in the name: `rateMbPerHour`, `hoursToLimit`, `swingC`. */
  numbers: Record<string, number | null>;
  evidence: Evidence;
  nodes: string[];
  /** Container names concerned (their nodes are in `nodes`). */
  containers: string[];
  /** Action catalog ids, `domain.verb`: `container.restart`, `gpu.diagnostics`. */
  actions: string[];
}

// -- what a rule declares -------------------------------------------------------------------------

export interface ThresholdSpec {
  value: number;
  /** `MB/h`, `min`, `%`, `°C`, `count`, ... */
  unit: string;
  doc: string;
}

/** Threshold name -> value in use for one evaluation (defaults with overrides applied). */
export type ThresholdValues = Readonly<Record<string, number>>;

export interface Rule {
  id: string;
  findingClass: FindingClass;
  title: string;
  /** What it reads, in words or series patterns: `container:*|memoryBytes`, `logs`, `health`. */
  inputs: string[];
  thresholds: Record<string, ThresholdSpec>;
  /** The sentence it writes, with placeholders: `{container} on {node} grows {rateMbPerHour}`. */
  sentence: string;
  actions: string[];
  /** When the finding resolves, in words. */
  resolution: string;
  evaluate(history: History, thresholds: ThresholdValues): FindingDraft[];
}

/** Overrides of threshold defaults: rule id -> threshold name -> value. */
export type ThresholdOverrides = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** A rule's thresholds with the overrides that name it applied; unknown names are ignored. */
export function resolveThresholds(rule: Rule, overrides: ThresholdOverrides = {}): ThresholdValues {
  const values: Record<string, number> = {};
  for (const [name, spec] of Object.entries(rule.thresholds)) values[name] = spec.value;
  for (const [name, value] of Object.entries(overrides[rule.id] ?? {})) {
    if (name in values && Number.isFinite(value)) values[name] = value;
  }
  return values;
}

/** An empty evidence record, for rules to fill. */
export function emptyEvidence(): Evidence {
  return { series: [], logLines: [], values: {} };
}
