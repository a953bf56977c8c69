// Human-readable sizes and percentages as printed by docker, free, df and nvidia-smi.
import { finiteOrNull, toNumber } from './parse-result';

const KIBI = 1024;
const KILO = 1000;

/**
 * Bytes per unit. Docker prints decimal units as `kB`/`MB`/`GB` and binary ones as
 * `KiB`/`MiB`/`GiB`; procps `free -h` prints bare `K`/`M`/`G` meaning binary units.
 */
const bytesPerUnit: Record<string, number> = {
  b: 1,
  kb: KILO,
  mb: KILO ** 2,
  gb: KILO ** 3,
  tb: KILO ** 4,
  pb: KILO ** 5,
  kib: KIBI,
  mib: KIBI ** 2,
  gib: KIBI ** 3,
  tib: KIBI ** 4,
  pib: KIBI ** 5,
  k: KIBI,
  m: KIBI ** 2,
  g: KIBI ** 3,
  t: KIBI ** 4,
  p: KIBI ** 5,
  ki: KIBI,
  mi: KIBI ** 2,
  gi: KIBI ** 3,
  ti: KIBI ** 4,
};

/** `5.629MiB`, `41.16 MiB`, `0 B`, `2.48kB`, `7.6G` → bytes, rounded; null when unreadable. */
export function parseByteSize(text: string): number | null {
  const match = /^\s*([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([A-Za-z]*)\s*$/.exec(text);
  if (!match) return null;
  const amount = toNumber(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  const multiplier = unit === '' ? 1 : bytesPerUnit[unit];
  if (amount === null || multiplier === undefined) return null;
  return finiteOrNull(Math.round(amount * multiplier));
}

/** `0.28%`, `100 %`, `52` → 0.28, 100, 52; null when unreadable. */
export function parsePercent(text: string): number | null {
  const match = /^\s*([+-]?\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  return match ? toNumber(match[1]) : null;
}

/** Durations as chrony and systemd print them: `1us`, `5.224ms`, `8min 32s`, `2h`. */
export function parseDurationMs(text: string): number | null {
  const parts = text.trim().split(/\s+/);
  let totalMs = 0;
  for (const part of parts) {
    const match = /^([+-]?\d+(?:\.\d+)?)(us|µs|ms|s|min|h|d)$/.exec(part);
    if (!match) return null;
    totalMs += Number(match[1]) * millisecondsPer[match[2] as keyof typeof millisecondsPer];
  }
  return parts.length === 0 ? null : finiteOrNull(totalMs);
}

const millisecondsPer = {
  us: 0.001,
  µs: 0.001,
  ms: 1,
  s: 1000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
