import { describe, expect, it } from 'vitest';
import { canSaveFleet, hostKeyOffer } from '../../../renderer/views/settings/settings-model';
import { settingsText } from '../../../renderer/views/settings/settings-text';

const PRESENTED = `SHA256:${'P'.repeat(43)}`;
const PINNED = `SHA256:${'O'.repeat(43)}`;
const base = { node: 'vk01', message: null };

describe('what the host-key dialog offers', () => {
  it('approval of an unknown key, re-approval naming the pinned key of a changed one', () => {
    expect(
      hostKeyOffer({ ...base, state: 'unknown', fingerprint: PRESENTED, pinned: null }),
    ).toEqual({ kind: 'approve', args: { node: 'vk01', fingerprint: PRESENTED } });
    expect(
      hostKeyOffer({ ...base, state: 'changed', fingerprint: PRESENTED, pinned: PINNED }),
    ).toEqual({
      kind: 'reapprove',
      args: { node: 'vk01', fingerprint: PRESENTED, replacing: PINNED },
    });
  });

  it('nothing for an approved key or a node that gave no key', () => {
    const approved = { ...base, state: 'approved' as const, fingerprint: PINNED, pinned: PINNED };
    const unreachable = { ...base, state: 'unreachable' as const, fingerprint: null, pinned: null };
    expect(hostKeyOffer(approved)).toEqual({ kind: 'none' });
    expect(hostKeyOffer(unreachable)).toEqual({ kind: 'none' });
  });
});

describe('when the fleet form may save', () => {
  const form = { original: 'a: 1\n', draft: 'a: 2\n', checkedText: 'a: 2\n', valid: true };

  it('only a changed text, checked as it is now, without problems', () => {
    expect(canSaveFleet(form)).toBe(true);
    expect(canSaveFleet({ ...form, draft: form.original, checkedText: form.original })).toBe(false);
    expect(canSaveFleet({ ...form, checkedText: 'a: 3\n' })).toBe(false);
    expect(canSaveFleet({ ...form, valid: false })).toBe(false);
    expect(canSaveFleet({ ...form, original: null })).toBe(false);
  });
});

describe('the words of the settings parts', () => {
  it('exist in both languages, each one translated', () => {
    const english = settingsText.en;
    const portuguese = settingsText['pt-BR'];
    expect(Object.keys(portuguese).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english) as (keyof typeof english)[]) {
      const word = english[key];
      if (typeof word === 'string') expect(portuguese[key], key).not.toBe(word);
    }
    expect(portuguese.hostKeyStates.changed).not.toBe(english.hostKeyStates.changed);
  });
});
