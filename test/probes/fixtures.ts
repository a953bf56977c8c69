// Access to the real command outputs under test/fixtures/real-outputs (see SOURCES.md there).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { formatProblem, type Parsed } from '../../electron/probes/parse-result';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'real-outputs');

export function readFixture(folder: string, file: string): string {
  return readFileSync(join(root, folder, file), 'utf8');
}

export function fixtureFiles(folder: string): string[] {
  return readdirSync(join(root, folder)).sort();
}

/**
 * Fails when a folder holds a fixture that `covered` does not name (or the other way round),
 * so a newly added real output cannot go untested.
 */
export function expectAllCovered(folder: string, covered: string[]): void {
  expect([...covered].sort()).toEqual(fixtureFiles(folder));
}

/** Problems as readable sentences, for `toEqual([...])` assertions with clear diffs. */
export function problemTexts<T>(result: Parsed<T>): string[] {
  return result.problems.map(formatProblem);
}
