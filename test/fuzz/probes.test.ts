// Command outputs fuzzed: every real output in test/fixtures/real-outputs, mutated the way a
// flaky SSH session, a truncated HTTP body or an unusual host mangles it (cut short, bytes
// dropped or doubled, control characters, ANSI colours, NUL, CRLF, huge numbers, N/A), fed to
// every parser; and every small reading helper fed arbitrary text. No parser may throw or fall
// back on its last-resort guard ("parser fault"); each problem is a sentence pointing inside the
// text. (test/probes/robustness.test.ts covers arbitrary lines; this adds whole-output mutation.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containerIdOfCgroup } from '../../electron/probes/cadvisor';
import { dcgmSentinel } from '../../electron/probes/dcgm';
import {
  parseDockerStatus,
  parseLabels,
  parseSizeField,
  splitImageReference,
  toContainerState,
} from '../../electron/probes/docker';
import { classifyLogLevel } from '../../electron/probes/log-levels';
import { detectNvidiaSmiFailure, readSmiCell } from '../../electron/probes/nvidia-smi';
import { postgresTimeToIso, splitCsv } from '../../electron/probes/postgres-log';
import { parseSampleLine } from '../../electron/probes/prometheus-text';
import { readKeyspaceLine } from '../../electron/probes/redis-info';
import { headerColumns, splitRow } from '../../electron/probes/table';
import { parseByteSize, parseDurationMs, parsePercent } from '../../electron/probes/units';
import type { Parsed } from '../../electron/probes/parse-result';
import { parsers, realOutputs } from '../probes/parser-table';

/** What hosts and broken transports put into outputs. */
const junk = fc.constantFrom(
  '\u0000',
  '\uFEFF',
  '\r',
  '\r\n',
  '\t',
  '\u001b[31m',
  '\u001b[0m',
  '9'.repeat(400),
  '-1',
  'NaN',
  'N/A',
  '[N/A]',
  '[Not Supported]',
  '\uFFFD',
  '\uD800',
  '€',
  '"',
  '{',
  '}',
  ',',
  ' ',
  '\n\n\n',
);

type Edit = ['cut' | 'drop' | 'double' | 'insert' | 'digits', number, number, string];

/** Applies edits to text: truncation, dropped or doubled ranges, junk, changed digits. */
function mutate(text: string, edits: Edit[]): string {
  return edits.reduce((current, [kind, at, length, insert]) => {
    const start = at % (current.length + 1);
    const end = Math.min(current.length, start + (length % 400));
    if (kind === 'cut') return current.slice(0, start);
    if (kind === 'drop') return current.slice(0, start) + current.slice(end);
    if (kind === 'double') return current.slice(0, end) + current.slice(start);
    if (kind === 'insert') return current.slice(0, start) + insert + current.slice(start);
    const digits = current
      .slice(start, end)
      .replace(/\d/g, (digit) => String((Number(digit) * 7 + 3) % 10));
    return current.slice(0, start) + digits + current.slice(end);
  }, text);
}

const edit: fc.Arbitrary<Edit> = fc.tuple(
  fc.constantFrom('cut', 'drop', 'double', 'insert', 'digits'),
  fc.nat(),
  fc.nat(),
  junk,
);

const mutatedOutput = fc
  .tuple(fc.constantFrom(...realOutputs), fc.array(edit, { minLength: 1, maxLength: 5 }))
  .map(([output, edits]) => ({ name: output.name, text: mutate(output.text, edits) }));

function expectClear(name: string, result: Parsed<unknown>, text: string): void {
  expect(result.value, name).not.toBeUndefined();
  const lineCount = Math.max(1, text.split('\n').length);
  for (const item of result.problems) {
    expect(item.message, name).not.toMatch(/^parser fault/);
    expect(item.message.trim().length, name).toBeGreaterThan(3);
    expect(item.message, name).not.toMatch(/\[object Object\]/);
    if (item.line !== null) {
      expect(item.line, name).toBeGreaterThanOrEqual(1);
      expect(item.line, name).toBeLessThanOrEqual(lineCount);
    }
  }
}

describe('every parser on mutated real outputs', () => {
  it(`has ${realOutputs.length} real outputs to mutate`, () => {
    expect(realOutputs.length).toBeGreaterThan(50);
  });

  for (const [name, parse] of Object.entries(parsers)) {
    it(`${name} reads what it can and says the rest`, () => {
      fc.assert(
        fc.property(mutatedOutput, (output) => {
          expectClear(`${name} on ${output.name}`, parse(output.text), output.text);
        }),
        { numRuns: 120 },
      );
    });
  }
});

// Numbers past Number.MAX_VALUE ('9' x 400, '1e400') would be Infinity, which the snapshot
// schema refuses: the unit parsers answer null for them.
describe('numbers past the doubles', () => {
  it.each([
    ['parseByteSize', () => parseByteSize(`${'9'.repeat(400)}B`)],
    ['parsePercent', () => parsePercent(`${'9'.repeat(400)}%`)],
    ['parseDurationMs', () => parseDurationMs(`${'9'.repeat(400)}s`)],
  ])('%s answers null', (_name, read) => {
    expect(read()).toBeNull();
  });
});

describe('the reading helpers on arbitrary text', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.array(junk, { maxLength: 8 }).map((parts) => parts.join('')),
  );
  const helpers: Record<string, (input: string) => unknown> = {
    parseDockerStatus,
    parseSizeField,
    parseLabels,
    splitImageReference,
    toContainerState,
    detectNvidiaSmiFailure,
    readSmiCell,
    splitCsv,
    parseSampleLine: (input) => parseSampleLine(input, 1),
    readKeyspaceLine,
    parseByteSize,
    parsePercent,
    parseDurationMs,
    headerColumns,
    splitRow: (input) => splitRow(input, headerColumns('NAME   ID   STATUS')),
    containerIdOfCgroup,
    dcgmSentinel,
    classifyLogLevel,
    postgresTimeToIso: (input) => postgresTimeToIso(input, input, input),
  };

  for (const [name, helper] of Object.entries(helpers)) {
    it(`${name} never throws`, () => {
      fc.assert(
        fc.property(text, (input) => {
          expect(() => helper(input)).not.toThrow();
        }),
        { numRuns: 300 },
      );
    });
  }

  it('numbers read from text are finite or null, never NaN', () => {
    fc.assert(
      fc.property(text, (input) => {
        for (const read of [parseByteSize, parsePercent, parseDurationMs]) {
          const value = read(input);
          if (value !== null) expect(Number.isFinite(value)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
