// Clock state: `timedatectl show` (key=value, what the probe runs), `timedatectl status` (what
// people paste), `timedatectl timesync-status` and `chronyc tracking`. The reference report found
// log lines three days in the future on one node; these readings say whether its clock is synced
// and by how much it is off.
import type { Clock, MissingMap } from '../../shared/snapshot';
import {
  guarded,
  problem,
  reason,
  splitLines,
  toNumber,
  type Parsed,
  type ParseProblem,
} from './parse-result';
import { parseDurationMs } from './units';

export interface TimedatectlReading {
  timezone: string | null;
  /** "System clock synchronized" (systemd ≥ 239) or "NTP synchronized" (older). */
  ntpSynced: boolean | null;
  /** Whether an NTP client is enabled ("NTP service: active", "NTP enabled: yes", `NTP=yes`). */
  ntpEnabled: boolean | null;
  rtcInLocalTz: boolean | null;
  missing: MissingMap;
}

function yesNo(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  if (/^(yes|active|true)$/i.test(value)) return true;
  if (/^(no|inactive|false)$/i.test(value)) return false;
  return null;
}

interface PrintedClock {
  timezone: string | undefined;
  synced: string | undefined;
  enabled: string | undefined;
  rtcLocal: string | undefined;
}

function readingFrom(printed: PrintedClock): TimedatectlReading {
  const zone = printed.timezone?.replace(/\s*\(.*\)$/, '');
  const reading = {
    timezone: zone === undefined || zone === 'n/a' ? null : zone,
    ntpSynced: yesNo(printed.synced),
    ntpEnabled: yesNo(printed.enabled),
    rtcInLocalTz: yesNo(printed.rtcLocal),
  };
  return { ...reading, missing: readingReasons(reading, printed) };
}

/** `n/a` printed → unavailable; the line not printed at all → not collected. */
function readingReasons(reading: Omit<TimedatectlReading, 'missing'>, printed: PrintedClock) {
  const source: Record<keyof typeof reading, string | undefined> = {
    timezone: printed.timezone,
    ntpSynced: printed.synced,
    ntpEnabled: printed.enabled,
    rtcInLocalTz: printed.rtcLocal,
  };
  const missing: MissingMap = {};
  for (const field of Object.keys(reading) as (keyof typeof reading)[]) {
    if (reading[field] !== null) continue;
    const text = source[field];
    missing[field] =
      text === undefined
        ? reason('not-collected', 'not printed by timedatectl')
        : reason('unavailable', `timedatectl: ${text}`);
  }
  return missing;
}

/** `timedatectl show`: `Timezone=…`, `NTP=yes`, `NTPSynchronized=yes`, `LocalRTC=no`. */
export function parseTimedatectlShow(text: string): Parsed<TimedatectlReading> {
  return guarded(
    () => readingFrom({ timezone: '', synced: '', enabled: '', rtcLocal: '' }),
    () => {
      const { values, problems } = keyValues(text, /^([A-Za-z]+)=(.*)$/);
      const reading = readingFrom({
        timezone: values.Timezone,
        synced: values.NTPSynchronized,
        enabled: values.NTP,
        rtcLocal: values.LocalRTC,
      });
      return { value: reading, problems };
    },
  );
}

/** `timedatectl` / `timedatectl status` as printed for people, old and new key names. */
export function parseTimedatectlStatus(text: string): Parsed<TimedatectlReading> {
  return guarded(
    () => readingFrom({ timezone: '', synced: '', enabled: '', rtcLocal: '' }),
    () => {
      // Continuation lines (DST dates, the RTC warning paragraph) have no `Key:` and are skipped.
      const { values } = keyValues(text, /^\s*([A-Za-z][A-Za-z ]*?):\s*(.*)$/, false);
      const reading = readingFrom({
        timezone: values['Time zone'],
        synced: values['System clock synchronized'] ?? values['NTP synchronized'],
        enabled: values['NTP service'] ?? values['NTP enabled'],
        rtcLocal: values['RTC in local TZ'],
      });
      const problems = Object.keys(values).length === 0 ? [problem(null, 'no fields')] : [];
      return { value: reading, problems };
    },
  );
}

function keyValues(
  text: string,
  pattern: RegExp,
  reportOthers = true,
): { values: Record<string, string>; problems: ParseProblem[] } {
  const values: Record<string, string> = {};
  const problems: ParseProblem[] = [];
  splitLines(text).forEach((line, index) => {
    if (line.trim() === '') return;
    const match = pattern.exec(line);
    if (match) values[match[1] ?? ''] = (match[2] ?? '').trim();
    else if (reportOthers) problems.push(problem(index + 1, 'not a key=value line'));
  });
  return { values, problems };
}

export interface TimesyncStatus {
  server: string | null;
  stratum: number | null;
  /** As timesyncd prints it (NTP convention: positive when the server is ahead of the node). */
  ntpOffsetMs: number | null;
  delayMs: number | null;
  jitterMs: number | null;
  pollIntervalMs: number | null;
  leap: string | null;
}

