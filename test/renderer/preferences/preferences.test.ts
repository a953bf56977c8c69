import { describe, expect, it } from 'vitest';
import { defaultPreferences, parsePreferences } from '../../../renderer/preferences/preferences';
import { isStale, STALE_AFTER_MS } from '../../../renderer/components/staleness';
import { nextWallView, WALL_VIEWS } from '../../../renderer/components/wall-display';

describe('preferences', () => {
  it('start dark, without wall display, sound or notifications', () => {
    expect(parsePreferences(null)).toEqual({
      theme: 'dark',
      wallDisplay: false,
      sound: false,
      notifications: false,
    });
  });

  it('read what was stored, field by field, defaulting what is unreadable', () => {
    expect(parsePreferences('{"theme":"light","sound":true,"wallDisplay":"yes"}')).toEqual({
      ...defaultPreferences,
      theme: 'light',
      sound: true,
    });
    expect(parsePreferences('{"theme":"purple"}').theme).toBe('dark');
    expect(parsePreferences('not json')).toEqual(defaultPreferences);
    expect(parsePreferences('[1,2]')).toEqual(defaultPreferences);
  });
});

describe('staleness', () => {
  it('starts when the core is away or no snapshot came for four ticks', () => {
    expect(isStale('connected', 1_000, 1_000 + STALE_AFTER_MS)).toBe(false);
    expect(isStale('connected', 1_000, 1_001 + STALE_AFTER_MS)).toBe(true);
    expect(isStale('offline', 1_000, 1_000)).toBe(true);
    // Nothing on screen yet: nothing is stale.
    expect(isStale('offline', null, 1_000)).toBe(false);
  });
});

describe('wall display', () => {
  it('cycles through its views and starts over, from any view', () => {
    const seen = [nextWallView('settings')];
    for (let step = 1; step < WALL_VIEWS.length + 1; step++) {
      seen.push(nextWallView(seen.at(-1) ?? 'overview'));
    }
    expect(seen).toEqual([...WALL_VIEWS, WALL_VIEWS[0]]);
  });
});
