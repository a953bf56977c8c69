// Preferences of this window: theme, wall-display mode, sound and desktop alerts. Kept in
// localStorage as JSON; anything unreadable falls back to the default, field by field.

export const themes = ['dark', 'light'] as const;
export type Theme = (typeof themes)[number];

export interface Preferences {
  theme: Theme;
  /** Large type and the views cycling by themselves, for a screen on the wall. */
  wallDisplay: boolean;
  /** A short tone with each new WARNING alert. */
  sound: boolean;
  /** Web (or desktop) notifications for each new WARNING. */
  notifications: boolean;
}

export const PREFERENCES_STORAGE_KEY = 'controlRoom.preferences';

export const defaultPreferences: Preferences = {
  theme: 'dark',
  wallDisplay: false,
  sound: false,
  notifications: false,
};

/** Reads what was stored; a field that is missing or of the wrong type takes its default. */
export function parsePreferences(stored: string | null): Preferences {
  let value: unknown = null;
  try {
    value = stored === null ? null : JSON.parse(stored);
  } catch {
    value = null;
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  return {
    theme: themes.includes(record.theme as Theme) ? (record.theme as Theme) : 'dark',
    wallDisplay: booleanOr(record.wallDisplay, defaultPreferences.wallDisplay),
    sound: booleanOr(record.sound, defaultPreferences.sound),
    notifications: booleanOr(record.notifications, defaultPreferences.notifications),
  };
}

function booleanOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}
