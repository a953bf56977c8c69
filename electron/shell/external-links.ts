// The links the desktop app hands to the system browser: only an http(s) address the watched
// fleet names as one of a node's endpoints (Portainer, pgAdmin, ...). The page asks by opening a
// window; the address it asks for is checked against the fleet here, never trusted.
import { shell } from 'electron';
import type { Fleet } from '../../shared/fleet';
import { demoFleet } from '../demo/demo-fleet';
import { loadDefaultScenario } from '../demo/scenario';
import { loadFleetFile } from '../fleet/load';
import { createLogger } from '../log';

const log = createLogger('links');

/** Answers the fleet's endpoint addresses at the moment of asking. */
export type FleetLinks = () => ReadonlySet<string>;

/** The address in its normal form when it is http or https, else null. */
export function httpAddress(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** What the log may say of an address: its origin, never a path, query or user name. */
export function originOf(text: string): string {
  try {
    return new URL(text).origin;
  } catch {
    return 'an unparsable address';
  }
}

export function endpointLinks(fleet: Fleet): Set<string> {
  const links = new Set<string>();
  for (const node of Object.values(fleet.nodes)) {
    for (const url of Object.values(node.endpoints ?? {})) {
      const address = httpAddress(url);
      if (address !== null) links.add(address);
    }
  }
  return links;
}

/**
 * The endpoints of the fleet the core watches: the file in CONTROL_ROOM_FLEET (read again at each
 * request, so an edit made in Settings counts), or the demo plant's. A broken file names none.
 */
export function watchedFleetLinks(env: NodeJS.ProcessEnv = process.env): ReadonlySet<string> {
  const file = env.CONTROL_ROOM_FLEET;
  if (!file) return endpointLinks(demoFleet(loadDefaultScenario()));
  const result = loadFleetFile(file);
  return result.ok ? endpointLinks(result.fleet) : new Set();
}

/** Opens `url` in the system browser when the fleet names it; tells whether it did. */
export function openFleetLink(url: string, links: ReadonlySet<string>): boolean {
  const address = httpAddress(url);
  if (address === null || !links.has(address)) return false;
  const origin = originOf(address);
  // The one call electronegativity asks to review (OPEN_EXTERNAL_JS_CHECK): reviewed, since
  // `address` is an http(s) URL the fleet file names. This module is bundled alone under the
  // tool's marker for that check (electron.vite.config.ts), so any other call is still flagged.
  shell.openExternal(address).then(
    () => log.info({ origin }, 'opened a fleet endpoint in the system browser'),
    (error: unknown) => log.warn({ origin, err: error }, 'the system browser did not open'),
  );
  return true;
}
