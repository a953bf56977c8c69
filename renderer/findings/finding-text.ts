// A finding's title and detail in the interface language. The core writes them in English
// (electron/findings/rules/*.ts); for Brazilian Portuguese the catalogue of finding-text-pt.ts,
// keyed by rule id, writes them again from the finding's structured fields (nodes, containers,
// subject, severity and the numbers, whose names carry their units). Where those fields do not
// hold what a sentence needs (a log message, a key name), the catalogue declares a fallback and
// the English text is shown, marked lang="en" so screen readers and the reader know.
import {
  MissingField,
  type Fallback,
  type FindingFields,
  type ShownText,
  type Writer,
} from './finding-text-format';
import { ptBRFindingText } from './finding-text-pt';

export type { FindingFields, ShownText } from './finding-text-format';

export function findingText(
  finding: FindingFields,
  language: string,
): { title: ShownText; detail: ShownText } {
  if (language !== 'pt-BR') {
    return {
      title: { text: finding.title, lang: null },
      detail: { text: finding.detail, lang: null },
    };
  }
  const entry = Object.hasOwn(ptBRFindingText, finding.ruleId)
    ? ptBRFindingText[finding.ruleId]
    : undefined;
  return {
    title: write(entry?.title, finding, finding.title),
    detail: write(entry?.detail, finding, finding.detail),
  };
}

function write(part: Writer | Fallback | undefined, finding: FindingFields, english: string) {
  if (part === undefined || typeof part !== 'function')
    return { text: english, lang: 'en' as const };
  try {
    return { text: part(finding), lang: null };
  } catch (error) {
    if (error instanceof MissingField) return { text: english, lang: 'en' as const };
    throw error;
  }
}
