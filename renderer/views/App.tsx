// The app frame: skip link, header, navigation and the current view. After a navigation, focus
// moves to the new view's heading so keyboard and screen-reader users land on the new content.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from '../components/Header';
import { Navigation } from '../components/Navigation';
import { VIEW_HEADING_ID } from '../components/ViewPage';
import { CurrentView } from './index';
import { useHash, useHashRoute } from './use-hash-route';

export function App() {
  const { t } = useTranslation();
  const view = useHashRoute();
  const title = t(`views.${view}.title`);
  const appName = t('app.name');
  useFocusOnNavigation(useHash());

  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);

  return (
    <div className="frame">
      <a className="skip-link" href={`#${VIEW_HEADING_ID}`} onClick={focusHeading}>
        {t('app.skipToContent')}
      </a>
      <Header />
      <Navigation current={view} />
      <main className="content">
        <CurrentView view={view} />
      </main>
    </div>
  );
}

/** Not on the first render: a page that opens must leave focus where the browser put it. */
function useFocusOnNavigation(hash: string): void {
  const previous = useRef(hash);
  useEffect(() => {
    if (previous.current === hash) return;
    previous.current = hash;
    document.getElementById(VIEW_HEADING_ID)?.focus();
  }, [hash]);
}

/** The skip link targets the heading; a plain `#id` link would break hash routing. */
function focusHeading(event: { preventDefault(): void }): void {
  event.preventDefault();
  document.getElementById(VIEW_HEADING_ID)?.focus();
}
