// The Live Improvements Report, in the reference report's shape
// (../shared/reference/visionking-03002-live-improvements-report.md):
//
//   # VisionKing 03002 -- Live Improvements Report
//   ## 2026-02-18 22:08 -- WARNING            (the highest severity in that cycle)
//   1. **[WARNING] Title** — detail
//
// A cycle is one evaluation (or, with `cycleMs`, every evaluation in one window of that length),
// and lists only what is new or changed in it: findings opened, reopened, changed (severity or
// title) or re-alarmed, unless silenced or in a maintenance window then. Findings that resolved
// in the cycle follow as one line. JSON carries the same cycles with the finding ids and numbers.
import type { Finding, FindingChange, FindingChangeKind } from './lifecycle';
import { severityRank, type Severity } from './types';

export interface ReportOptions {
  deployment: string | null;
  /** IANA zone for the headings; the reference report uses the plant's (America/Sao_Paulo). */
  timeZone?: string;
  /** Merge evaluations within windows of this length into one cycle; 0: one per evaluation. */
  cycleMs?: number;
  sinceMs?: number;
  untilMs?: number;
  /** Whether a finding was suppressed (silence, maintenance window) at a moment. */
  suppressed?: (finding: Finding, atMs: number) => boolean;
}

export interface ReportItem {
  number: number;
  severity: Severity;
  title: string;
  detail: string;
  change: FindingChangeKind;
  findingId: number;
  ruleId: string;
  findingClass: string;
  subject: string;
  numbers: Record<string, number | null>;
  nodes: string[];
  containers: string[];
  actions: string[];
}

export interface ReportCycle {
  atMs: number;
  /** `YYYY-MM-DD HH:MM` in the report's time zone. */
  heading: string;
  severity: Severity;
  items: ReportItem[];
  resolved: { findingId: number; title: string }[];
}

export interface Report {
  deployment: string | null;
  timeZone: string;
  cycles: ReportCycle[];
}

const reportedChanges = new Set<FindingChangeKind>(['opened', 'reopened', 'changed', 'realarmed']);

export function buildReport(changes: readonly FindingChange[], options: ReportOptions): Report {
  const timeZone = options.timeZone ?? 'UTC';
  const format = headingFormatter(timeZone);
  const cycleMs = options.cycleMs ?? 0;
  const since = options.sinceMs ?? Number.NEGATIVE_INFINITY;
  const until = options.untilMs ?? Number.POSITIVE_INFINITY;
  const groups = new Map<number, FindingChange[]>();
  for (const change of changes) {
    if (change.atMs < since || change.atMs > until) continue;
    const start = cycleMs > 0 ? change.atMs - (change.atMs % cycleMs) : change.atMs;
    const group = groups.get(start);
    if (group) group.push(change);
    else groups.set(start, [change]);
  }
  const cycles: ReportCycle[] = [];
  for (const [atMs, group] of [...groups].sort((left, right) => left[0] - right[0])) {
    const cycle = buildCycle(atMs, group, options);
    if (cycle) cycles.push({ ...cycle, heading: format(atMs) });
  }
  return { deployment: options.deployment, timeZone, cycles };
}

function buildCycle(
  atMs: number,
  changes: readonly FindingChange[],
  options: ReportOptions,
): Omit<ReportCycle, 'heading'> | null {
  // The last reportable change of each finding in the cycle speaks for it.
  const latest = new Map<number, FindingChange>();
  const resolved = new Map<number, FindingChange>();
  for (const change of changes) {
    const id = change.finding.id;
    if (change.change === 'resolved') {
      resolved.set(id, change);
      latest.delete(id);
    } else if (reportedChanges.has(change.change)) {
      if (options.suppressed?.(change.finding, change.atMs)) continue;
      latest.set(id, change);
      resolved.delete(id);
    }
  }
  if (latest.size === 0 && resolved.size === 0) return null;
  const ordered = [...latest.values()].sort(
    (left, right) =>
      severityRank[right.finding.severity] - severityRank[left.finding.severity] ||
      left.atMs - right.atMs ||
      left.finding.id - right.finding.id,
  );
  const items = ordered.map((change, index) => reportItem(index + 1, change));
  const severity = items.reduce<Severity>(
    (highest, item) =>
      severityRank[item.severity] > severityRank[highest] ? item.severity : highest,
    'SUGGESTION',
  );
  return {
    atMs,
    severity: items.length > 0 ? severity : 'INFO',
    items,
    resolved: [...resolved.values()].map((change) => ({
      findingId: change.finding.id,
      title: change.finding.title,
    })),
  };
}

function reportItem(number: number, change: FindingChange): ReportItem {
  const finding = change.finding;
  return {
    number,
    severity: finding.severity,
    title: finding.title,
    detail: finding.detail,
    change: change.change,
    findingId: finding.id,
    ruleId: finding.ruleId,
    findingClass: finding.findingClass,
    subject: finding.subject,
    numbers: finding.numbers,
    nodes: finding.nodes,
    containers: finding.containers,
    actions: finding.actions,
  };
}

export function renderMarkdown(report: Report): string {
  const lines = [`# VisionKing ${report.deployment ?? 'Control Room'} -- Live Improvements Report`];
  if (report.cycles.length === 0) lines.push('', '_No findings in this period._');
  for (const cycle of report.cycles) {
    lines.push('', `## ${cycle.heading} -- ${cycle.severity}`);
    for (const item of cycle.items) {
      const prefix = item.change === 'realarmed' ? 'Still unacknowledged: ' : '';
      const head = `${item.number}. **[${item.severity}] ${item.title}**`;
      lines.push(`${head} — ${prefix}${item.detail}`);
    }
    if (cycle.resolved.length > 0) {
      lines.push('', `_Resolved: ${cycle.resolved.map((item) => item.title).join('; ')}._`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderReport(report: Report, format: 'md' | 'json'): string {
  return format === 'json' ? renderJson(report) : renderMarkdown(report);
}

/** `2026-02-18 22:08` in a time zone (an unknown zone falls back to UTC, said in the heading). */
export function headingFormatter(timeZone: string): (atMs: number) => string {
  let formatter: Intl.DateTimeFormat;
  let suffix = '';
  try {
    formatter = makeFormatter(timeZone);
  } catch {
    formatter = makeFormatter('UTC');
    suffix = ' UTC';
  }
  return (atMs) => {
    const parts = Object.fromEntries(
      formatter.formatToParts(new Date(atMs)).map((part) => [part.type, part.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${suffix}`;
  };
}

function makeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}
