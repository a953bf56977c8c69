// The Logs view's rules, pure: the recent lines of each container kept across snapshots (each
// snapshot carries only the lines new since the previous one), repeated patterns with counts and
// rates, and lines dated in the future (a node clock ahead, as vk02's dw-sis-surface in 03002).
import type { LogLevel, LogLine, Snapshot } from '../../shared/snapshot';

/** Lines kept per container in the page: enough for patterns, bounded for a day-long session. */
export const MAX_KEPT_LINES = 300;

/** A line this far past the snapshot's time is future-dated, not just a clock a bit ahead. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface KeptLine extends LogLine {
  /** The snapshot that brought the line: its time is the reference for future-dated lines. */
  seenAt: string;
}

/** `node/container` → newest lines, oldest first, and every line counted by level. */
export type KeptLogs = Readonly<Record<string, { lines: readonly KeptLine[]; total: number }>>;

export function logKey(node: string, container: string): string {
  return `${node}/${container}`;
}

export function keepLogs(kept: KeptLogs, snapshot: Snapshot, max = MAX_KEPT_LINES): KeptLogs {
  const next: Record<string, { lines: readonly KeptLine[]; total: number }> = { ...kept };
  for (const [node, view] of Object.entries(snapshot.nodes)) {
    for (const [container, logs] of Object.entries(view.logs ?? {})) {
      const counted = Object.values(logs.countsByLevel).reduce((sum, count) => sum + count, 0);
      if (counted === 0 && logs.lines.length === 0) continue;
      const key = logKey(node, container);
      const previous = next[key] ?? { lines: [], total: 0 };
      const added = logs.lines.map((line) => ({ ...line, seenAt: snapshot.takenAt }));
      next[key] = {
        lines: [...previous.lines, ...added].slice(-max),
        total: previous.total + counted,
      };
    }
  }
  return next;
}

export function isFutureDated(line: KeptLine): boolean {
  if (line.at === null) return false;
  return Date.parse(line.at) - Date.parse(line.seenAt) > FUTURE_TOLERANCE_MS;
}

/**
 * A line's pattern: numbers, hex ids, quoted values and addresses replaced, so `retry 3 of 5
 * (10.0.0.7:4000)` and `retry 4 of 5 (10.0.0.7:4000)` are one pattern.
 */
export function patternOf(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\d[T ][\d:.]+(Z|[+-]\d\d:?\d\d)?/g, '<time>')
    .replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, '<address>')
    .replace(/\b[0-9a-f]{8,}\b/gi, '<id>')
    .replace(/"[^"]*"|'[^']*'/g, '<text>')
    .replace(/\d+(\.\d+)?/g, '<n>')
    .trim();
}

export interface Pattern {
  pattern: string;
  level: LogLevel;
  count: number;
  example: string;
  /** Lines per minute over the span the kept lines cover; null when they share one moment. */
  perMinute: number | null;
}

export function repeatedPatterns(lines: readonly KeptLine[], minimum = 2): Pattern[] {
  const groups = new Map<string, { lines: KeptLine[] }>();
  for (const line of lines) {
    const key = `${line.level} ${patternOf(line.text)}`;
    const group = groups.get(key) ?? { lines: [] };
    group.lines.push(line);
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((group) => group.lines.length >= minimum)
    .map(({ lines: members }) => {
      const first = members[0] as KeptLine;
      return {
        pattern: patternOf(first.text),
        level: first.level,
        count: members.length,
        example: first.text,
        perMinute: ratePerMinute(members),
      };
    })
    .sort((a, b) => b.count - a.count);
}

function ratePerMinute(lines: readonly KeptLine[]): number | null {
  const times = lines.map((line) => Date.parse(line.at ?? line.seenAt)).filter(Number.isFinite);
  if (times.length < 2) return null;
  const spanMs = Math.max(...times) - Math.min(...times);
  return spanMs > 0 ? (lines.length / spanMs) * 60_000 : null;
}

/** `docker logs -t`'s time prefix, which comes before a continuation line's own indentation. */
const DOCKER_TIME_PREFIX = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d) /;

/**
 * Whether a line carries on the one before rather than starting a message: an indented line
 * (Python traceback frames, Java `\tat …`) or the markers that open or chain a stack trace. After
 * such lines, Python's closing `ValueError: …` line belongs to the trace too (`afterTrace`).
 */
export function isContinuation(line: Pick<LogLine, 'level' | 'text'>, afterTrace = false): boolean {
  if (line.level !== 'unknown') return false;
  const text = line.text.replace(DOCKER_TIME_PREFIX, '');
  if (/^[ \t]+\S/.test(text) || traceMarker.test(text)) return true;
  return afterTrace && /^[\w.]+(Error|Exception|Exit|Interrupt)\b/.test(text);
}

const traceMarker =
  /^(Traceback \(most recent call last\):|Caused by: |During handling of the above exception)/;

/**
 * The lines whose level is chosen, each with the lines that continue it: filtering on errors keeps
 * an error's stack trace, which carries no level of its own.
 */
export function linesOfLevels(
  lines: readonly KeptLine[],
  levels: ReadonlySet<LogLevel>,
): KeptLine[] {
  const shown: KeptLine[] = [];
  let ownerShown = false;
  let afterTrace = false;
  for (const line of lines) {
    const continues = isContinuation(line, afterTrace);
    const show: boolean = levels.has(line.level) || (continues && ownerShown);
    if (!continues) ownerShown = show;
    afterTrace = continues;
    if (show) shown.push(line);
  }
  return shown;
}
