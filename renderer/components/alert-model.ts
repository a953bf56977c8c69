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

/** How often a WARNING nobody has acknowledged is raised again. */
export const REPEAT_INTERVAL_MS = 5 * 60_000;

/** A WARNING waiting for acknowledgement, and when it was last raised. */
export interface PendingAlert {
  finding: AlertFinding;
  lastRaisedMs: number;
}

export type PendingAlerts = ReadonlyMap<number, PendingAlert>;

/**
 * The open WARNINGs when the page (re)connects, counted on the badge but not raised at once:
 * they were raised when they opened, and a reload must not raise them all again. The repeat
 * raises them after the interval if they are still waiting.
 */
export function seedPending(findings: readonly AlertFinding[], nowMs: number): PendingAlerts {
  return new Map(
    findings.filter(isAlarming).map((finding) => [finding.id, { finding, lastRaisedMs: nowMs }]),
  );
}

/**
 * The pending WARNINGs after a findings change, and those to raise now: a new, reopened or
 * re-alarmed WARNING, or one not waiting yet, is raised; one acknowledged, silenced, resolved or
 * no longer a WARNING leaves the list.
 */
export function applyChange(
  pending: PendingAlerts,
  changed: FindingsChanged,
  nowMs: number,
): { pending: PendingAlerts; raise: AlertFinding[] } {
  const next = new Map(pending);
  const raised = new Map(findingsToAlert(changed).map((finding) => [finding.id, finding]));
  for (const { finding } of changed.changes) {
    if (!isAlarming(finding)) next.delete(finding.id);
    else if (next.has(finding.id)) next.set(finding.id, { ...next.get(finding.id)!, finding });
    // An INFO that became a WARNING comes as `changed`: new to the operator all the same.
    else raised.set(finding.id, finding);
  }
  for (const finding of raised.values()) next.set(finding.id, { finding, lastRaisedMs: nowMs });
  return { pending: next, raise: [...raised.values()] };
}

/** Pending WARNINGs last raised an interval or more ago: raise them again, marked as now. */
export function dueForRepeat(
  pending: PendingAlerts,
  nowMs: number,
  intervalMs = REPEAT_INTERVAL_MS,
): { pending: PendingAlerts; raise: AlertFinding[] } {
  const due = [...pending.values()].filter((alert) => nowMs - alert.lastRaisedMs >= intervalMs);
  if (due.length === 0) return { pending, raise: [] };
  const next = new Map(pending);
  for (const alert of due) next.set(alert.finding.id, { ...alert, lastRaisedMs: nowMs });
  return { pending: next, raise: due.map((alert) => alert.finding) };
}

/** Largest count the favicon spells out; more shows as `+`. */
const MAX_FAVICON_COUNT = 99;

/**
 * The app's icon with the count on a red disc, as an SVG data URL (the CSP allows `data:`
 * images). The shape of the disc and the number carry it, not the colour alone.
 */
export function badgeFavicon(count: number): string {
  const text = count > MAX_FAVICON_COUNT ? '+' : String(count);
  const size = text.length > 1 ? 14 : 18;
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    '<rect width="32" height="32" rx="6" fill="#0d1117"/>' +
    '<circle cx="16" cy="16" r="9" fill="none" stroke="#79c0ff" stroke-width="3"/>' +
    '<circle cx="21" cy="11" r="11" fill="#da3633" stroke="#ffffff" stroke-width="1.5"/>' +
    `<text x="21" y="${11 + size / 3}" font-size="${size}" font-family="sans-serif" ` +
    `font-weight="bold" text-anchor="middle" fill="#ffffff">${text}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
