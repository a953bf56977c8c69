// The vocabulary of the findings text catalogues (finding-text-pt.ts): what a writer reads,
// how it declares a fallback to the English text, and the number, list and duration formats
// of Brazilian Portuguese.
export interface FindingFields {
  ruleId: string;
  subject: string;
  severity: 'WARNING' | 'INFO' | 'SUGGESTION';
  title: string;
  detail: string;
  nodes: string[];
  containers: string[];
  numbers: Record<string, number | null>;
}

/** A text to show; `lang` is `en` when it is the core's English inside a Portuguese page. */
export interface ShownText {
  text: string;
  lang: 'en' | null;
}

/** Why a part of a rule's text stays English: declared in the catalogue, with the reason. */
export interface Fallback {
  fallback: string;
}

/** Writes one part from the fields; throws MissingField when a field it needs is absent. */
export type Writer = (finding: FindingFields) => string;

export interface CatalogueEntry {
  title: Writer | Fallback;
  detail: Writer | Fallback;
}

/** Thrown by a writer whose number is null or whose node is not named: the English is shown. */
export class MissingField extends Error {}

export function fallback(reason: string): Fallback {
  return { fallback: reason };
}

// -- formats --------------------------------------------------------------------

const formats = new Map<number, Intl.NumberFormat>();

/** A number the Brazilian way (1.234,5), with at most `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  let format = formats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: digits });
    formats.set(digits, format);
  }
  return format.format(value);
}

/** The finding's number `name`, formatted; MissingField when it is absent or null. */
export function num(finding: FindingFields, name: string, digits = 1): string {
  const value = finding.numbers[name];
  if (value === null || value === undefined) throw new MissingField(name);
  return formatNumber(value, digits);
}

/** The number itself, for choosing words (singular or plural); MissingField when absent. */
export function raw(finding: FindingFields, name: string): number {
  const value = finding.numbers[name];
  if (value === null || value === undefined) throw new MissingField(name);
  return value;
}

/** The first node, or the nodes as a list ("vk01, vk02 e vk03"). */
export function node(finding: FindingFields): string {
  const first = finding.nodes[0];
  if (first === undefined) throw new MissingField('nodes');
  return first;
}

export function listWords(items: readonly string[]): string {
  if (items.length === 0) throw new MissingField('list');
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(', ')} e ${items.at(-1)}`;
}

export function container(finding: FindingFields): string {
  const first = finding.containers[0];
  if (first === undefined) throw new MissingField('containers');
  return first;
}

/** Minutes as the core writes durations, in Portuguese: `45 min`, `2 h 5 min`, `3 d 4 h`. */
export function duration(minutes: number): string {
  if (minutes < 60) return `${formatNumber(minutes, 0)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = Math.round(minutes - hours * 60);
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours - days * 24;
  return restHours === 0 ? `${days} d` : `${days} d ${restHours} h`;
}

/** `1 vez` / `3 vezes`. */
export function times(count: number): string {
  return count === 1 ? '1 vez' : `${formatNumber(count, 0)} vezes`;
}
