// Which findings changes raise an alert: a WARNING that opened, reopened or re-alarmed, and is
// neither acknowledged nor suppressed. Pure, so the rule is tested without a browser.
import type { PayloadOf } from '../../shared/api/contract';

export type FindingsChanged = PayloadOf<'findings.changed'>;
export type AlertFinding = FindingsChanged['changes'][number]['finding'];

const alarmingChanges = new Set(['opened', 'reopened', 'realarmed']);

export function findingsToAlert(changed: FindingsChanged): AlertFinding[] {
  return changed.changes
    .filter(({ change, finding }) => alarmingChanges.has(change) && isAlarming(finding))
    .map(({ finding }) => finding);
}

export function isAlarming(finding: AlertFinding): boolean {
  return (
    finding.severity === 'WARNING' &&
    finding.state !== 'resolved' &&
    finding.acknowledged === null &&
    finding.suppressed === null
  );
}

/**
 * The ids of WARNINGs still waiting for someone: those alerted, less those a later change shows
 * acknowledged, silenced or resolved.
 */
export function pendingAfter(pending: ReadonlySet<number>, changed: FindingsChanged): Set<number> {
  const next = new Set(pending);
  for (const { finding } of changed.changes) {
    if (isAlarming(finding)) {
      if (next.has(finding.id) || findingsToAlert(changed).includes(finding)) next.add(finding.id);
    } else next.delete(finding.id);
  }
  return next;
}
