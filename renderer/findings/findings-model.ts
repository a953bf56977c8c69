// The findings as the reference Live Improvements Report lays them out: cycles (the moments
// findings appeared), newest first, each headed by its highest severity, findings numbered within
// it, WARNING before INFO before SUGGESTION. Filters by severity, node and state. Pure.
import type { FindingView, Severity } from './use-findings';

export const severityRank: Record<Severity, number> = { WARNING: 3, INFO: 2, SUGGESTION: 1 };

export interface FindingsFilter {
  severities: ReadonlySet<Severity>;
  /** Empty: every node. */
  node: string;
  state: 'open' | 'resolved' | 'all';
}

export interface Cycle {
  /** The minute the cycle's findings first appeared, ISO. */
  at: string;
  severity: Severity;
  findings: FindingView[];
}

export function filterFindings(findings: readonly FindingView[], filter: FindingsFilter) {
  return findings.filter(
    (finding) =>
      filter.severities.has(finding.severity) &&
      (filter.node === '' || finding.nodes.includes(filter.node)) &&
      (filter.state === 'all' || (filter.state === 'resolved') === (finding.state === 'resolved')),
  );
}

export function groupIntoCycles(findings: readonly FindingView[]): Cycle[] {
  const byMinute = new Map<string, FindingView[]>();
  for (const finding of findings) {
    const minute = new Date(Math.floor(Date.parse(finding.firstSeen) / 60_000) * 60_000);
    const key = minute.toISOString();
    byMinute.set(key, [...(byMinute.get(key) ?? []), finding]);
  }
  return [...byMinute.entries()]
    .sort(([a], [b]) => Date.parse(b) - Date.parse(a))
    .map(([at, members]) => {
      const sorted = [...members].sort(
        (a, b) => severityRank[b.severity] - severityRank[a.severity] || a.id - b.id,
      );
      return { at, severity: sorted[0]?.severity ?? 'SUGGESTION', findings: sorted };
    });
}

/** The node view or trend view a finding's evidence series points to, for a jump link. */
export function evidenceTarget(seriesKey: string): 'gpus' | 'containers' | 'nodes' {
  const subject = seriesKey.split('|')[1] ?? '';
  if (subject.startsWith('gpu:')) return 'gpus';
  if (subject.startsWith('container:')) return 'containers';
  return 'nodes';
}
