// Types `t()` keys against the English resources, so a missing or misspelt key fails typecheck.
import type { en } from './en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
