// Reads back the batch script the collector sends over SSH (electron/transport/ssh-command.ts
// `batchScript`): the section names and each command's argv, undoing the shell quoting. The demo
// answers each section the way the remote shell would print it, so `splitBatch` gets exactly
// what it gets from a node.
import { SECTION_MARK } from '../transport/ssh-command';

export interface ScriptSection {
  name: string;
  argv: string[];
}

/** Redirections batchScript appends to every command; the demo has no file descriptors. */
const REDIRECTION = /^(\d*>&\d+|<\/dev\/null|\d*>\/dev\/null)$/;

/**
 * Splits POSIX shell text into commands of words: single quotes, double quotes (with `\"`,
 * `\\`, `\$` escapes), backslash escapes, newlines and `;` between commands. No expansion
 * happens: `"$?"` stays the text `$?`, which is all batch scripts need.
 */
export function tokenizeShell(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let index = 0; index < script.length; index += 1) {
    const character = script[index] as string;
    if (character === "'") {
      const close = script.indexOf("'", index + 1);
      const end = close === -1 ? script.length : close;
      word += script.slice(index + 1, end);
      inWord = true;
      index = end;
    } else if (character === '"') {
      const read = readDoubleQuoted(script, index + 1);
      word += read.text;
      inWord = true;
      index = read.end;
    } else if (character === '\\') {
      index += 1;
      if (script[index] !== '\n') {
        word += script[index] ?? '';
        inWord = true;
      }
    } else if (character === '\n' || character === ';') endCommand();
    else if (character === ' ' || character === '\t') endWord();
    else {
      word += character;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

function readDoubleQuoted(script: string, from: number): { text: string; end: number } {
  let text = '';
  let index = from;
  for (; index < script.length && script[index] !== '"'; index += 1) {
    const next = script[index + 1] ?? '';
    if (script[index] === '\\' && '"\\$`'.includes(next)) {
      text += next;
      index += 1;
    } else text += script[index];
  }
  return { text, end: index };
}

/** The sections of a batch script, in order: name and the command's argv. */
export function parseBatchScript(script: string): ScriptSection[] {
  const sections: ScriptSection[] = [];
  const commands = tokenizeShell(script);
  for (let index = 0; index < commands.length; index += 1) {
    const words = commands[index] as string[];
    const begin =
      words[0] === 'printf' && words[2] === SECTION_MARK && /begin/.test(words[1] ?? '');
    if (!begin || words[3] === undefined) continue;
    const argv = (commands[index + 1] ?? []).filter((word) => !REDIRECTION.test(word));
    sections.push({ name: words[3], argv });
    index += 1;
  }
  return sections;
}

/** One section's output as the script's printf marks frame it on a node. */
export function sectionOutput(name: string, stdout: string, exitCode: number): string {
  return `\n${SECTION_MARK} begin ${name}\n${stdout}\n${SECTION_MARK} end ${name} ${exitCode}\n`;
}
