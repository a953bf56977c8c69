// Writes docs/actions.md from the action catalog; `--check` only says whether it is current.
// Run: npx tsx scripts/actions-doc.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { ACTIONS_DOC_PATH, formattedActionsDoc } from '../electron/actions/doc';

const text = await formattedActionsDoc();
if (process.argv.includes('--check')) {
  const current = readFileSync(ACTIONS_DOC_PATH, 'utf8');
  if (current !== text) {
    process.stderr.write(`${ACTIONS_DOC_PATH} is stale: run npx tsx scripts/actions-doc.ts\n`);
    process.exit(1);
  }
  process.stdout.write(`${ACTIONS_DOC_PATH} is current\n`);
} else {
  writeFileSync(ACTIONS_DOC_PATH, text);
  process.stdout.write(`wrote ${ACTIONS_DOC_PATH}\n`);
}
