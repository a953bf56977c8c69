// What the page keeps of each deployment's plant time zone between visits: only valid zones,
// bounded in number, and nothing that a broken or refused storage can turn into a crash.
import { describe, expect, it } from 'vitest';
import {
  parseRememberedZones,
  readRememberedZones,
  REMEMBERED_ZONES_STORAGE_KEY,
  storeRememberedZones,
  withRememberedZone,
} from '../../../renderer/state/remembered-zones';

describe('remembered plant time zones', () => {
  it('keep only deployments with a zone Intl knows', () => {
    const text = JSON.stringify({ '03002': 'America/Sao_Paulo', x: 'Mars/Olympus', y: 3 });
    expect(parseRememberedZones(text)).toEqual({ '03002': 'America/Sao_Paulo' });
  });

  it('read as none from nothing, broken JSON or the wrong shape', () => {
    for (const text of [null, '', '{', '[]', '"zone"', 'null']) {
      expect(parseRememberedZones(text)).toEqual({});
    }
  });

  it('move an updated deployment to the newest place and keep at most 50', () => {
    let zones = {};
    for (let index = 0; index < 60; index++) {
      zones = withRememberedZone(zones, `d${index}`, 'UTC');
    }
    expect(Object.keys(zones)).toHaveLength(50);
    expect(Object.keys(zones)[0]).toBe('d10');
    const moved = withRememberedZone(zones, 'd10', 'America/Sao_Paulo');
    expect(Object.entries(moved).at(-1)).toEqual(['d10', 'America/Sao_Paulo']);
  });

  it('survive a storage that refuses to read or write', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readRememberedZones(refusing)).toEqual({});
    expect(() => storeRememberedZones(refusing, { '03002': 'UTC' })).not.toThrow();
  });

  it('round-trip through storage under their key', () => {
    const stored = new Map<string, string>();
    const storage = {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    };
    storeRememberedZones(storage, { '03002': 'America/Sao_Paulo' });
    expect([...stored.keys()]).toEqual([REMEMBERED_ZONES_STORAGE_KEY]);
    expect(readRememberedZones(storage)).toEqual({ '03002': 'America/Sao_Paulo' });
  });
});
