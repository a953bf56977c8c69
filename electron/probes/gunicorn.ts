// gunicorn's own log lines (the visualizer runs under gunicorn): worker boots, WORKER TIMEOUT,
// workers killed by a signal or "sent SIGKILL! Perhaps out of memory?". These make the OOM and
// recycle patterns of the reference report visible. Application lines in between are counted.
import { guarded, splitLines, type Parsed } from './parse-result';

export type GunicornEventKind =
  | 'starting'
  | 'listening'
  | 'worker-boot'
  | 'worker-timeout'
  | 'worker-signal'
  | 'worker-oom-kill'
  | 'worker-count'
  | 'shutdown'
  | 'other';

export interface GunicornEvent {
  line: number;
  /** As written (`2024-01-09 13:24:39 +0000` or `2015-11-12 17:19:09`). */
  timeText: string;
  /** The process that wrote the line: the arbiter, or the booting worker itself. */
  pid: number;
  level: string;
  kind: GunicornEventKind;
  /** The worker the event is about, when it names one. */
  workerPid: number | null;
  signal: number | null;
  /** `N workers` lines; `starting` lines carry gunicorn's version in `message`. */
  workerCount: number | null;
  message: string;
}

export interface GunicornLog {
  events: GunicornEvent[];
  /** Lines not in gunicorn's format (the application's own output). */
  otherLines: number;
}

const COMPOSE_PREFIX = /^[\w.-]+\s+\|\s?/;
// `[2019-02-23 09:08:17 +0000] [1] [INFO] …`, and the 2015 form
// `2015-11-12 17:19:09 [17027] [INFO] …`
const GUNICORN_LINE =
  /^\[?(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?: [+-]\d{4})?)\]? \[(\d+)\] \[([A-Z]+)\] (.*)$/;

const eventPatterns: [RegExp, GunicornEventKind][] = [
  [/^Starting gunicorn/, 'starting'],
  [/^Listening at:/, 'listening'],
  [/^Booting worker with pid: (\d+)/, 'worker-boot'],
  [/^WORKER TIMEOUT \(pid:(\d+)\)/, 'worker-timeout'],
  [/^Worker \(pid:(\d+)\) was sent SIGKILL! Perhaps out of memory\?/, 'worker-oom-kill'],
  [/^Worker with pid (\d+) was terminated due to signal (\d+)/, 'worker-signal'],
  [/^(\d+) workers$/, 'worker-count'],
  [/^(Shutting down|Handling signal)/, 'shutdown'],
];

export function parseGunicornLog(text: string): Parsed<GunicornLog> {
  return guarded(
    () => ({ events: [], otherLines: 0 }),
    () => {
      const log: GunicornLog = { events: [], otherLines: 0 };
      splitLines(text).forEach((raw, index) => {
        const line = raw.replace(COMPOSE_PREFIX, '');
        const match = GUNICORN_LINE.exec(line.trim());
        if (match) log.events.push(eventFrom(match, index + 1));
        else if (line.trim() !== '') log.otherLines += 1;
      });
      return { value: log, problems: [] };
    },
  );
}

function eventFrom(match: RegExpExecArray, line: number): GunicornEvent {
  const [, timeText = '', pid = '0', level = '', message = ''] = match;
  const [pattern, kind] = eventPatterns.find(([candidate]) => candidate.test(message)) ?? [
    null,
    'other' as const,
  ];
  const groups = pattern?.exec(message) ?? [];
  const number = (group: number) => (groups[group] === undefined ? null : Number(groups[group]));
  return {
    line,
    timeText,
    pid: Number(pid),
    level,
    kind,
    workerPid: kind === 'worker-count' ? null : number(1),
    signal: kind === 'worker-signal' ? number(2) : kind === 'worker-oom-kill' ? 9 : null,
    workerCount: kind === 'worker-count' ? number(1) : null,
    message,
  };
}

export interface GunicornSummary {
  workerBoots: number;
  workerTimeouts: number;
  /** Workers that ended by a signal, including suspected OOM kills. */
  workerKills: number;
  suspectedOomKills: number;
}

export function summarizeGunicorn(events: GunicornEvent[]): GunicornSummary {
  const count = (kind: GunicornEventKind) => events.filter((event) => event.kind === kind).length;
  return {
    workerBoots: count('worker-boot'),
    workerTimeouts: count('worker-timeout'),
    workerKills: count('worker-signal') + count('worker-oom-kill'),
    suspectedOomKills: count('worker-oom-kill'),
  };
}
