// A node whose clock is wrong: lines stamped days ahead of when Docker received them, a
// measured offset from the reference time, or NTP not synchronized. Reference report
// 2026-02-18 22:08 #5: dw-sis-surface on vk02 writes 2026-02-21 18:00:01 (3 days ahead).
import type { FindingDraft, History, Rule, ThresholdValues } from '../types';
import {
  type Actions,
  draft,
  formatDuration,
  HOUR_MS,
  latestNodes,
  lineEvidence,
  type LogEntry,
  MINUTE_MS,
  round,
  selectedEntries,
  threshold,
} from './common';

const RULE_ID = 'clock-drift';

/** A timestamp inside a line: date, time, fraction, and a zone when it names one. */
const EMBEDDED = new RegExp(
  String.raw`(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?` +
    String.raw`(\s?(?:UTC|Z)|\s?[+-]\d{2}:?\d{2})?`,
);
/** Only a stamp near the start of a line is the line's own (not a date it talks about). */
const MAX_STAMP_INDEX = 40;
/** Any zone on Earth is within 14 h of UTC: the slack for a stamp whose zone is unknown. */
const MAX_ZONE_MS = 14 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** The wall-clock time of an instant in a zone, as if that wall clock were UTC. */
function wallClockMs(atMs: number, timezone: string): number | null {
  if (!formatters.has(timezone)) {
    try {
      const options: Intl.DateTimeFormatOptions = {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      };
      formatters.set(timezone, new Intl.DateTimeFormat('en-US', options));
    } catch {
      formatters.set(timezone, null);
    }
  }
  const formatter = formatters.get(timezone);
  if (!formatter) return null;
  const parts = Object.fromEntries(
    formatter.formatToParts(atMs).map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  );
  return wall + (atMs % 1000);
}

/** How far a line's own stamp is ahead (+) of Docker's, or null when it has none. */
export function lineSkewMs(entry: LogEntry, timezone: string | null): number | null {
  const match = EMBEDDED.exec(entry.message);
  if (!match || match.index > MAX_STAMP_INDEX || !Number.isFinite(entry.atMs)) return null;
  const [, year, month, day, hour, minute, second, fraction = '0', zone] = match;
  const millis = Math.round(Number(`0.${fraction}`) * 1000);
  const asUtc = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second!, millis);
  const zoneText = zone?.trim();
  if (zoneText === 'UTC' || zoneText === 'Z') return asUtc - entry.atMs;
  if (zoneText) {
    const sign = zoneText.startsWith('-') ? -1 : 1;
    const digits = zoneText.replace(/[^0-9]/g, '');
    const offsetMs = sign * (+digits.slice(0, 2) * HOUR_MS + +digits.slice(2) * MINUTE_MS);
    return asUtc - offsetMs - entry.atMs;
  }
  const wall = timezone ? wallClockMs(entry.atMs, timezone) : null;
  if (wall !== null) return asUtc - wall;
  // Zone unknown: only a skew beyond any zone's offset can be told.
  const skew = asUtc - entry.atMs;
  return Math.abs(skew) > MAX_ZONE_MS ? skew - Math.sign(skew) * MAX_ZONE_MS : 0;
}

/** Skews already worked out, per entry (entries are shared, common.ts) and the node's zone. */
const skews = new WeakMap<LogEntry, { timezone: string | null; skewMs: number | null }>();

function cachedSkewMs(entry: LogEntry, timezone: string | null): number | null {
  const known = skews.get(entry);
  if (known?.timezone === timezone) return known.skewMs;
  const skewMs = lineSkewMs(entry, timezone);
  skews.set(entry, { timezone, skewMs });
  return skewMs;
}

