// How the programs on a node write times and sizes: Docker (RFC 3339 with nanoseconds, Go's
// `2006-01-02 15:04:05 -0700 MST`, "Up 2 hours", "120MB"), Python logging, PostgreSQL, NestJS,
// gunicorn and Redis. The demo's outputs must be byte-for-byte what the parsers meet on a node.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `-03:00` → -180. */
export function offsetMinutes(utcOffset: string): number {
  const match = /^([+-])(\d\d):(\d\d)$/.exec(utcOffset);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

interface WallClock {
  year: string;
  month: string;
  day: string;
  hours: number;
  minutes: string;
  seconds: string;
  millis: string;
  weekday: number;
  monthIndex: number;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The wall clock at `atMs` in a fixed UTC offset (the plant has no daylight saving time). */
export function wallClock(atMs: number, offsetMinutesValue: number): WallClock {
  const shifted = new Date(Math.floor(atMs) + offsetMinutesValue * 60_000);
  return {
    year: String(shifted.getUTCFullYear()),
    month: pad(shifted.getUTCMonth() + 1),
    day: pad(shifted.getUTCDate()),
    hours: shifted.getUTCHours(),
    minutes: pad(shifted.getUTCMinutes()),
    seconds: pad(shifted.getUTCSeconds()),
    millis: pad(shifted.getUTCMilliseconds(), 3),
    weekday: shifted.getUTCDay(),
    monthIndex: shifted.getUTCMonth(),
  };
}

function date(clock: WallClock): string {
  return `${clock.year}-${clock.month}-${clock.day}`;
}

function time(clock: WallClock): string {
  return `${pad(clock.hours)}:${clock.minutes}:${clock.seconds}`;
}

/** `-0300`, as Go and gunicorn print an offset. */
export function compactOffset(offsetMinutesValue: number): string {
  const sign = offsetMinutesValue < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutesValue);
  return `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

/** Python logging's asctime: `2026-02-18 23:02:11,123`. */
export function pythonTime(atMs: number, offset: number): string {
  const clock = wallClock(atMs, offset);
  return `${date(clock)} ${time(clock)},${clock.millis}`;
}

/** PostgreSQL's log_line_prefix %m in the images' default UTC: `2026-02-19 02:01:00.412 UTC`. */
export function postgresTime(atMs: number): string {
  const clock = wallClock(atMs, 0);
  return `${date(clock)} ${time(clock)}.${clock.millis} UTC`;
}

/** NestJS's ConsoleLogger (en-US locale): `02/18/2026, 9:40:02 PM`. */
export function nestTime(atMs: number, offset: number): string {
  const clock = wallClock(atMs, offset);
  const hours12 = clock.hours % 12 === 0 ? 12 : clock.hours % 12;
  const half = clock.hours < 12 ? 'AM' : 'PM';
  const day = `${clock.month}/${clock.day}/${clock.year}`;
  return `${day}, ${hours12}:${clock.minutes}:${clock.seconds} ${half}`;
}

/** gunicorn's `%(asctime)s` in brackets' content: `2026-02-18 22:52:13 -0300`. */
export function gunicornTime(atMs: number, offset: number): string {
  const clock = wallClock(atMs, offset);
  return `${date(clock)} ${time(clock)} ${compactOffset(offset)}`;
}

/** Redis/KeyDB's log time (UTC in the container): `18 Feb 2026 21:39:31.118`. */
export function redisTime(atMs: number): string {
  const clock = wallClock(atMs, 0);
  return `${clock.day} ${MONTHS[clock.monthIndex]} ${clock.year} ${time(clock)}.${clock.millis}`;
}

/** Go's time.String() as Docker prints CreatedAt: `2026-02-10 14:02:11 -0300 -03`. */
export function goTime(atMs: number, offset: number): string {
  const clock = wallClock(atMs, offset);
  const zone = compactOffset(offset);
  const abbreviation = offset === 0 ? 'UTC' : zone.slice(0, 3);
  return `${date(clock)} ${time(clock)} ${zone} ${abbreviation}`;
}

/** `timedatectl show`'s TimeUSec: `Wed 2026-02-18 23:02:11 -03`. */
export function systemdTime(atMs: number, offset: number): string {
  const clock = wallClock(atMs, offset);
  const zone = offset === 0 ? 'UTC' : compactOffset(offset).slice(0, 3);
  return `${WEEKDAYS[clock.weekday]} ${date(clock)} ${time(clock)} ${zone}`;
}

/** RFC 3339 in UTC with nanoseconds, trailing zeros dropped, as Go's RFC3339Nano prints. */
export function rfc3339Nano(atUs: number, nanos = 0): string {
  const wholeMs = Math.floor(atUs / 1000);
  const micros = atUs - wholeMs * 1000;
  const base = new Date(wholeMs).toISOString().slice(0, 19);
  const fraction = `${pad(wholeMs % 1000, 3)}${pad(micros, 3)}${pad(nanos, 3)}`.replace(/0+$/, '');
  return fraction ? `${base}.${fraction}Z` : `${base}Z`;
}

/** An RFC 3339 time with up to nine fraction digits → whole microseconds and the nanoseconds. */
export function parseRfc3339(text: string): { atUs: number; nanos: number } | null {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!match) return null;
  const secondsMs = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(secondsMs)) return null;
  const digits = (match[2] ?? '').padEnd(9, '0');
  return { atUs: secondsMs * 1000 + Number(digits.slice(0, 6)), nanos: Number(digits.slice(6)) };
}

/** go-units HumanDuration, which `docker ps` uses for "Up …" and "… ago". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** go-units HumanSizeWithPrecision(size, 3), as `docker ps` prints Size: `120MB`, `5.78GB`. */
export function humanSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < DECIMAL_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${Number(value.toPrecision(3))}${DECIMAL_UNITS[unit]}`;
}

/** `{"a":"<"}` the way Go's encoding/json writes it: <, > and & escaped. */
export function goJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026');
}
