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
  return new ShellWords(script).read();
}

class ShellWords {
  private readonly commands: string[][] = [];
  private words: string[] = [];
  private word = '';
  private inWord = false;
  private index = 0;

  constructor(private readonly script: string) {}

  read(): string[][] {
    for (; this.index < this.script.length; this.index += 1) {
      const character = this.script[this.index] as string;
      if (character === "'") this.singleQuoted();
      else if (character === '"') this.doubleQuoted();
      else if (character === '\\') this.escaped();
      else if (character === '\n' || character === ';') this.endCommand();
      else if (character === ' ' || character === '\t') this.endWord();
      else this.append(character);
    }
    this.endCommand();
    return this.commands;
  }

  private append(text: string): void {
    this.word += text;
    this.inWord = true;
  }

  private singleQuoted(): void {
    const close = this.script.indexOf("'", this.index + 1);
    const end = close === -1 ? this.script.length : close;
    this.append(this.script.slice(this.index + 1, end));
    this.index = end;
  }

  private doubleQuoted(): void {
    let text = '';
    let index = this.index + 1;
    for (; index < this.script.length && this.script[index] !== '"'; index += 1) {
      const next = this.script[index + 1] ?? '';
      if (this.script[index] === '\\' && '"\\$`'.includes(next)) {
        text += next;
        index += 1;
      } else text += this.script[index];
    }
    this.append(text);
    this.index = index;
  }

  /** A backslash keeps the next character; before a newline it joins two lines. */
  private escaped(): void {
    this.index += 1;
    const next = this.script[this.index];
    if (next !== undefined && next !== '\n') this.append(next);
  }

  private endWord(): void {
    if (this.inWord) this.words.push(this.word);
    this.word = '';
    this.inWord = false;
  }

  private endCommand(): void {
    this.endWord();
    if (this.words.length > 0) this.commands.push(this.words);
    this.words = [];
  }
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
