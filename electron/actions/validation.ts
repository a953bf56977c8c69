// Strict checks of everything an operator (or a finding) hands an action: node ids, container
// names, Redis keys and the other words that end up in a command. A value is refused with a
// sentence naming the field, the value (escaped) and the first thing wrong with it, before any
// transport is touched. Argv arrays are quoted on the way out (ssh-command.ts) regardless; these
// checks are the first wall, not the only one.
import { z } from 'zod';
import { nodeIdPattern } from '../../shared/fleet';

/** Docker's own rule for names (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`), capped at 128 characters. */
export const containerNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
/** Redis keys the actions read: plain words with `:` separators, as VisionKing names them. */
export const redisKeyPattern = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}$/;

export interface WordRule {
  pattern: RegExp;
  /** What the value should be, for the message: "a container name". */
  noun: string;
  /** What is allowed, for the message. */
  allowed: string;
  maxLength: number;
}

export const containerNameRule: WordRule = {
  pattern: containerNamePattern,
  noun: 'a container name',
  allowed: 'letters, digits, "_", "." and "-", starting with a letter or digit',
  maxLength: 128,
};

export const nodeIdRule: WordRule = {
  pattern: nodeIdPattern,
  noun: 'a node id',
  allowed: 'lower-case letters, digits and "-", starting with a letter',
  maxLength: 32,
};

export const redisKeyRule: WordRule = {
  pattern: redisKeyPattern,
  noun: 'a Redis key',
  allowed: 'letters, digits, "_", ".", ":" and "-", starting with a letter, digit or "_"',
  maxLength: 128,
};

/** The value as it may be shown in a message: escaped, and cut if long. */
export function showValue(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown).replace(/[^\x20-\x7e]/g, (character) => {
    const code = character.codePointAt(0) ?? 0;
    return code > 0xffff ? character : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The first thing wrong with a word, most dangerous first; null when it is fine. */
export function wordProblem(value: string, rule: WordRule): string | null {
  if (value.length === 0) return 'it is empty';
  if (value.includes('\0')) return 'it contains a NUL byte';
  if (/[\r\n]/.test(value)) return 'it contains a line break';
  if (/[\p{Cc}]/u.test(value)) return 'it contains a control character';
  const shell = /[;&|`$<>(){}\\'"*?![\]#~\s]/.exec(value);
  if (shell) return `it contains ${JSON.stringify(shell[0])}, which a shell would interpret`;
  if (value.startsWith('-')) return 'it starts with "-", so a program would read it as an option';
  if (/[^\x20-\x7e]/.test(value)) return 'it contains non-ASCII characters';
  if (value.length > rule.maxLength) {
    return `it is ${value.length} characters long (at most ${rule.maxLength})`;
  }
  if (!rule.pattern.test(value)) return `it is not made of ${rule.allowed}`;
  return null;
}

/** `target.container: "a;b" is not a container name: it contains ";", …`, or null. */
export function checkWord(field: string, value: string, rule: WordRule): string | null {
  const problem = wordProblem(value, rule);
  if (problem === null) return null;
  return `${field}: ${showValue(value)} is not ${rule.noun}: ${problem}`;
}

/** A zod string checked by the same rule, for argument schemas. */
export function wordSchema(rule: WordRule) {
  return z.string().superRefine((value, context) => {
    const problem = wordProblem(value, rule);
    if (problem !== null) {
      context.addIssue({
        code: 'custom',
        message: `${showValue(value)} is not ${rule.noun}: ${problem}`,
      });
    }
  });
}

/** zod issues as one sentence: `args.lines: too big, at most 5000; args.x: unknown`. */
export function describeArgumentIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = ['args', ...issue.path.map(String)].join('.');
      if (issue.code === 'unrecognized_keys') {
        return `${path}: unknown argument ${issue.keys.map((key) => showValue(key)).join(', ')}`;
      }
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
