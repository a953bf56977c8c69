import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  batchScript,
  commandText,
  shellQuote,
  splitBatch,
} from '../../electron/transport/ssh-command';

/** What a real POSIX shell makes of the command text: one argument per line, NUL-separated. */
function argumentsSeenByShell(text: string): string[] {
  const output = execFileSync('/bin/sh', ['-c', `set -- ${text}; printf '%s\\0' "$@"`]);
  return output.toString('utf8').split('\0').slice(0, -1);
}

describe('shell quoting of remote commands', () => {
  it('leaves plain words alone and quotes the rest', () => {
    expect(shellQuote('database-server')).toBe('database-server');
    expect(shellQuote("it's $(rm -rf /)")).toBe("'it'\\''s $(rm -rf /)'");
  });

  it('hands every argument to a real shell unchanged, whatever it contains', () => {
    const argument = fc
      .string({ unit: 'binary', maxLength: 40 })
      .filter((text) => !text.includes('\0'));
    fc.assert(
      fc.property(fc.array(argument, { minLength: 1, maxLength: 5 }), (argv) => {
        expect(argumentsSeenByShell(commandText({ argv }))).toEqual(argv);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a NUL byte and an empty command', () => {
    expect(() => shellQuote('a\0b')).toThrow('NUL');
    expect(() => commandText({ argv: [] })).toThrow('empty');
  });
});

describe('batched commands', () => {
  it('runs several commands in one script and splits their output and exit codes back', () => {
    const script = batchScript(
      new Map([
        ['uptime', { argv: ['cat', '/proc/uptime'] }],
        ['missing', { argv: ['sh', '-c', 'echo oops >&2; exit 3'] }],
        ['empty', { argv: ['true'] }],
      ]),
    );
    const sections = splitBatch(execFileSync('/bin/sh', ['-c', script]).toString());

    expect(sections.map((section) => section.name)).toEqual(['uptime', 'missing', 'empty']);
    expect(sections[0]?.stdout).toMatch(/^\d+\.\d+ \d+\.\d+\n$/);
    expect(sections[0]?.exitCode).toBe(0);
    expect(sections[1]).toEqual({ name: 'missing', stdout: 'oops\n', exitCode: 3 });
    expect(sections[2]).toEqual({ name: 'empty', stdout: '', exitCode: 0 });
  });

  it('marks a section cut short by a lost connection with a null exit code', () => {
    const script = batchScript(
      new Map([
        ['one', { argv: ['echo', 'a'] }],
        ['two', { argv: ['echo', 'b'] }],
      ]),
    );
    const full = execFileSync('/bin/sh', ['-c', script]).toString();
    const cut = full.slice(0, full.lastIndexOf('b') + 2);
    expect(splitBatch(cut)).toEqual([
      { name: 'one', stdout: 'a\n', exitCode: 0 },
      { name: 'two', stdout: 'b\n', exitCode: null },
    ]);
  });
});
