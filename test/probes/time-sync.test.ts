import { describe, expect, it } from 'vitest';
import {
  clockFrom,
  parseChronycTracking,
  parseTimedatectlShow,
  parseTimedatectlStatus,
  parseTimesyncStatus,
} from '../../electron/probes/time-sync';
import { clockSchema } from '../../shared/snapshot';
import { expectAllCovered, problemTexts, readFixture } from './fixtures';

const FOLDER = '12-time-sync';
const files = {
  chronyOld: 'chronyc-tracking-2017-old-refid-ip-huge-offset-7495s.txt',
  chronySynced: 'chronyc-tracking-synced-opensuse-slow.txt',
  centos: 'timedatectl-status-centos7.7-old-ntp-synchronized-dst.txt',
  balena: 'timedatectl-status-not-synced-balena-tz-na-ntp-na.txt',
  rtcLocal: 'timedatectl-status-rtc-local-warning.txt',
  timesync: 'timedatectl-timesync-status.txt',
};
const read = (file: string) => readFixture(FOLDER, file);

it('covers every time-sync fixture', () => {
  expectAllCovered(FOLDER, Object.values(files));
});

describe('chronyc tracking', () => {
  it('reads a 7495 s slow clock with an old dotted Reference ID', () => {
    const { value, problems } = parseChronycTracking(read(files.chronyOld));
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      referenceId: '10.0.99.22',
      referenceName: 'ntp2.chewy.local',
      stratum: 4,
      leapStatus: 'Normal',
      synced: true,
    });
    expect(value.offsetMs).toBeCloseTo(-7_495_370.605469, 6);
    expect(value.rmsOffsetMs).toBeCloseTo(344_988.952637, 6);
  });

  it('reads a synced clock with a hex Reference ID', () => {
    const { value } = parseChronycTracking(read(files.chronySynced));
    expect(value).toMatchObject({ referenceId: '55C7D664', referenceName: '85.199.214.100' });
    expect(value.offsetMs).toBeCloseTo(-0.052616, 9);
    expect(value.lastOffsetMs).toBeCloseTo(-0.193872, 9);
  });

  it('reads a fast clock as a positive offset and an unsynchronised one as not synced', () => {
    const text = [
      'Reference ID    : 00000000 ()',
      'Stratum         : 0',
      'System time     : 0.250000000 seconds fast of NTP time',
      'Leap status     : Not synchronised',
    ].join('\n');
    const { value } = parseChronycTracking(text);
    expect(value.offsetMs).toBe(250);
    expect(value.synced).toBe(false);
  });

  it('says which line is missing from garbage', () => {
    expect(problemTexts(parseChronycTracking('506 Cannot talk to daemon'))).toEqual([
      'field System time: no System time',
    ]);
  });
});

describe('timedatectl', () => {
  it('reads the old key names of systemd 219 and skips the DST lines', () => {
    const { value, problems } = parseTimedatectlStatus(read(files.centos));
    expect(problems).toEqual([]);
    expect(value).toEqual({
      timezone: 'America/Los_Angeles',
      ntpSynced: true,
      ntpEnabled: true,
      rtcInLocalTz: false,
      missing: {},
    });
  });

  it('reads an unsynced clock with time zone and NTP service n/a as nulls with reasons', () => {
    const { value } = parseTimedatectlStatus(read(files.balena));
    expect(value).toMatchObject({
      timezone: null,
      ntpSynced: false,
      ntpEnabled: null,
      rtcInLocalTz: false,
    });
    expect(value.missing).toEqual({
      timezone: { kind: 'unavailable', detail: 'timedatectl: n/a (UTC, +0000)' },
      ntpEnabled: { kind: 'unavailable', detail: 'timedatectl: n/a' },
    });
  });

  it('reads RTC in local time and ignores the warning paragraph', () => {
    const { value, problems } = parseTimedatectlStatus(read(files.rtcLocal));
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      timezone: 'Europe/Athens',
      ntpSynced: true,
      ntpEnabled: true,
      rtcInLocalTz: true,
    });
  });

  it('reads `timedatectl show` and names lines that are not key=value', () => {
    const text = 'Timezone=America/Sao_Paulo\nLocalRTC=no\nNTP=yes\nNTPSynchronized=no\noops\n';
    const result = parseTimedatectlShow(text);
    expect(result.value).toEqual({
      timezone: 'America/Sao_Paulo',
      ntpSynced: false,
      ntpEnabled: true,
      rtcInLocalTz: false,
      missing: {},
    });
    expect(problemTexts(result)).toEqual(['line 5: not a key=value line']);
  });

  it('reads timesync-status durations in µs, ms and min', () => {
    const { value, problems } = parseTimesyncStatus(read(files.timesync));
    expect(problems).toEqual([]);
    expect(value).toEqual({
      server: '216.239.35.8 (time.google.com)',
      stratum: 1,
      ntpOffsetMs: -5.224,
      delayMs: 65.884,
      jitterMs: 5.386,
      pollIntervalMs: 512_000,
      leap: 'normal',
    });
  });
});

describe('the snapshot clock', () => {
  it('combines timedatectl and chrony into a valid Clock', () => {
    const timedatectl = parseTimedatectlStatus(read(files.centos)).value;
    const chrony = parseChronycTracking(read(files.chronyOld)).value;
    const clock = clockFrom(timedatectl, { offsetMs: chrony.offsetMs, source: 'chrony' });
    expect(clock).toMatchObject({ ntpSynced: true, timezone: 'America/Los_Angeles' });
    expect(clockSchema.safeParse(clock).success).toBe(true);
  });

  it('carries the reasons of what it could not read', () => {
    const timedatectl = parseTimedatectlStatus(read(files.balena)).value;
    const clock = clockFrom(timedatectl, null);
    expect(clock).toEqual({
      ntpSynced: false,
      offsetMs: null,
      timezone: null,
      missing: {
        timezone: { kind: 'unavailable', detail: 'timedatectl: n/a (UTC, +0000)' },
        offsetMs: { kind: 'not-collected', detail: 'no chrony or timesyncd' },
      },
    });
    expect(clockSchema.safeParse(clock).success).toBe(true);
    expect(clockSchema.safeParse(clockFrom(null, null)).success).toBe(true);
  });
});