function evaluate(history: History, thresholds: ThresholdValues): FindingDraft[] {
  const maxSkewMs = thresholds.maxSkewMinutes! * MINUTE_MS;
  const sinceMs = history.nowMs - thresholds.lookbackHours! * HOUR_MS;
  const drafts: FindingDraft[] = [];
  for (const [node, snapshot] of latestNodes(history)) {
    const clock = snapshot.host?.clock ?? null;
    const timezone = clock?.timezone ?? null;
    const isSkewed = (entry: LogEntry) => {
      const skewMs = cachedSkewMs(entry, timezone);
      return skewMs !== null && Math.abs(skewMs) >= maxSkewMs;
    };
    const skewed = selectedEntries(
      history,
      { node, sinceMs },
      `${RULE_ID}:${timezone}:${maxSkewMs}`,
      isSkewed,
    ).map((entry) => ({ entry, skewMs: cachedSkewMs(entry, timezone)! }));
    const offsetMs = clock?.offsetMs ?? null;
    const offsetBad =
      offsetMs !== null && Math.abs(offsetMs) >= thresholds.maxOffsetSeconds! * 1000;
    const ntpOff = clock?.ntpSynced === false;
    if (skewed.length === 0 && !offsetBad && !ntpOff) continue;
    drafts.push(clockDraft(node, skewed, offsetBad ? offsetMs : null, ntpOff));
  }
  return drafts;
}

function clockDraft(
  node: string,
  skewed: { entry: LogEntry; skewMs: number }[],
  offsetMs: number | null,
  ntpOff: boolean,
): FindingDraft {
  const worst = skewed.reduce<{ entry: LogEntry; skewMs: number } | null>(
    (best, item) => (best === null || Math.abs(item.skewMs) > Math.abs(best.skewMs) ? item : best),
    null,
  );
  const containers = [...new Set(skewed.map((item) => item.entry.container))];
  const parts: string[] = [];
  if (worst) {
    const direction = worst.skewMs > 0 ? 'ahead of' : 'behind';
    parts.push(
      `${skewed.length} log line(s) of ${containers.join(', ')} carry timestamps up to ` +
        `${formatDuration(Math.abs(worst.skewMs))} ${direction} the time Docker received them ` +
        `(e.g. "${worst.entry.message.slice(0, 80)}" received ${worst.entry.at})`,
    );
  }
  if (offsetMs !== null)
    parts.push(`the clock is ${round(offsetMs / 1000, 1)} s off the reference`);
  if (ntpOff) parts.push('NTP is not synchronized');
  const actions: Actions = ntpOff ? ['clock.check', 'clock.enableNtp'] : ['clock.check'];
  return draft({
    ruleId: RULE_ID,
    subject: node,
    severity: 'SUGGESTION',
    title: `Clock synchronization issue on ${node}`,
    detail:
      `On ${node}: ${parts.join('; ')}. Timestamps are evidence for defect traceability: ` +
      `check timedatectl and the NTP sync status.`,
    numbers: {
      skewedLines: skewed.length,
      maxSkewHours: worst ? round(worst.skewMs / HOUR_MS, 1) : null,
      offsetSeconds: offsetMs === null ? null : round(offsetMs / 1000, 1),
    },
    evidence: {
      logLines: lineEvidence(skewed.map((item) => item.entry)),
      values: { ntpSynced: ntpOff ? false : null },
    },
    nodes: [node],
    containers,
    actions,
  });
}

export const clockDriftRule: Rule = {
  id: RULE_ID,
  findingClass: 'clock-drift',
  title: 'Clock drift',
  inputs: [
    'logs: timestamps inside lines vs Docker stamps',
    'latest host.clock (ntpSynced, offsetMs, timezone)',
  ],
  thresholds: {
    maxSkewMinutes: threshold(
      5,
      'min',
      "A line's own stamp this far from Docker's (after the node's zone) is skewed.",
    ),
    maxOffsetSeconds: threshold(2, 's', 'A measured clock offset at least this large.'),
    lookbackHours: threshold(6, 'h', 'How far back lines are checked.'),
  },
  sentence:
    'On {node}: {skewedLines} log line(s) of {containers} carry timestamps up to ' +
    '{maxSkewHours} h ahead of the time Docker received them; the clock is {offsetSeconds} s ' +
    'off; NTP is not synchronized.',
  actions: ['clock.check', 'clock.enableNtp'],
  resolution: 'No skewed line within the lookback, the offset is small and NTP is synchronized.',
  evaluate,
};
