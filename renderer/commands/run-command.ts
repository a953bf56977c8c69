// What each command effect does in the page. The table (command-table.ts) says what; this says how.
import type { i18n as I18n } from 'i18next';
import { switchLanguage } from '../i18n/i18n';
import { preferencesStore, setPreference } from '../preferences/preferences-store';
import { hashForNode, hashForView } from '../views/view-table';
import type { CommandEffect } from './command-table';

export interface CommandContext {
  i18n: I18n;
  openPalette(): void;
}

export function runCommand(effect: CommandEffect, context: CommandContext): void {
  const preferences = preferencesStore.getState();
  switch (effect.kind) {
    case 'navigate':
      window.location.hash = hashForView(effect.view);
      return;
    case 'openNode':
      window.location.hash = hashForNode(effect.node);
      return;
    case 'openPalette':
      context.openPalette();
      return;
    case 'toggleTheme':
      setPreference('theme', preferences.theme === 'dark' ? 'light' : 'dark');
      return;
    case 'toggleWallDisplay':
      setPreference('wallDisplay', !preferences.wallDisplay);
      return;
    case 'toggleSound':
      setPreference('sound', !preferences.sound);
      return;
    case 'setLanguage':
      void switchLanguage(context.i18n, effect.language);
      return;
  }
}
