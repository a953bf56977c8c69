// docs/actions.md is generated from the catalog; this fails when one changed without the other.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogView } from '../../electron/actions';
import { ACTIONS_DOC_PATH, formattedActionsDoc } from '../../electron/actions/doc';

describe('docs/actions.md', () => {
  it('is what scripts/actions-doc.ts generates from the catalog', async () => {
    const current = readFileSync(ACTIONS_DOC_PATH, 'utf8');
    const generated = await formattedActionsDoc();
    expect(current, 'docs/actions.md is stale: run npx tsx scripts/actions-doc.ts').toBe(generated);
  });

  it('documents every action with its commands', () => {
    const text = readFileSync(ACTIONS_DOC_PATH, 'utf8');
    for (const entry of catalogView()) {
      expect(text).toContain(`\`${entry.id}\``);
      for (const command of entry.commands) expect(text).toContain(command.text);
    }
  });
});
