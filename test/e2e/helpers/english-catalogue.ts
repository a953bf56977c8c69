// The English catalogue as matchers, for checking that a Portuguese page shows no English
// string: every English leaf that pt-BR translates differently, as a regular expression with its
// placeholders (`{{name}}`) and tags (`<time>`) free.
import { en } from '../../../renderer/i18n/en';
import { ptBR } from '../../../renderer/i18n/pt-BR';

export interface EnglishString {
  key: string;
  text: string;
  pattern: RegExp;
}

function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'object' && value !== null
      ? leaves(value as object, path)
      : [[path, String(value)]];
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Literal parts shorter than this are too common to mean "English" (`of`, `·`). */
const MIN_LITERAL_CHARS = 4;

export function englishStrings(): EnglishString[] {
  const portuguese = new Map(leaves(ptBR));
  return leaves(en)
    .filter(([key, text]) => portuguese.get(key) !== text && !key.startsWith('languages.'))
    .flatMap(([key, text]) => {
      const parts = text.replace(/<\/?\w+>/g, '').split(/{{\s*\w+\s*}}/);
      const literal = parts.join('').replace(/[\s·:()—,.…-]/g, '');
      if (literal.length < MIN_LITERAL_CHARS) return [];
      return [{ key, text, pattern: new RegExp(`^${patternBody(parts)}$`) }];
    });
}

/**
 * A placeholder holds a name, a number or a short phrase (up to four words): longer text around
 * a catalogue word is data from the core (a finding's title), not this string. A space beside a
 * placeholder in the template must be on the page too, so `node {{node}}` does not match a
 * container called `node-exporter`.
 */
function patternBody(parts: string[]): string {
  return parts
    .map((part, index) => {
      const placeholder = index < parts.length - 1 ? '\\S+(?: \\S+){0,3}' : '';
      if (index > 0 && part.trim() === '' && part !== '') return ` ${placeholder}`;
      const before = index > 0 && /^\s/.test(part) ? ' ' : '';
      const after = index < parts.length - 1 && /\s$/.test(part) ? ' ' : '';
      return `${before}${escape(part.trim())}${after}${placeholder}`;
    })
    .join('');
}
