// The command palette (Ctrl+K): a modal dialog with a search field over the command table.
// Arrow keys move, Enter runs, Escape closes and returns focus where it was.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAppState } from '../state/react';
import { commandTable, matchCommands, nodeCommands, type Command } from './command-table';

interface Entry {
  command: Command;
  title: string;
}

export function CommandPalette(props: { onClose(): void; onRun(command: Command): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const entries = usePaletteEntries(t);
  const shown = useMemo(() => matchCommands(query, entries), [query, entries]);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const active = shown[Math.min(activeIndex, shown.length - 1)];

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') props.onClose();
    else if (event.key === 'ArrowDown') setActiveIndex((index) => (index + 1) % shown.length);
    else if (event.key === 'ArrowUp')
      setActiveIndex((index) => (index - 1 + shown.length) % shown.length);
    else if (event.key === 'Enter' && active) props.onRun(active.command);
    else return;
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop" onClick={props.onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label={t('palette.label')}
        className="palette"
        onClick={(event) => event.stopPropagation()}
      >
        <input
          ref={inputRef}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={active ? optionId(listId, active.command) : undefined}
          aria-label={t('palette.search')}
          placeholder={t('palette.placeholder')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveIndex(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label={t('palette.results')}>
          {shown.map((entry) => (
            <li
              key={entry.command.id}
              id={optionId(listId, entry.command)}
              role="option"
              aria-selected={entry === active}
              onClick={() => props.onRun(entry.command)}
            >
              <span>{entry.title}</span>
              {entry.command.shortcut && <kbd>{entry.command.shortcut}</kbd>}
            </li>
          ))}
        </ul>
        {shown.length === 0 && <p className="muted">{t('palette.noMatch')}</p>}
      </div>
    </div>
  );
}

function optionId(listId: string, command: Command): string {
  return `${listId}-${command.id.replace(/[^\w-]/g, '_')}`;
}

function usePaletteEntries(t: TFunction): Entry[] {
  const fleet = useAppState((state) => state.fleet);
  return useMemo(() => {
    const nodes = nodeCommands(fleet?.nodes.map((node) => node.id) ?? []);
    return [...commandTable, ...nodes].map((command) => ({
      command,
      title: commandTitle(command, t),
    }));
  }, [fleet, t]);
}

/** A command's title in the interface language; view and language names translated too. */
export function commandTitle(command: Command, t: TFunction): string {
  const values = { ...command.title.values };
  if (command.effect.kind === 'navigate') values.view = t(`views.${command.effect.view}.title`);
  if (command.effect.kind === 'setLanguage')
    values.language = t(`languages.${command.effect.language}`);
  // Keys come from the command table, which names only keys under `commands.` (tested).
  const translate = t as unknown as (key: string, options: object) => string;
  return translate(command.title.key, values);
}
