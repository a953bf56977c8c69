// `control-room report --archive DIR | --bundle FILE | --snapshots FILE [--since T] [--until T]
// [--format md|json] [--cycle D] [--tz ZONE]`: the Live Improvements Report (docs/findings.md).
// From an archive or a bundle: the findings the engine recorded there. From a file of snapshots
// (one JSON snapshot per line, oldest first): the engine runs over them here, in memory.
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Archive, ArchiveVersionError, BundleError, openBundleForReview } from '../archive';
import { archivedSnapshots } from '../findings/archive-history';
import { archivedChanges } from '../findings/archive-store';
import { FindingsEngine } from '../findings/engine';
import type { FindingChange } from '../findings/lifecycle';
import { buildReport, renderReport, type ReportOptions } from '../findings/report';
import { configureLogging } from '../log';
import { parseSnapshot } from '../../shared/snapshot';
import { EXIT_OK, InputError, type Command } from './common';

const DAY_MS = 86_400_000;

const options = {
  archive: { type: 'string' },
  bundle: { type: 'string' },
  snapshots: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  format: { type: 'string' },
  cycle: { type: 'string' },
  tz: { type: 'string' },
  replay: { type: 'boolean' },
} satisfies ParseArgsConfig['options'];

interface Source {
  changes: FindingChange[];
  deployment: string | null;
  timeZone: string | null;
}

export const reportCommand: Command = {
  usage: `  report --archive DIR | --bundle FILE | --snapshots FILE [--since T] [--until T]
         [--format md|json] [--cycle D] [--tz ZONE] [--replay]
                         Print the Live Improvements Report: from the findings recorded in an
                         archive or bundle (with --replay: the findings engine run again over
                         its snapshots), or the engine run over a file of snapshots (one JSON
                         per line). T: ISO-8601 or ms since 1970; D: a cycle length
                         that merges evaluations (15m); ZONE: the headings' time zone (default
                         the plant's, from its clocks).`,
  async run(argv, output) {
    const { values } = parseArgs({ args: argv, options, strict: true });
    const sources = [values.archive, values.bundle, values.snapshots].filter(Boolean);
    if (sources.length !== 1) {
      throw new InputError(
        'report needs exactly one of --archive DIR, --bundle FILE, --snapshots FILE',
      );
    }
    const format = parseFormat(values.format);
    const sinceMs = values.since === undefined ? undefined : parseTime('--since', values.since);
    const untilMs = values.until === undefined ? undefined : parseTime('--until', values.until);
    if (sinceMs !== undefined && untilMs !== undefined && sinceMs >= untilMs) {
      throw new InputError('--since must be before --until');
    }
    const cycleMs = values.cycle === undefined ? 0 : parseDurationMs('--cycle', values.cycle);
    if (values.tz !== undefined) checkTimeZone(values.tz);
    configureLogging();
    const source = await readSource(values, sinceMs, untilMs);
    const reportOptions: ReportOptions = {
      deployment: source.deployment,
      timeZone: values.tz ?? source.timeZone ?? 'UTC',
      cycleMs,
      sinceMs,
      untilMs,
    };
    const text = renderReport(buildReport(source.changes, reportOptions), format);
    output.out(text.trimEnd());
    return { exitCode: EXIT_OK };
  },
};

async function readSource(
  values: { archive?: string; bundle?: string; snapshots?: string; replay?: boolean },
  sinceMs: number | undefined,
  untilMs: number | undefined,
): Promise<Source> {
  if (values.snapshots !== undefined) {
    if (values.replay) throw new InputError('--replay applies to --archive and --bundle');
    return runOverSnapshots(values.snapshots);
  }
  const read = values.replay ? replayArchive : readArchive;
  if (values.bundle !== undefined) return readBundleFile(values.bundle, sinceMs, untilMs, read);
  const archive = openArchive(values.archive!);
  try {
    return read(archive, sinceMs, untilMs);
  } finally {
    archive.close();
  }
}

export function readArchive(
  archive: Archive,
  sinceMs: number | undefined,
  untilMs: number | undefined,
): Source {
  const changes = archivedChanges(archive, sinceMs ?? 0, untilMs ?? Number.MAX_SAFE_INTEGER);
  const range = archive.range();
  return {
    changes,
    deployment: archive.deploymentName(),
    timeZone: range ? plantTimeZone(archive.documentsAt(range.lastMs)) : null,
  };
}

