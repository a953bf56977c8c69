// Fleet files fuzzed: arbitrary text, the example fleet mutated character by character, line by
// line and field by field, and YAML's own traps. The loader never throws; it accepts the file or
// lists problems that name the file, a line inside it and a field, in a sentence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, parseDocument, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { editHostKey } from '../../electron/fleet/pin-host-key';
import { formatProblem, parseFleet, type FleetResult } from '../../electron/fleet/load';

const FILE = 'fuzzed-fleet.yaml';
const example = readFileSync(join(process.cwd(), 'assets/fleet-03002.example.yaml'), 'utf8');
const exampleLines = example.split('\n');

function expectClear(result: FleetResult, text: string): void {
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const problem of result.problems) {
    expect(problem.file).toBe(FILE);
    expect(problem.message.trim().length).toBeGreaterThan(5);
    // zod's "received undefined" is kept: the loader prefixes it with "missing".
    expect(problem.message).not.toMatch(/\[object Object\]|TypeError|ReferenceError/);
    if (problem.line !== null) {
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.line).toBeLessThanOrEqual(lineCount + 1);
    }
    expect(formatProblem(problem).startsWith(FILE)).toBe(true);
  }
}

/** The example with characters removed, replaced or inserted at random places. */
const characterMutation = fc
  .array(
    fc.tuple(
      fc.nat(),
      fc.constantFrom('delete', 'replace', 'insert'),
      fc.constantFrom(':', ' ', '-', '{', '}', '[', '"', "'", '#', '&', '*', '!', '\t', '\n', 'x'),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((edits) =>
    edits.reduce((text, [at, kind, character]) => {
      const index = at % (text.length + 1);
      if (kind === 'delete') return text.slice(0, index) + text.slice(index + 1);
      if (kind === 'replace') return text.slice(0, index) + character + text.slice(index + 1);
      return text.slice(0, index) + character + text.slice(index);
    }, example),
  );

/** The example with lines dropped, doubled, swapped or re-indented. */
const lineMutation = fc
  .array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('drop', 'double', 'swap', 'indent')), {
    minLength: 1,
    maxLength: 4,
  })
  .map((edits) => {
    const lines = [...exampleLines];
    for (const [first, second, kind] of edits) {
      const a = first % lines.length;
      const b = second % lines.length;
      if (kind === 'drop') lines.splice(a, 1);
      if (kind === 'double') lines.splice(a, 0, lines[a] ?? '');
      if (kind === 'swap') [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      if (kind === 'indent') lines[a] = ' '.repeat(b % 5) + (lines[a] ?? '').trimStart();
    }
    return lines.join('\n');
  });

type Tree = Record<string, unknown>;

/** Paths to every value of the example, for field-level mutations. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Object.entries(value as Tree);
  return [prefix, ...entries.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}
const exampleTree = parse(example) as Tree;
const examplePaths = paths(exampleTree).filter((path) => path.length > 0);

/** The example with one field set to a random value or removed, or a random field added. */
const fieldMutation = fc
  .tuple(
    fc.constantFrom(...examplePaths),
    fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)),
    fc.option(fc.string({ minLength: 1, maxLength: 12 })),
  )
  .map(([path, value, extraKey]) => {
    const tree = structuredClone(exampleTree);
    const parent = path.slice(0, -1).reduce<Tree>((node, key) => node[key] as Tree, tree);
    const key = path.at(-1) ?? '';
    if (value === undefined) delete parent[key];
    else parent[key] = value;
    if (extraKey !== null && typeof parent === 'object') parent[extraKey] = 'extra';
    return stringify(tree);
  });

/** The example with an alias bomb or a dangling alias in a node: pinning must refuse it. */
const aliasTrap = fc
  .constantFrom(`    trap: *nowhere\n`, `    trap: &t [1, 1, 1, 1, 1, 1, 1, 1, 1]\n`)
  .map((line) => example.replace('    role: processing\n', `    role: processing\n${line}`));

describe('the fleet loader under bad input', () => {
  it('accepts the example as it is', () => {
    expect(parseFleet(example, FILE).ok).toBe(true);
  });

  it.each([
    ['arbitrary text', fc.string({ maxLength: 400 })],
    ['arbitrary YAML values', fc.jsonValue({ maxDepth: 4 }).map((value) => stringify(value))],
    ['character mutations of the example', characterMutation],
    ['line mutations of the example', lineMutation],
    ['field mutations of the example', fieldMutation],
  ])('answers %s with the fleet or clear problems', (_label, texts) => {
    fc.assert(
      fc.property(texts as fc.Arbitrary<string>, (text) => {
        expectClear(parseFleet(text, FILE), text);
      }),
      { numRuns: 250 },
    );
  });

  it.each([
    ['a secret written in', example.replace('passwordEnv: VK02_PG_PASSWORD', 'password: hunter2')],
    ['a document stream', `${example}\n---\n${example}`],
    ['tabs for indentation', example.replace(/\n {4}/g, '\n\t')],
    ['duplicate node ids', example.replace('vk02:', 'vk01:')],
    ['a byte-order mark and CRLF', `\uFEFF${example.replace(/\n/g, '\r\n')}`],
    ['a custom tag', `${example}\nextra: !!js/function "() => 1"\n`],
    ['a huge number', example.replace('port: 22', `port: ${'9'.repeat(400)}`)],
  ])('answers %s clearly', (_label, text) => {
    const result = parseFleet(text, FILE);
    expectClear(result, text);
    if (!result.ok) expect(result.problems.map(formatProblem).join('\n')).not.toContain('hunter2');
  });

  // yaml throws from document.toJS() for these two; parseFleet reports them as problems.
  it('answers an alias bomb clearly', () => {
    const text = `a: &a [x, x, x, x, x, x, x, x, x]\n${bomb(12)}`;
    expectClear(parseFleet(text, FILE), text);
  });

  it('answers an alias without its anchor clearly', () => {
    expectClear(parseFleet('nodes: *missing\n', FILE), 'nodes: *missing\n');
  });

  it('pinning a host key into any mutated fleet never throws and never breaks it', () => {
    const fingerprint = `SHA256:${'A'.repeat(43)}`;
    fc.assert(
      fc.property(fc.oneof(characterMutation, lineMutation, fieldMutation, aliasTrap), (text) => {
        const edit = editHostKey(text, FILE, 'vk02', fingerprint, {});
        // A fleet whose aliases cannot be resolved is refused by parseFleet; pinning may
        // still edit it, and the result stays refused.
        fc.pre(resolvable(text) || !edit.ok);
        if (edit.ok && edit.changed) expect(parseFleet(edit.text, FILE).ok).toBe(true);
        if (!edit.ok) expect(edit.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 250 },
    );
  });
});

/** Whether yaml can turn the text into data (it cannot for a dangling alias or a bomb). */
function resolvable(text: string): boolean {
  try {
    parseDocument(text).toJS({ maxAliasCount: 100 });
    return true;
  } catch (error) {
    return !(error instanceof ReferenceError);
  }
}

/** Aliases nested `depth` deep: each level refers to the previous one nine times. */
function bomb(depth: number): string {
  const lines: string[] = [];
  let previous = 'a';
  for (let level = 0; level < depth; level++) {
    const name = `l${level}`;
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  return lines.join('\n');
}
