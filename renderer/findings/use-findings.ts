// The open findings, asked on each (re)connection and again whenever the core says they changed.
import { useEffect } from 'react';
import type { ResultOf } from '../../shared/api/contract';
import type { Answer } from '../api/optional-call';
import { useAnswer } from '../api/use-answer';
import { useApi } from '../state/react';

export type FindingView = ResultOf<'findings.list'>[number];

export function useFindings(state: 'open' | 'all' = 'open'): {
  answer: Answer<FindingView[]>;
  refresh(): void;
} {
  const api = useApi();
  const args = state === 'open' ? { state: 'open' as const } : {};
  const { answer, refresh } = useAnswer('findings.list', args, state);
  useEffect(() => api?.on('findings.changed', refresh), [api, refresh]);
  return { answer, refresh };
}

export const severities = ['WARNING', 'INFO', 'SUGGESTION'] as const;
export type Severity = (typeof severities)[number];

/** Open findings per node and severity; a finding naming two nodes counts on both. */
export function countBySeverity(findings: readonly FindingView[], node: string) {
  const counts: Record<Severity, number> = { WARNING: 0, INFO: 0, SUGGESTION: 0 };
  for (const finding of findings) {
    if (finding.nodes.includes(node)) counts[finding.severity]++;
  }
  return counts;
}