/** `timedatectl timesync-status` (systemd-timesyncd). */
export function parseTimesyncStatus(text: string): Parsed<TimesyncStatus> {
  const empty = (): TimesyncStatus => ({
    server: null,
    stratum: null,
    ntpOffsetMs: null,
    delayMs: null,
    jitterMs: null,
    pollIntervalMs: null,
    leap: null,
  });
  return guarded(empty, () => {
    const { values } = keyValues(text, /^\s*([A-Za-z][A-Za-z ]*?):\s*(.*)$/, false);
    // `8min 32s (min: 32s; max 34min 8s)`: the part in parentheses is the allowed range.
    const duration = (key: string) => parseDurationMs((values[key] ?? '').replace(/\(.*\)/, ''));
    const status: TimesyncStatus = {
      server: values.Server ?? null,
      stratum: toNumber(values.Stratum),
      ntpOffsetMs: duration('Offset'),
      delayMs: duration('Delay'),
      jitterMs: duration('Jitter'),
      pollIntervalMs: duration('Poll interval'),
      leap: values.Leap ?? null,
    };
    const problems = status.ntpOffsetMs === null ? [problem(null, 'no Offset', 'Offset')] : [];
    return { value: status, problems };
  });
}

export interface ChronyTracking {
  referenceId: string | null;
  referenceName: string | null;
  stratum: number | null;
  /** Node clock minus NTP time: `7495.37 seconds slow` → −7 495 370 ms. */
  offsetMs: number | null;
  lastOffsetMs: number | null;
  rmsOffsetMs: number | null;
  leapStatus: string | null;
  /** chrony has a usable reference: leap status not "Not synchronised" and stratum 1–15. */
  synced: boolean;
}

/** `chronyc tracking`, new (hex Reference ID) and old (dotted IP) forms. */
export function parseChronycTracking(text: string): Parsed<ChronyTracking> {
  return guarded(
    () => ({ ...emptyTracking() }),
    () => {
      const { values } = keyValues(text, /^([A-Za-z][A-Za-z ()]*?)\s*:\s*(.*)$/, false);
      const reference = /^(\S+)(?:\s+\((.*)\))?$/.exec(values['Reference ID'] ?? '');
      const stratum = toNumber(values.Stratum);
      const leapStatus = values['Leap status'] ?? null;
      const tracking: ChronyTracking = {
        referenceId: reference?.[1] ?? null,
        referenceName: reference?.[2] ?? null,
        stratum,
        offsetMs: systemTimeOffsetMs(values['System time']),
        lastOffsetMs: secondsToMs(values['Last offset']),
        rmsOffsetMs: secondsToMs(values['RMS offset']),
        leapStatus,
        synced: leapStatus !== null && !/not sync/i.test(leapStatus) && isStratum(stratum),
      };
      return { value: tracking, problems: trackingProblems(tracking) };
    },
  );
}

function emptyTracking(): ChronyTracking {
  return {
    referenceId: null,
    referenceName: null,
    stratum: null,
    offsetMs: null,
    lastOffsetMs: null,
    rmsOffsetMs: null,
    leapStatus: null,
    synced: false,
  };
}

function isStratum(stratum: number | null): boolean {
  return stratum !== null && stratum >= 1 && stratum <= 15;
}

function trackingProblems(tracking: ChronyTracking): ParseProblem[] {
  return tracking.offsetMs === null ? [problem(null, 'no System time', 'System time')] : [];
}

/** `0.000052616 seconds slow of NTP time` → −0.052616 ms (slow = behind). */
function systemTimeOffsetMs(text: string | undefined): number | null {
  const match = /^([\d.]+) seconds (slow|fast)/.exec(text ?? '');
  if (!match) return null;
  const milliseconds = Number(match[1]) * 1000;
  return match[2] === 'slow' ? -milliseconds : milliseconds;
}

function secondsToMs(text: string | undefined): number | null {
  const seconds = toNumber(/^([+-]?[\d.]+) seconds/.exec(text ?? '')?.[1]);
  return seconds === null ? null : seconds * 1000;
}

/**
 * The snapshot's clock from what was read: timedatectl for sync state and time zone, chrony or
 * timesyncd for the offset. Whatever is missing carries its reason.
 */
export function clockFrom(
  timedatectl: TimedatectlReading | null,
  offset: { offsetMs: number | null; source: string } | null,
): Clock {
  const missing: MissingMap = {};
  const ntpSynced = timedatectl?.ntpSynced ?? null;
  const timezone = timedatectl?.timezone ?? null;
  const offsetMs = offset?.offsetMs ?? null;
  const noTimedatectl = reason('not-collected', 'timedatectl was not read');
  if (ntpSynced === null) missing.ntpSynced = timedatectl?.missing.ntpSynced ?? noTimedatectl;
  if (timezone === null) missing.timezone = timedatectl?.missing.timezone ?? noTimedatectl;
  if (offsetMs === null) {
    const detail = offset ? `${offset.source} printed no offset` : 'no chrony or timesyncd';
    missing.offsetMs = reason(offset ? 'unparsed' : 'not-collected', detail);
  }
  return { ntpSynced, offsetMs, timezone, missing };
}
