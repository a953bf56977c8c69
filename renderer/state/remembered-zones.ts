// The plant time zone of each deployment this browser has seen, kept in localStorage, so a page
// opened (or reloaded) while SSH is down everywhere still shows plant time in the plant's zone
// instead of falling back to the viewer's. The nodes' clocks stay the authority: a zone read from
// them replaces the remembered one at once.
import { isTimeZone } from './plant-time-zone';

export const REMEMBERED_ZONES_STORAGE_KEY = 'control-room.plant-time-zones';
/** More deployments than any one workstation watches; the oldest entries go first. */
const MAX_REMEMBERED = 50;

export type RememberedZones = Readonly<Record<string, string>>;

/** Reads what is stored, keeping only deployment → valid IANA zone pairs. */
export function parseRememberedZones(text: string | null): RememberedZones {
  let stored: unknown;
  try {
    stored = JSON.parse(text ?? '{}');
  } catch {
    return {};
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const entries = Object.entries(stored).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && isTimeZone(entry[1]),
  );
  return Object.fromEntries(entries.slice(-MAX_REMEMBERED));
}

/** The zones with `deployment`'s set to `zone`, moved to the newest place. */
export function withRememberedZone(
  zones: RememberedZones,
  deployment: string,
  zone: string,
): RememberedZones {
  const { [deployment]: _previous, ...others } = zones;
  return Object.fromEntries([...Object.entries(others), [deployment, zone]].slice(-MAX_REMEMBERED));
}

export function readRememberedZones(storage: Pick<Storage, 'getItem'>): RememberedZones {
  try {
    return parseRememberedZones(storage.getItem(REMEMBERED_ZONES_STORAGE_KEY));
  } catch {
    return {};
  }
}

export function storeRememberedZones(
  storage: Pick<Storage, 'setItem'>,
  zones: RememberedZones,
): void {
  try {
    storage.setItem(REMEMBERED_ZONES_STORAGE_KEY, JSON.stringify(zones));
  } catch {
    // Storage full or refused: plant time then falls back as it would without memory.
  }
}
