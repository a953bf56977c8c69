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
