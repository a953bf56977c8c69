// The plant's time zone, read from its nodes' clocks (`timedatectl`), so plant time is shown as
// the people on the line read it, not in the viewer's zone.
import type { Snapshot } from '../../shared/snapshot';

/** The zone the nodes' clocks report, when they agree on one Intl knows; null otherwise. */
export function plantTimeZone(snapshot: Snapshot | null): string | null {
  const zones = new Set(
    Object.values(snapshot?.nodes ?? {}).flatMap((node) => node.host?.clock?.timezone ?? []),
  );
  const [zone] = zones;
  if (zones.size !== 1 || zone === undefined) return null;
  return isTimeZone(zone) ? zone : null;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
