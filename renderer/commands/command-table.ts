// Every command of the interface, in one declarative table: what it is called (an i18n key),
// which key runs it, and what it does (as data). The command palette lists this table, the global
// keyboard handler matches its shortcuts, and tests check it; nothing else defines a command.
import type { Language } from '../i18n/language';
import { viewIds, type ViewId } from '../views/view-table';

export type CommandEffect =
  | { kind: 'navigate'; view: ViewId }
  | { kind: 'openNode'; node: string }
  | { kind: 'openPalette' }
  | { kind: 'toggleTheme' }
  | { kind: 'toggleWallDisplay' }
  | { kind: 'toggleSound' }
  | { kind: 'setLanguage'; language: Language };

export interface Command {
  id: string;
  /** An i18n key under `commands.`, or for node commands the node's id (not translated). */
  title: { key: string; values?: Record<string, string> };
  group: 'views' | 'nodes' | 'display' | 'language';
  /** As `keyCombo` writes it: `Ctrl+K`, `1`. Absent when only the palette runs it. */
  shortcut?: string;
  effect: CommandEffect;
}

const viewCommands: Command[] = viewIds.map((view, index) => ({
  id: `view.${view}`,
  title: { key: 'commands.goTo', values: { view } },
  group: 'views',
  // Digits 1–9 in navigation order; they never fire while typing in a field.
  ...(index < 9 ? { shortcut: String(index + 1) } : {}),
  effect: { kind: 'navigate', view },
}));

export const commandTable: readonly Command[] = [
  ...viewCommands,
  {
    id: 'palette.open',
    title: { key: 'commands.openPalette' },
    group: 'display',
    shortcut: 'Ctrl+K',
    effect: { kind: 'openPalette' },
  },
  {
    id: 'theme.toggle',
    title: { key: 'commands.toggleTheme' },
    group: 'display',
    shortcut: 'Shift+T',
    effect: { kind: 'toggleTheme' },
  },
  {
    id: 'wall.toggle',
    title: { key: 'commands.toggleWallDisplay' },
    group: 'display',
    shortcut: 'Shift+W',
    effect: { kind: 'toggleWallDisplay' },
  },
  {
    id: 'sound.toggle',
    title: { key: 'commands.toggleSound' },
    group: 'display',
    effect: { kind: 'toggleSound' },
  },
  {
    id: 'language.en',
    title: { key: 'commands.language', values: { language: 'en' } },
    group: 'language',
    effect: { kind: 'setLanguage', language: 'en' },
  },
  {
    id: 'language.pt-BR',
    title: { key: 'commands.language', values: { language: 'pt-BR' } },
    group: 'language',
    effect: { kind: 'setLanguage', language: 'pt-BR' },
  },
];

/** One command per node of the fleet, opening its node view; same shape as the table's. */
export function nodeCommands(nodeIds: readonly string[]): Command[] {
  return nodeIds.map((node) => ({
    id: `node.${node}`,
    title: { key: 'commands.openNode', values: { node } },
    group: 'nodes',
    effect: { kind: 'openNode', node },
  }));
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** `Ctrl+K` for Ctrl (or Cmd) with k; `Shift+T`; `1`. Letters upper-case, modifiers in order. */
export function keyCombo(event: KeyLike): string {
  const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
  const modifiers = [
    event.ctrlKey || event.metaKey ? 'Ctrl' : null,
    event.altKey ? 'Alt' : null,
    // A shifted digit or symbol is a different key already (`!`), so Shift is named for letters.
    event.shiftKey && /^[A-Z]$/.test(key) ? 'Shift' : null,
  ].filter((modifier) => modifier !== null);
  return [...modifiers, key].join('+');
}

export function commandForKey(commands: readonly Command[], event: KeyLike): Command | undefined {
  const combo = keyCombo(event);
  return commands.find((command) => command.shortcut === combo);
}

/** Folds case and accents, so `configuracoes` finds `Configurações`. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * Filters titles for the palette: every word of the query must occur in the title; titles
 * whose first word starts with the query come first, then the table's order.
 */
export function matchCommands<T extends { title: string }>(query: string, items: readonly T[]) {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  const matching = items.filter((item) => {
    const title = foldText(item.title);
    return words.every((word) => title.includes(word));
  });
  const first = words[0];
  if (!first) return matching;
  const startsWith = (item: T) => (foldText(item.title).startsWith(first) ? 0 : 1);
  return [...matching].sort((a, b) => startsWith(a) - startsWith(b));
}
