// docs/findings.md is generated from the rule table; this fails when one changed without the other.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDINGS_DOC_PATH, formattedFindingsDoc } from '../../electron/findings/doc';
import { rules } from '../../electron/findings/rules';

describe('docs/findings.md', () => {
  it('is what scripts/findings-doc.ts generates from the rule table', async () => {
    const current = readFileSync(FINDINGS_DOC_PATH, 'utf8');
    const generated = await formattedFindingsDoc();
    expect(current, 'docs/findings.md is stale: run npx tsx scripts/findings-doc.ts').toBe(
      generated,
    );
  });

  it('documents every rule with its thresholds and actions', () => {
    const text = readFileSync(FINDINGS_DOC_PATH, 'utf8');
    for (const rule of rules) {
      expect(text).toContain(`(\`${rule.id}\`)`);
      for (const name of Object.keys(rule.thresholds)) expect(text).toContain(`\`${name}\``);
      for (const action of rule.actions) expect(text).toContain(`\`${action}\``);
    }
  });

  it('has unique rule ids in the table', () => {
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
