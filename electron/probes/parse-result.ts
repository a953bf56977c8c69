// What every parser returns: the value it could read and the problems it met, never a throw.
// Command output from real machines is often truncated, localised or simply odd; a parser that
// throws would take a whole tick down with it, so each one reads what it can and says the rest.
import type { MissingKind, MissingReason } from '../../shared/snapshot';

/** Something a parser could not read. `line` is 1-based in the parsed text. */
export interface ParseProblem {
  line: number | null;
  field: string | null;
  message: string;
}

export interface Parsed<T> {
  value: T;
  problems: ParseProblem[];
}

export function problem(line: number | null, message: string, field?: string): ParseProblem {
  return { line, field: field ?? null, message };
}

/** `line 3, field memory.used: not a number: "abc"` — for logs and test messages. */
export function formatProblem(item: ParseProblem): string {
  const where = [
    item.line === null ? null : `line ${item.line}`,
    item.field === null ? null : `field ${item.field}`,
  ].filter((part) => part !== null);
  return where.length === 0 ? item.message : `${where.join(', ')}: ${item.message}`;
}

export function reason(kind: MissingKind, detail: string): MissingReason {
  return { kind, detail };
}

/**
 * Runs a parser and turns any unexpected exception into a problem, so callers never see a throw
 * even when a parser meets input nobody foresaw.
 */
export function guarded<T>(fallback: () => T, parse: () => Parsed<T>): Parsed<T> {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { value: fallback(), problems: [problem(null, `parser fault: ${message}`)] };
  }
}

/** Lines without their terminators (LF or CRLF); the empty line after a final \n is dropped. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A decimal number, or null: rejects '', '12abc', '33***', which Number() half-accepts, and
 * numbers past the doubles ('1e400'), which Number() turns into Infinity.
 */
export function toNumber(text: string | undefined | null): number | null {
  if (text === undefined || text === null) return null;
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null;
  return finiteOrNull(Number(trimmed));
}

/** The number when it is finite; null for Infinity and NaN, which no snapshot may hold. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** 1-based line of a character offset in text. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text[index] === '\n') line += 1;
  }
  return line;
}

/**
 * JSON.parse without the throw. The problem names the line where V8 says it stopped, or the
 * last line when the text simply ends early (a truncated paste, a cut-off HTTP body).
 */
export function parseJson(text: string, firstLine = 1): Parsed<unknown> {
  if (text.trim() === '') return { value: undefined, problems: [problem(firstLine, 'empty')] };
  try {
    return { value: JSON.parse(text) as unknown, problems: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const end = text.trimEnd().length;
    const endOfInput = /end of (JSON )?input/i.test(message);
    // V8 names the position it stopped at; without one it stopped at the start or at the end.
    const offset = position ? Math.min(Number(position[1]), end) : endOfInput ? end : 0;
    const line = firstLine - 1 + lineOfOffset(text, offset);
    const ended = endOfInput || (position !== null && offset >= end);
    const detail = ended ? 'JSON ends early (truncated?)' : `not valid JSON: ${message}`;
    return { value: undefined, problems: [problem(line, detail)] };
  }
}

/** A plain object (not an array, not null) or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}

export function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function asFiniteNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function asBoolean(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/**
 * A JSON array of objects, each turned into a value by `read`; an item that is not an object is
 * a problem naming its index, and the others are still read.
 */
export function parseJsonObjects<T>(
  text: string,
  read: (record: Record<string, unknown>) => T,
): Parsed<T[]> {
  const json = parseJson(text);
  if (!Array.isArray(json.value)) {
    const problems = json.problems.length ? json.problems : [problem(1, 'not a JSON array')];
    return { value: [], problems };
  }
  const problems: ParseProblem[] = [];
  const values = json.value.flatMap((item, index) => {
    const record = asRecord(item);
    if (!record) problems.push(problem(null, 'not an object', `[${index}]`));
    return record ? [read(record)] : [];
  });
  return { value: values, problems };
}
