// Temporary folders for tests, removed when the test process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];
process.once('exit', () => {
  for (const folder of created) rmSync(folder, { recursive: true, force: true });
});

export function temporaryDirectory(label: string): string {
  const folder = mkdtempSync(join(tmpdir(), `control-room-${label}-`));
  created.push(folder);
  return folder;
}
