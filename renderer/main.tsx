// The renderer's entry: connect to the core, feed the store, pick the language, draw the frame.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { connectToCore } from './api/connect';
import { createI18n } from './i18n/i18n';
import { LANGUAGE_STORAGE_KEY, pickLanguage } from './i18n/language';
import { initialAppState } from './state/app-state';
import { readRememberedZones, storeRememberedZones } from './state/remembered-zones';
import { dispatch, bindApiToStore, createAppStore } from './state/store';
import { applyPreferencesToDocument } from './preferences/preferences-store';
import { ApiContext, StoreContext } from './state/react';
import { App } from './views/App';
import './styles.css';

const store = createAppStore(
  initialAppState('reconnecting', readRememberedZones(window.localStorage)),
);
// A zone newly read from the nodes is remembered for the next page (remembered-zones.ts).
store.subscribe((state, previous) => {
  if (state.rememberedZones !== previous.rememberedZones) {
    storeRememberedZones(window.localStorage, state.rememberedZones);
  }
});
const api = connectToCore({
  onProblem: (text) => dispatch(store, { type: 'problem', problem: { atMs: Date.now(), text } }),
});
bindApiToStore(api, store);

const language = pickLanguage(
  window.localStorage.getItem(LANGUAGE_STORAGE_KEY),
  window.navigator.languages,
);
document.documentElement.lang = language;
applyPreferencesToDocument();
const i18n = createI18n(language);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StoreContext value={store}>
        <ApiContext value={api}>
          <App />
        </ApiContext>
      </StoreContext>
    </I18nextProvider>
  </StrictMode>,
);
