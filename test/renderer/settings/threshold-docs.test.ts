// Every threshold of the rule table has its meaning in Brazilian Portuguese for Settings, and
// the catalogue names no threshold the rules no longer have.
import { describe, expect, it } from 'vitest';
import { rules } from '../../../electron/findings/rules';
import { ptBRThresholdDocs } from '../../../renderer/settings/threshold-docs-pt';

const keys = rules.flatMap((rule) => Object.keys(rule.thresholds).map((n) => `${rule.id}/${n}`));

describe('threshold meanings in pt-BR', () => {
  it('has one for every threshold of every rule', () => {
    expect(keys.filter((key) => !Object.hasOwn(ptBRThresholdDocs, key))).toEqual([]);
  });

  it('has none for a threshold that does not exist', () => {
    expect(Object.keys(ptBRThresholdDocs).filter((key) => !keys.includes(key))).toEqual([]);
  });
});
