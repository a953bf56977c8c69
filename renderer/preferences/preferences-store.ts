// The preferences as a small zustand store, saved on every change and applied to <html>
// (`data-theme`, `data-wall`) so the stylesheet follows without React re-rendering the frame.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { parsePreferences, PREFERENCES_STORAGE_KEY, type Preferences } from './preferences';

export const preferencesStore = createStore<Preferences>()(() => parsePreferences(readStored()));

function readStored(): string | null {
  try {
    return window.localStorage.getItem(PREFERENCES_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void {
  preferencesStore.setState({ [key]: value } as Pick<Preferences, K>);
}

export function usePreference<K extends keyof Preferences>(key: K): Preferences[K] {
  return useStore(preferencesStore, (preferences) => preferences[key]);
}

/** Applies the preferences to the document now and after every change. */
export function applyPreferencesToDocument(): () => void {
  const apply = (preferences: Preferences): void => {
    const root = document.documentElement;
    root.dataset.theme = preferences.theme;
    root.dataset.wall = preferences.wallDisplay ? 'on' : 'off';
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify(preferences));
  };
  apply(preferencesStore.getState());
  return preferencesStore.subscribe(apply);
}
