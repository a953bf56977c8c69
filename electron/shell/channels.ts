// The few IPC channels between the main process and the preload. Contract traffic never uses
// them: it travels over the MessagePort handed over on CORE_PORT_CHANNEL.

/** Main → preload: carries one MessagePort connected to the core (in `event.ports`). */
export const CORE_PORT_CHANNEL = 'core-port';

/** Main → preload: the core process went away; the payload says whether it is coming back. */
export const CORE_DOWN_CHANNEL = 'core-down';

/** Main → preload: the absolute path of a bundle the operator opened with the app. */
export const OPEN_BUNDLE_CHANNEL = 'open-bundle';

/** Preload → main: a message from the core the preload could not use, for the main log. */
export const PRELOAD_PROBLEM_CHANNEL = 'preload-problem';

/**
 * Preload → main, invoked: a secrets request of the contract (`{ name, args }`), answered with a
 * Reply by the main process, which holds safeStorage (secrets-main.ts); no secret comes back.
 */
export const SECRETS_CHANNEL = 'secrets';

/** Preload → main: a WARNING to show as a desktop notification (a `DesktopAlert`). */
export const ALERT_NOTIFY_CHANNEL = 'alert-notify';

/** Preload → main: how many WARNINGs wait for acknowledgement, for the icon's badge. */
export const ALERT_BADGE_CHANNEL = 'alert-badge';

/** Payload of CORE_DOWN_CHANNEL. `restartInMs` is null when no restart is planned (quitting). */
export interface CoreDownNotice {
  reason: string;
  restartInMs: number | null;
}

/** Longest problem text the main process accepts from the preload, in characters. */
export const MAX_PROBLEM_LENGTH = 2_000;
