// Reads a fleet file and reports every problem with its file, line and field, so an operator
// can fix them all in one pass.
import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { fleetSchema, nodeIdPattern, type Fleet } from '../../shared/fleet';

export interface FleetProblem {
  file: string;
  line: number | null;
  /** Dotted path of the field, e.g. `nodes.vk01.ssh.port`; empty for the whole file. */
  field: string;
  message: string;
}

export type FleetResult = { ok: true; fleet: Fleet } | { ok: false; problems: FleetProblem[] };

/** Field names that would hold a secret; the file must name an environment variable instead. */
const secretFieldPattern = /^(password|passphrase|secret|token|privateKey)$/i;

export function formatProblem(problem: FleetProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return problem.field
    ? `${where}: ${problem.field}: ${problem.message}`
    : `${where}: ${problem.message}`;
}

export function loadFleetFile(file: string): FleetResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    return {
      ok: false,
      problems: [{ file, line: null, field: '', message: `cannot read the fleet file: ${reason}` }],
    };
  }
  return parseFleet(text, file);
}

export function parseFleet(text: string, file = 'fleet.yaml'): FleetResult {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  if (document.errors.length > 0) {
    return { ok: false, problems: document.errors.map((error) => yamlProblem(file, lines, error)) };
  }
  const namingProblems = [
    ...findBadNodeIds(document, file, lines),
    ...findSecretFields(document, file, lines),
  ];
  const value = resolveAliases(document, file);
  if (!value.ok) return { ok: false, problems: [value.problem] };
  const result = fleetSchema.safeParse(value.data);
  const schemaProblems = result.success
    ? []
    : result.error.issues
        .filter((issue) => !isOnlySecretFields(issue))
        .map((issue) => issueProblem(file, document, lines, issue));
  const problems = [...namingProblems, ...schemaProblems];
  if (problems.length > 0 || !result.success) return { ok: false, problems };
  return { ok: true, fleet: result.data };
}

/** Secret fields are reported once, by findSecretFields, not again as unknown fields. */
function isOnlySecretFields(issue: z.core.$ZodIssue): boolean {
  return (
    issue.code === 'unrecognized_keys' && issue.keys.every((key) => secretFieldPattern.test(key))
  );
}

/**
 * The document as plain data. yaml throws here, not while parsing, for an alias without its
 * anchor and for an alias bomb (too many expansions); both become a problem, not a crash.
 */
function resolveAliases(
  document: Document,
  file: string,
): { ok: true; data: unknown } | { ok: false; problem: FleetProblem } {
  try {
    return { ok: true, data: document.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      ok: false,
      problem: { file, line: null, field: '', message: `unusable alias: ${reason}` },
    };
  }
}

function yamlProblem(
  file: string,
  lines: LineCounter,
  error: { message: string; pos: [number, number] },
): FleetProblem {
  const line = lines.linePos(error.pos[0]).line;
  return { file, line, field: '', message: `not valid YAML: ${error.message.split('\n')[0]}` };
}

function issueProblem(
  file: string,
  document: Document,
  lines: LineCounter,
  issue: z.core.$ZodIssue,
): FleetProblem {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    const field = [...path, issue.keys[0] ?? ''].join('.');
    return {
      file,
      line: lineOf(document, lines, [...path, issue.keys[0] ?? '']),
      field,
      message: `unknown field ${keys}`,
    };
  }
  const present = document.hasIn(path);
  const line = lineOf(document, lines, path);
  return { file, line, field: path.join('.'), message: expected(issue, present) };
}

/** Rewrites zod's wording into "expected …" sentences an operator can act on. */
function expected(issue: z.core.$ZodIssue, present: boolean): string {
  const detail =
    issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  const sentence = detail.replace(/^Invalid (option|input): /, '').replace(/^expected /, '');
  if (issue.code === 'custom') return sentence;
  if (!present) return `missing; expected ${sentence}`;
  if (issue.code === 'invalid_key') return `the name must be ${sentence}`;
  return `expected ${sentence}`;
}

/** The line (1-based) of the deepest key on the path that exists in the document. */
function lineOf(document: Document, lines: LineCounter, path: string[]): number | null {
  for (let depth = path.length; depth > 0; depth--) {
    const offset = findPairKey(document, path.slice(0, depth));
    if (offset !== undefined) return lines.linePos(offset).line;
  }
  const range = (document.contents as { range?: [number, number, number] } | null)?.range;
  return range ? lines.linePos(range[0]).line : null;
}

function findPairKey(document: Document, path: string[]): number | undefined {
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find(
    (item) => isScalar(item.key) && String(item.key.value) === path.at(-1),
  );
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

function findBadNodeIds(document: Document, file: string, lines: LineCounter): FleetProblem[] {
  const nodes = document.get('nodes', true);
  if (!isMap(nodes)) return [];
  return nodes.items.flatMap((pair) => {
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    if (nodeIdPattern.test(id)) return [];
    const line =
      isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]).line : null;
    return [
      { file, line, field: `nodes.${id}`, message: 'the name must be a node id such as vk01' },
    ];
  });
}

function findSecretFields(document: Document, file: string, lines: LineCounter): FleetProblem[] {
  const problems: FleetProblem[] = [];
  const visit = (node: unknown, path: string[]): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (secretFieldPattern.test(key)) {
        const line =
          isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]).line : null;
        const message =
          'secrets never live in the fleet file; ' + `name an environment variable with ${key}Env`;
        problems.push({ file, line, field: [...path, key].join('.'), message });
      }
      visit(pair.value, [...path, key]);
    }
  };
  visit(document.contents, []);
  return problems;
}
