// Numbers and times of the Overview, written with Intl in the interface language. Pure functions
// of (value, language), so both languages are tested without a browser.

const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 60 * SECONDS_PER_MINUTE;
const SECONDS_PER_DAY = 24 * SECONDS_PER_HOUR;

type DurationUnit = 'day' | 'hour' | 'minute';

/** `2 days 3 hr` / `2 dias 3 h`: the largest unit that is not zero and the next one unless it is
 * zero; `0 min` under a minute. */
export function formatUptime(uptimeSeconds: number, language: string): string {
  const parts: [DurationUnit, number][] = [
    ['day', Math.floor(uptimeSeconds / SECONDS_PER_DAY)],
    ['hour', Math.floor((uptimeSeconds % SECONDS_PER_DAY) / SECONDS_PER_HOUR)],
    ['minute', Math.floor((uptimeSeconds % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE)],
  ];
  const firstUsed = parts.findIndex(([, amount]) => amount > 0);
  const shown =
    firstUsed === -1
      ? parts.slice(-1)
      : parts
          .slice(firstUsed, firstUsed + 2)
          .filter(([, amount], index) => index === 0 || amount > 0);

  const units = shown.map(([unit, amount]) =>
    new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }).format(amount),
  );
  return new Intl.ListFormat(language, { style: 'narrow', type: 'unit' }).format(units);
}

/** Load average to two decimals at most: `1.75` / `1,75`. */
export function formatLoad(load1: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(load1);
}

/** A percentage given as 0–100, whole: `80%` / `80%`. */
export function formatPercent(percent: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(
    percent / 100,
  );
}

export function formatCount(count: number, language: string): string {
  return new Intl.NumberFormat(language).format(count);
}

export function formatCelsius(temperatureC: number, language: string): string {
  const options = { style: 'unit', unit: 'celsius', maximumFractionDigits: 0 } as const;
  return new Intl.NumberFormat(language, options).format(temperatureC);
}

/** Date and time with seconds and the zone's name, in the plant's zone when it is known. */
export function formatPlantTime(isoTime: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'long',
    timeZone,
  }).format(new Date(isoTime));
}

/** `3 minutes ago` / `há 3 minutos`, in the largest unit that fits. */
export function formatAgo(ageSeconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'long' });
  const seconds = Math.max(0, Math.round(ageSeconds));
  if (seconds < SECONDS_PER_MINUTE) return format.format(-seconds, 'second');
  if (seconds < SECONDS_PER_HOUR) return format.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < SECONDS_PER_DAY) {
    return format.format(-Math.floor(seconds / SECONDS_PER_HOUR), 'hour');
  }
  return format.format(-Math.floor(seconds / SECONDS_PER_DAY), 'day');
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** Decimal units as `docker` and `df -H` print them: `1.2 GB` / `1,2 GB`. */
export function formatBytes(bytes: number, language: string): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: byteUnits[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** The same moment in the plant's zone, short: `21:45` / `21:45`, with seconds when asked. */
export function formatClock(isoTime: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone }).format(
    new Date(isoTime),
  );
}

/** Watts, whole: `11 W` (Intl has no watt unit; the symbol is the same in both languages). */
export function formatWatts(watts: number, language: string): string {
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(watts)} W`;
}
