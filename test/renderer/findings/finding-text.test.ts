// Finding text in Brazilian Portuguese: every rule of the rule table has a catalogue entry whose
// title and detail are written from the finding's fields or declare a fallback to the English;
// on the findings the demo plant produces (demo-findings.json: one of each shape, recorded by
// replaying the demo scenario through LiveFindings as test/findings/replay.test.ts does) every
// written text is Portuguese, with Brazilian number formats and no hole.
import { describe, expect, it } from 'vitest';
import { RULE_FAULT_RULE } from '../../../electron/findings/engine';
import { rules } from '../../../electron/findings/rules';
import { findingText, type FindingFields } from '../../../renderer/findings/finding-text';
import { ptBRFindingText } from '../../../renderer/findings/finding-text-pt';
import { ptBRRuleTitles } from '../../../renderer/findings/finding-text-titles';
import demoFindings from './demo-findings.json';

const samples = demoFindings as unknown as FindingFields[];
const ruleIds = [...rules.map((rule) => rule.id), RULE_FAULT_RULE.id];

/** Words of an English sentence that a Portuguese one does not use, between spaces. */
const englishWords = / (the|is|has|and|of|on|with|its|since|while|at|in|it|to) /;

/** Text outside double quotes (a quoted log or server message stays as it was written). */
function unquoted(text: string): string {
  return text.replace(/"[^"]*"/g, '""');
}

describe('the pt-BR finding text catalogue', () => {
  it('has an entry, written or a declared fallback, for every rule id', () => {
    for (const id of ruleIds) {
      const entry = ptBRFindingText[id];
      expect(entry, `no entry for ${id}`).toBeDefined();
      for (const part of [entry!.title, entry!.detail]) {
        if (typeof part !== 'function') expect(part.fallback.length).toBeGreaterThan(10);
      }
      expect(ptBRRuleTitles[id], `no rule title for ${id}`).toBeDefined();
    }
    expect(Object.keys(ptBRFindingText).sort()).toEqual([...ruleIds].sort());
  });

  it('the demo plant produces every rule of the table', () => {
    const produced = new Set(samples.map((sample) => sample.ruleId));
    expect(rules.filter((rule) => !produced.has(rule.id)).map((rule) => rule.id)).toEqual([]);
  });

  it('writes every demo finding in Portuguese where the catalogue does not fall back', () => {
    const problems: string[] = [];
    for (const sample of samples) {
      const entry = ptBRFindingText[sample.ruleId]!;
      const shown = findingText(sample, 'pt-BR');
      for (const [part, text] of [
        ['title', shown.title],
        ['detail', shown.detail],
      ] as const) {
        const declared = typeof entry[part] !== 'function';
        const where = `${sample.ruleId} ${sample.subject} ${part}`;
        if (declared) {
          if (text.lang !== 'en' || text.text !== sample[part]) problems.push(`${where}: not EN`);
          continue;
        }
        // A negative uptime (a clock problem) is the one case shown as the core wrote it.
        if (text.lang === 'en' && !(sample.numbers.uptimeHours! < 0)) {
          problems.push(`${where}: fell back`);
        }
        if (text.lang === 'en') continue;
        if (/undefined|null|NaN/.test(text.text)) problems.push(`${where}: hole in "${text.text}"`);
        const english = englishWords.exec(unquoted(text.text));
        if (english) problems.push(`${where}: English "${english[0]}" in "${text.text}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('writes numbers the Brazilian way and durations in Portuguese', () => {
    const leak = samples.find((sample) => sample.numbers.rateMbPerHour === 397.3)!;
    const shown = findingText(leak, 'pt-BR');
    expect(shown.title).toEqual({
      text: 'vk01 visionking-inference: a memória cresce 397,3 MB/h',
      lang: null,
    });
    expect(shown.detail.text).toBe(
      'visionking-inference em vk01 cresce 397,3 MB/h e usa 14.582 MB agora. Nesse ritmo ' +
        'alcança o limite de 42.217 MB em ~2 d 21 h.',
    );
  });

  it('shows the English, marked, when a number the sentence needs is missing', () => {
    const leak = samples.find((sample) => sample.ruleId === 'memory-leak')!;
    const broken = { ...leak, numbers: { ...leak.numbers, rateMbPerHour: null } };
    expect(findingText(broken, 'pt-BR').title).toEqual({ text: leak.title, lang: 'en' });
    const unknown = { ...leak, ruleId: 'a-rule-added-later' };
    expect(findingText(unknown, 'pt-BR').detail).toEqual({ text: leak.detail, lang: 'en' });
  });

  it('leaves English findings as the core wrote them', () => {
    for (const sample of samples.slice(0, 5)) {
      expect(findingText(sample, 'en')).toEqual({
        title: { text: sample.title, lang: null },
        detail: { text: sample.detail, lang: null },
      });
    }
  });
});
