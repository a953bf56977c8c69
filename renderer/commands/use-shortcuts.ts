// The global keyboard handler: matches each key press against the command table's shortcuts.
// Plain keys never fire while the user types in a field; Ctrl combinations always do.
import { useEffect } from 'react';
import { commandForKey, commandTable, type Command } from './command-table';

export function useShortcuts(run: (command: Command) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(commandTable, event);
      if (!command) return;
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      if (plain && isTyping(event.target)) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [run, enabled]);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
