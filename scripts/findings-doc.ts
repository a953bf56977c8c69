// Writes docs/findings.md from the rule table; `--check` only says whether it is current.
// Run: npx tsx scripts/findings-doc.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { FINDINGS_DOC_PATH, formattedFindingsDoc } from '../electron/findings/doc';

const text = await formattedFindingsDoc();
if (process.argv.includes('--check')) {
  const current = readFileSync(FINDINGS_DOC_PATH, 'utf8');
  if (current !== text) {
    process.stderr.write(`${FINDINGS_DOC_PATH} is stale: run npx tsx scripts/findings-doc.ts\n`);
    process.exit(1);
  }
  process.stdout.write(`${FINDINGS_DOC_PATH} is current\n`);
} else {
  writeFileSync(FINDINGS_DOC_PATH, text);
  process.stdout.write(`wrote ${FINDINGS_DOC_PATH}\n`);
}
