// `control-room export --archive DIR --from T --to T --out FILE [--fleet F | --demo]`: a time
// range of an archive as one bundle file (docs/bundle-format.md).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Archive, ARCHIVE_FILE, ArchiveVersionError, exportBundle } from '../archive';
import type { FleetInput } from '../archive';
import { readFleet } from '../core/watched';
import { demoFleet, loadDefaultScenario } from '../demo';
import { configureLogging } from '../log';
import { EXIT_OK, InputError, type Command } from './common';

const options = {
  archive: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  fleet: { type: 'string' },
  demo: { type: 'boolean' },
} satisfies ParseArgsConfig['options'];

export const exportCommand: Command = {
  usage: `  export --archive DIR --from T --to T --out FILE [--fleet F | --demo]
                         Write the archive's records from T to T (ISO-8601 times, or ms since
                         1970) into one bundle file; with the fleet file F (or the demo's),
                         every secret field removed. FILE must not exist yet.`,
  async run(argv, output) {
    const { values } = parseArgs({ args: argv, options, strict: true });
    const directory = required(values.archive, '--archive DIR');
    const fromMs = parseTime('--from', required(values.from, '--from T'));
    const toMs = parseTime('--to', required(values.to, '--to T'));
    const outFile = required(values.out, '--out FILE');
    if (fromMs >= toMs) throw new InputError('--from must be before --to');
    if (existsSync(outFile)) {
      throw new InputError(`${outFile} already exists; choose another name or remove it`);
    }
    if (!existsSync(dirname(resolve(outFile)))) {
      throw new InputError(`the directory of ${outFile} does not exist`);
    }
    const fleet = chooseFleet(values);
    configureLogging();
    const archive = openArchive(directory);
    try {
      checkRange(archive, fromMs, toMs);
      const summary = await exportBundle(archive, { fromMs, toMs, outFile, fleet });
      output.out(
        `Exported ${summary.records} records (${describeCounts(summary.counts)}) from ` +
          `${iso(fromMs)} to ${iso(toMs)} into ${outFile}: ${summary.bytes} bytes`,
      );
    } finally {
      archive.close();
    }
    return { exitCode: EXIT_OK };
  },
};

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new InputError(`export needs ${what}`);
  return value;
}

/** An ISO-8601 time with a date and a time of day, or whole milliseconds since 1970. */
export function parseTime(option: string, text: string): number {
  if (/^\d{1,15}$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\dT/.test(text) || !Number.isFinite(ms)) {
    throw new InputError(
      `${option} must be an ISO-8601 time such as 2026-02-19T08:00:00Z, got '${text}'`,
    );
  }
  return ms;
}

function chooseFleet(values: { fleet?: string; demo?: boolean }): FleetInput | undefined {
  if (values.fleet !== undefined && values.demo) {
    throw new InputError('choose --fleet FILE or --demo, not both');
  }
  if (values.demo) return { fleet: demoFleet(loadDefaultScenario()), source: 'demo' };
  if (values.fleet !== undefined) return { fleet: readFleet(values.fleet), source: 'file' };
  return undefined;
}

/** Opens the archive read-only; a missing or unreadable one is bad input. */
export function openArchive(directory: string): Archive {
  if (!existsSync(join(directory, ARCHIVE_FILE))) {
    throw new InputError(`no archive in ${directory} (${ARCHIVE_FILE} is missing)`);
  }
  try {
    return Archive.open({ directory, readOnly: true });
  } catch (error) {
    if (error instanceof ArchiveVersionError) throw new InputError(error.message);
    throw new InputError(`cannot open the archive in ${directory}: ${(error as Error).message}`);
  }
}

function checkRange(archive: Archive, fromMs: number, toMs: number): void {
  const held = archive.range();
  if (held !== null && held.firstMs < toMs && held.lastMs >= fromMs) return;
  const holds = held ? `it holds ${iso(held.firstMs)} to ${iso(held.lastMs)}` : 'it is empty';
  throw new InputError(
    `the archive in ${archive.directory} holds no samples from ${iso(fromMs)} to ` +
      `${iso(toMs)} (${holds})`,
  );
}

/** `raw 2400, chunks 431, documents 77, versions 119, events 1, findings 0, audit 0`. */
export function describeCounts(counts: Record<string, number>): string {
  const shown: [string, string][] = [
    ['raw', 'raw'],
    ['chunk', 'chunks'],
    ['document', 'documents'],
    ['version', 'versions'],
    ['event', 'events'],
    ['finding', 'findings'],
    ['audit', 'audit'],
  ];
  return shown.map(([type, label]) => `${label} ${counts[type] ?? 0}`).join(', ');
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
