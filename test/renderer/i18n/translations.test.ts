import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { pickLanguage } from '../../../renderer/i18n/language';
import { ptBR } from '../../../renderer/i18n/pt-BR';
import { viewIds } from '../../../renderer/views/view-table';

/** Every leaf key as a dotted path, with the leaf's value. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [childPath, childValue] of leaves(value, path)) found.set(childPath, childValue);
    } else found.set(path, value);
  }
  return found;
}

/** Interpolations (`{{name}}`) and markup tags (`<code>`), which must survive translation. */
const placeholders = (text: unknown) =>
  [...String(text).matchAll(/{{\s*(\w+)\s*}}|<\/?(\w+)>/g)].map((match) => match[0]);

describe('the translations', () => {
  const english = leaves(en);
  const portuguese = leaves(ptBR);

  it('have exactly the same keys in English and Brazilian Portuguese', () => {
    expect([...portuguese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('are non-empty strings with the same placeholders and tags in both languages', () => {
    for (const [key, text] of english) {
      expect(typeof text, key).toBe('string');
      expect(String(portuguese.get(key)).trim(), key).not.toBe('');
      expect(placeholders(portuguese.get(key)), key).toEqual(placeholders(text));
    }
  });

  it('name and describe every view in the view table', () => {
    for (const view of viewIds) {
      expect(english.has(`views.${view}.title`), view).toBe(true);
      expect(english.has(`views.${view}.description`), view).toBe(true);
    }
  });
});

describe('the starting language', () => {
  it('is the one chosen before, when there is one', () => {
    expect(pickLanguage('pt-BR', ['en-US'])).toBe('pt-BR');
    expect(pickLanguage('en', ['pt-BR'])).toBe('en');
  });

  it("follows the browser's first known preference, any Portuguese meaning pt-BR", () => {
    expect(pickLanguage(null, ['pt-PT', 'en'])).toBe('pt-BR');
    expect(pickLanguage(null, ['PT'])).toBe('pt-BR');
    expect(pickLanguage(null, ['de-DE', 'en-GB', 'pt-BR'])).toBe('en');
  });

  it('is English otherwise, and ignores a stored value it does not know', () => {
    expect(pickLanguage('klingon', ['de-DE', 'fr'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
  });
});
