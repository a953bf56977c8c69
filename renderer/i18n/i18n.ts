// One i18next instance per page, both languages bundled (they are small and must work offline).
import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { LANGUAGE_STORAGE_KEY, type Language } from './language';
import { ptBR } from './pt-BR';

export const resources = {
  en: { translation: en },
  'pt-BR': { translation: ptBR },
};

export function createI18n(language: Language): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    // React escapes what it renders; escaping here too would show entities on screen.
    interpolation: { escapeValue: false },
    // Resources are bundled: initialise synchronously, so the first frame is already translated.
    initAsync: false,
  });
  return instance;
}

/** Switches the language and remembers it for the next start. */
export async function switchLanguage(instance: I18n, language: Language): Promise<void> {
  await instance.changeLanguage(language);
  window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  document.documentElement.lang = language;
}
