// The Prometheus text exposition format (version 0.0.4), as the DCGM exporter, nvidia_gpu_exporter,
// cAdvisor and node_exporter serve it on /metrics. A raw HTTP response (status line and headers
// before the body) is accepted too, because some exporters' outputs are captured that way.
import { guarded, problem, splitLines, type Parsed, type ParseProblem } from './parse-result';

export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  /** NaN and ±Inf are kept as such; `valueText` keeps the exact digits (DCGM sentinels). */
  value: number;
  valueText: string;
  timestampMs: number | null;
  line: number;
}

export interface PrometheusFamily {
  type: string | null;
  help: string | null;
}

export interface PrometheusExposition {
  samples: PrometheusSample[];
  families: Record<string, PrometheusFamily>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** Parses a whole exposition; unreadable lines become problems and the rest is kept. */
export function parsePrometheusText(text: string): Parsed<PrometheusExposition> {
  return guarded(
    () => ({ samples: [], families: {} }),
    () => {
      const exposition: PrometheusExposition = { samples: [], families: {} };
      const problems: ParseProblem[] = [];
      const lines = splitLines(text);
      const bodyStart = skipHttpHead(lines, problems);
      lines.slice(bodyStart).forEach((line, offset) => {
        readLine(line, bodyStart + offset + 1, exposition, problems);
      });
      return { value: exposition, problems };
    },
  );
}

/** Index of the first body line: after `HTTP/1.1 200 OK`, its headers and the blank line. */
function skipHttpHead(lines: string[], problems: ParseProblem[]): number {
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(lines[0] ?? '');
  if (!status) return 0;
  if (status[1] !== '200') problems.push(problem(1, `HTTP status ${status[1]}`));
  const blank = lines.findIndex((line) => line.trim() === '');
  return blank === -1 ? lines.length : blank + 1;
}

function readLine(
  line: string,
  lineNumber: number,
  exposition: PrometheusExposition,
  problems: ParseProblem[],
): void {
  const trimmed = line.trim();
  if (trimmed === '') return;
  if (trimmed.startsWith('#')) {
    readComment(trimmed, exposition);
    return;
  }
  const sample = parseSampleLine(trimmed, lineNumber);
  if (typeof sample === 'string') problems.push(problem(lineNumber, sample));
  else exposition.samples.push(sample);
}

function readComment(line: string, exposition: PrometheusExposition): void {
  const match = /^#\s+(HELP|TYPE)\s+(\S+)\s*(.*)$/.exec(line);
  if (!match) return;
  const name = match[2] ?? '';
  const family = (exposition.families[name] ??= { type: null, help: null });
  if (match[1] === 'TYPE') family.type = match[3] ?? null;
  else family.help = match[3] ?? null;
}

/** One sample line, or a sentence saying what is wrong with it. */
export function parseSampleLine(line: string, lineNumber: number): PrometheusSample | string {
  const name = NAME.exec(line)?.[0];
  if (!name) return `not a sample: "${line.slice(0, 60)}"`;
  let rest = line.slice(name.length);
  let labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const parsed = parseLabelSet(rest, name.length);
    if (typeof parsed === 'string') return parsed;
    labels = parsed.labels;
    rest = parsed.rest;
  }
  const [valueText = '', timestampText, extra] = rest.trim().split(/\s+/);
  const value = parseSampleValue(valueText);
  if (value === null) return `value "${valueText}" of ${name} is not a number`;
  if (extra !== undefined) return `unexpected text after the value of ${name}`;
  const timestampMs = timestampText === undefined ? null : Number(timestampText);
  if (timestampMs !== null && !Number.isFinite(timestampMs)) return `bad timestamp of ${name}`;
  return { name, labels, value, valueText, timestampMs, line: lineNumber };
}

function parseSampleValue(text: string): number | null {
  if (/^[+-]?Inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^NaN$/i.test(text)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  return Number(text);
}

/** `{a="x", b="y\"z"}` → labels and the text after `}`. Escapes: \\, \", \n. */
function parseLabelSet(
  text: string,
  column: number,
): { labels: Record<string, string>; rest: string } | string {
  const labels: Record<string, string> = {};
  let position = 1;
  for (;;) {
    position = skipSpacesAndComma(text, position);
    if (text[position] === '}') return { labels, rest: text.slice(position + 1) };
    if (position >= text.length) return 'label set not closed (line cut short?)';
    const labelName = LABEL_NAME.exec(text.slice(position))?.[0];
    if (!labelName) return `bad label name at column ${column + position + 1}`;
    position += labelName.length;
    if (text.slice(position, position + 2) !== '="') return `label ${labelName} has no ="value"`;
    const value = readQuoted(text, position + 2);
    if (value === null) return `label ${labelName} is not closed`;
    labels[labelName] = value.text;
    position = value.end;
  }
}

function skipSpacesAndComma(text: string, start: number): number {
  let position = start;
  while (text[position] === ' ' || text[position] === ',' || text[position] === '\t') position += 1;
  return position;
}

function readQuoted(text: string, start: number): { text: string; end: number } | null {
  let value = '';
  for (let position = start; position < text.length; position += 1) {
    const character = text[position];
    if (character === '"') return { text: value, end: position + 1 };
    if (character === '\\') {
      const next = text[position + 1];
      value += next === 'n' ? '\n' : (next ?? '');
      position += 1;
    } else {
      value += character;
    }
  }
  return null;
}

/** Samples of one metric, optionally trying older names in turn (node_exporter renamed many). */
export function samplesNamed(
  exposition: PrometheusExposition,
  ...names: string[]
): PrometheusSample[] {
  for (const name of names) {
    const found = exposition.samples.filter((sample) => sample.name === name);
    if (found.length > 0) return found;
  }
  return [];
}