/** A bundle is imported into a temporary read-only archive, read, and removed. */
async function readBundleFile(
  file: string,
  sinceMs: number | undefined,
  untilMs: number | undefined,
  read: typeof readArchive,
): Promise<Source> {
  if (!existsSync(file)) throw new InputError(`--bundle ${file}: no such file`);
  let bundle;
  try {
    bundle = await openBundleForReview(file);
  } catch (error) {
    if (error instanceof BundleError) throw new InputError(error.message);
    throw error;
  }
  try {
    return read(bundle.archive, sinceMs, untilMs);
  } finally {
    bundle.close();
  }
}

/**
 * The findings engine run again over the archive's ticks: the 24 h before `since` warm the
 * History up (a rule that needs a day of data has it), findings count from `since` on.
 */
export function replayArchive(
  archive: Archive,
  sinceMs: number | undefined,
  untilMs: number | undefined,
): Source {
  const range = archive.range();
  if (!range) return { changes: [], deployment: archive.deploymentName(), timeZone: null };
  const fromMs = sinceMs ?? range.firstMs;
  const engine = new FindingsEngine();
  const changes: FindingChange[] = [];
  const ticks = archivedSnapshots(archive, fromMs - DAY_MS, untilMs ?? range.lastMs);
  for (const snapshot of ticks) {
    const result = engine.tick(snapshot);
    if (result && result.atMs >= fromMs) changes.push(...result.changes);
  }
  return {
    changes,
    deployment: archive.deploymentName(),
    timeZone: plantTimeZone(archive.documentsAt(range.lastMs)),
  };
}

function plantTimeZone(documents: Record<string, Record<string, unknown>>): string | null {
  for (const node of Object.values(documents)) {
    const host = node.host as { clock?: { timezone?: string | null } | null } | null | undefined;
    const zone = host?.clock?.timezone;
    if (zone) return zone;
  }
  return null;
}

function openArchive(directory: string): Archive {
  if (!existsSync(directory)) throw new InputError(`--archive ${directory}: no such directory`);
  try {
    return Archive.open({ directory, readOnly: true });
  } catch (error) {
    if (error instanceof ArchiveVersionError) throw new InputError(error.message);
    throw new InputError(`--archive ${directory}: ${(error as Error).message}`);
  }
}

/** Runs the findings engine over a file of snapshots, one JSON object per line. */
export async function runOverSnapshots(file: string): Promise<Source> {
  if (!existsSync(file)) throw new InputError(`--snapshots ${file}: no such file`);
  const engine = new FindingsEngine();
  const changes: FindingChange[] = [];
  let deployment: string | null = null;
  let timeZone: string | null = null;
  let lineNumber = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const snapshot = parseLine(file, lineNumber, line);
    deployment ??= snapshot.deployment;
    timeZone ??=
      Object.values(snapshot.nodes).find((node) => node.host?.clock?.timezone)?.host?.clock
        ?.timezone ?? null;
    const result = engine.tick(snapshot);
    if (result) changes.push(...result.changes);
  }
  return { changes, deployment, timeZone };
}

function parseLine(file: string, lineNumber: number, line: string) {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InputError(`${file}:${lineNumber}: not JSON (${(error as Error).message})`);
  }
  const parsed = parseSnapshot(value);
  if (!parsed.ok) {
    const problems = parsed.problems.slice(0, 5).join('; ');
    throw new InputError(`${file}:${lineNumber}: not a snapshot: ${problems}`);
  }
  return parsed.snapshot;
}

function parseFormat(text: string | undefined): 'md' | 'json' {
  if (text === undefined || text === 'md' || text === 'json') return text ?? 'md';
  throw new InputError(`--format must be md or json, got '${text}'`);
}

/** An ISO-8601 time with a date and a time of day, or whole milliseconds since 1970. */
function parseTime(option: string, text: string): number {
  if (/^\d{1,15}$/.test(text)) return Number(text);
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(
      `${option} must be an ISO-8601 time (2026-02-18T22:08:00-03:00) or ms, got '${text}'`,
    );
  }
  return ms;
}

function parseDurationMs(option: string, text: string): number {
  const match = /^(\d{1,7})(s|m|h)$/.exec(text);
  if (!match) throw new InputError(`${option} must look like 90s, 15m or 2h, got '${text}'`);
  const unitMs = { s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as 's' | 'm' | 'h'];
  return Number(match[1]) * unitMs;
}

function checkTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new InputError(`--tz: unknown time zone '${zone}' (use an IANA name: America/Sao_Paulo)`);
  }
}
