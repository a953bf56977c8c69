// Which language the interface starts in: the one chosen before (localStorage), else the
// browser's preference (any Portuguese → pt-BR), else English.

export const languages = ['en', 'pt-BR'] as const;
export type Language = (typeof languages)[number];

export const LANGUAGE_STORAGE_KEY = 'controlRoom.language';

export function isLanguage(value: string | null | undefined): value is Language {
  return (languages as readonly (string | null | undefined)[]).includes(value);
}

export function pickLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'pt' || lower.startsWith('pt-')) return 'pt-BR';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}
