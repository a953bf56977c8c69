// Log lines as a pure function of time. Each stream is a grid (line k at origin + k × interval,
// plus seeded jitter), so `docker logs --since … --tail 500` over a 170-lines-per-second flood
// costs the 500 lines asked for, not the millions the flood wrote: the newest lines of a window
// are found by arithmetic, walking the grid backwards.
import { noise } from './clock';
import {
  gunicornTime,
  nestTime,
  postgresTime,
  pythonTime,
  redisTime,
  rfc3339Nano,
} from './formats';
import type { Window } from './models';

/** One line as `docker logs --timestamps` has it: Docker's own time, then the text. */
export interface LogLine {
  /** Docker's timestamp in whole microseconds, and the nanoseconds after them. */
  atUs: number;
  nanos: number;
  text: string;
}

/** What a line template's placeholders are filled from. */
export interface LineContext {
  offsetMinutes: number;
  cameras: readonly string[];
  speedMmPerMinute: number;
  pidAt(atMs: number): number;
  barAt(atMs: number): string;
  producing(atMs: number): boolean;
}

/** A stream resolved for one container: where its grid starts and where it may write. */
export interface GridStream {
  key: string;
  originMs: number;
  intervalMs: number;
  jitterMs: number;
  skewMs: number;
  lines: readonly string[];
  windows: readonly Window[];
}

/** Lines at or after `since` and at or before `until`, newest `limit` kept. */
export interface LogQuery {
  sinceUs: number;
  sinceNanos: number;
  untilUs: number;
  limit: number;
}

export function renderLine(
  template: string,
  atMs: number,
  index: number,
  context: LineContext,
  skewMs = 0,
): string {
  const written = atMs + skewMs;
  const cameras = context.cameras.length;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    switch (name) {
      case 'asctime':
        return pythonTime(written, context.offsetMinutes);
      case 'pgtime':
        return postgresTime(written);
      case 'nesttime':
        return nestTime(written, context.offsetMinutes);
      case 'gunicorntime':
        return gunicornTime(written, context.offsetMinutes);
      case 'isotime':
        return new Date(Math.floor(written)).toISOString();
      case 'redistime':
        return redisTime(written);
      default:
        return placeholderValue(name, atMs, index, cameras, context) ?? whole;
    }
  });
}

function placeholderValue(
  name: string,
  atMs: number,
  index: number,
  cameras: number,
  context: LineContext,
): string | null {
  const position = Math.abs(Math.floor(index));
  if (name === 'pid') return String(context.pidAt(atMs));
  if (name === 'workerPid') return '8';
  if (name === 'bar') return context.barAt(atMs);
  if (name === 'camera') return context.cameras[position % cameras] ?? '';
  if (name === 'retry') return String(1 + (Math.floor(position / cameras) % 3));
  if (name === 'speed') return context.producing(atMs) ? String(context.speedMmPerMinute) : '0';
  return null;
}

function lineTimeMs(stream: GridStream, seed: number, index: number): number {
  const jitter = stream.jitterMs > 0 ? stream.jitterMs * noise(seed, stream.key, index) : 0;
  return stream.originMs + index * stream.intervalMs + jitter;
}

/** Docker stamps to the nanosecond: a line's place within its millisecond, fixed by the seed. */
function subMillisecondNs(seed: number, key: string, index: number): number {
  return Math.floor(noise(seed, `${key}#ns`, index) * 1_000_000);
}

/** The newest `query.limit` lines of one stream inside its windows and the query. */
export function gridLines(
  stream: GridStream,
  seed: number,
  query: LogQuery,
  context: LineContext,
): LogLine[] {
  const found: LogLine[] = [];
  const queryWindow = { fromMs: query.sinceUs / 1000 - 1, toMs: query.untilUs / 1000 + 1 };
  const windows = [...stream.windows].reverse();
  for (const window of windows) {
    const fromMs = Math.max(window.fromMs, queryWindow.fromMs);
    const toMs = Math.min(window.toMs, queryWindow.toMs);
    if (fromMs >= toMs) continue;
    const lowest = Math.ceil((fromMs - stream.originMs - stream.jitterMs) / stream.intervalMs);
    let index = Math.floor((toMs - stream.originMs) / stream.intervalMs);
    for (; index >= lowest && found.length < query.limit; index -= 1) {
      const atMs = lineTimeMs(stream, seed, index);
      if (atMs < window.fromMs || atMs >= window.toMs) continue;
      const line = lineAt(stream, seed, index, atMs, context);
      if (withinQuery(line, query)) found.push(line);
    }
    if (found.length >= query.limit) break;
  }
  return found.reverse();
}

function lineAt(
  stream: GridStream,
  seed: number,
  index: number,
  atMs: number,
  context: LineContext,
): LogLine {
  const template = stream.lines[positiveIndex(index, stream.lines.length)] ?? '';
  const subNs = subMillisecondNs(seed, stream.key, index);
  return {
    atUs: Math.floor(atMs) * 1000 + Math.floor(subNs / 1000),
    nanos: subNs % 1000,
    text: renderLine(template, atMs, index, context, stream.skewMs),
  };
}

function positiveIndex(index: number, length: number): number {
  return ((index % length) + length) % length;
}

export function withinQuery(line: LogLine, query: LogQuery): boolean {
  if (line.atUs > query.untilUs) return false;
  if (line.atUs !== query.sinceUs) return line.atUs > query.sinceUs;
  return line.nanos >= query.sinceNanos;
}

/** Lines written at one moment (a boot, a kill): each a few milliseconds after the last. */
export function burstLines(
  templates: readonly string[],
  atMs: number,
  stepMs: number,
  context: LineContext,
): LogLine[] {
  return templates.map((template, index) => {
    const lineMs = atMs + stepMs * (index + 1);
    return {
      atUs: Math.round(lineMs * 1000),
      nanos: 0,
      text: renderLine(template, lineMs, index, context),
    };
  });
}

/** Several sources' lines, in Docker's order, the newest `limit` kept (`--tail`). */
export function mergeTail(sources: LogLine[][], limit: number): LogLine[] {
  const all = sources.flat();
  all.sort((a, b) => a.atUs - b.atUs || a.nanos - b.nanos);
  return limit >= all.length ? all : all.slice(all.length - limit);
}

/** `2026-02-19T02:01:00.412113507Z text`, as `docker logs --timestamps` prints a line. */
export function dockerLogLine(line: LogLine): string {
  return `${rfc3339Nano(line.atUs, line.nanos)} ${line.text}`;
}
