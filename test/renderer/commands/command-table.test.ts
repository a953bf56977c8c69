import { describe, expect, it } from 'vitest';
import {
  commandForKey,
  commandTable,
  foldText,
  keyCombo,
  matchCommands,
  nodeCommands,
  type KeyLike,
} from '../../../renderer/commands/command-table';
import { en } from '../../../renderer/i18n/en';
import { viewIds } from '../../../renderer/views/view-table';

const key = (pressed: string, modifiers: Partial<KeyLike> = {}): KeyLike => ({
  key: pressed,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('the command table', () => {
  it('has one command per view, with digits 1–9 in navigation order', () => {
    viewIds.forEach((view, index) => {
      const command = commandTable.find((entry) => entry.id === `view.${view}`);
      expect(command?.effect, view).toEqual({ kind: 'navigate', view });
      expect(command?.shortcut, view).toBe(String(index + 1));
    });
  });

  it('gives every shortcut to one command only, and every id once', () => {
    const shortcuts = commandTable.flatMap((command) => command.shortcut ?? []);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    const ids = commandTable.map((command) => command.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names every command with a key of the English catalogue', () => {
    const commands = en.commands as Record<string, string>;
    for (const command of [...commandTable, ...nodeCommands(['vk01'])]) {
      const [section, name] = command.title.key.split('.');
      expect(section, command.id).toBe('commands');
      expect(commands[name ?? ''], command.id).toBeTypeOf('string');
    }
  });

  it('adds one node command per node, opening its node view', () => {
    expect(nodeCommands(['vk01', 'vk02']).map((command) => command.effect)).toEqual([
      { kind: 'openNode', node: 'vk01' },
      { kind: 'openNode', node: 'vk02' },
    ]);
  });
});

describe('shortcuts', () => {
  it('write modifiers in a fixed order and letters upper-case; Cmd counts as Ctrl', () => {
    expect(keyCombo(key('k', { ctrlKey: true }))).toBe('Ctrl+K');
    expect(keyCombo(key('k', { metaKey: true }))).toBe('Ctrl+K');
    expect(keyCombo(key('T', { shiftKey: true }))).toBe('Shift+T');
    expect(keyCombo(key('3'))).toBe('3');
    // A shifted digit is another character already; Shift is not named twice.
    expect(keyCombo(key('#', { shiftKey: true }))).toBe('#');
  });

  it('find the command of a key press, and none for a key without one', () => {
    expect(commandForKey(commandTable, key('k', { ctrlKey: true }))?.id).toBe('palette.open');
    expect(commandForKey(commandTable, key('2'))?.id).toBe('view.nodes');
    expect(commandForKey(commandTable, key('2', { ctrlKey: true }))).toBeUndefined();
    expect(commandForKey(commandTable, key('q'))).toBeUndefined();
  });
});

describe('palette matching', () => {
  const items = [
    { title: 'Go to Overview' },
    { title: 'Go to GPUs' },
    { title: 'Ir para Configurações' },
    { title: 'Open node vk02' },
  ];

  it('needs every word of the query, in any order, ignoring case and accents', () => {
    expect(matchCommands('gpu go', items)).toEqual([{ title: 'Go to GPUs' }]);
    expect(matchCommands('configuracoes', items)).toEqual([{ title: 'Ir para Configurações' }]);
    expect(matchCommands('vk03', items)).toEqual([]);
  });

  it('puts titles starting with the query first, then keeps the table order', () => {
    expect(matchCommands('o', items).map((item) => item.title)).toEqual([
      'Open node vk02',
      'Go to Overview',
      'Go to GPUs',
      'Ir para Configurações',
    ]);
    expect(matchCommands('', items)).toEqual(items);
  });

  it('folds text for comparison', () => {
    expect(foldText('Ação ÉLÉ')).toBe('acao ele');
  });
});
