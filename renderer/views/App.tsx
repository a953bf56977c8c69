// The app frame: skip link, header, navigation and the current view. After a navigation, focus
// moves to the new view's heading so keyboard and screen-reader users land on the new content.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandPalette } from '../commands/CommandPalette';
import type { Command } from '../commands/command-table';
import { runCommand } from '../commands/run-command';
import { useShortcuts } from '../commands/use-shortcuts';
import { useWarningAlerts } from '../components/alerts';
import { Header } from '../components/Header';
import { ReviewBanner } from '../components/ReviewBanner';
import { SecretsBanner } from '../components/SecretsBanner';
import { ViewErrorBoundary } from '../components/ViewErrorBoundary';
import { requestHeadingFocus } from '../components/heading-focus';
import { useWallDisplayCycle } from '../components/wall-display';
import { Navigation } from '../components/Navigation';
import { VIEW_HEADING_ID } from '../components/ViewPage';
import { offerBundle } from '../review/bundle-offers';
import { CurrentView } from './index';
import { useOpenedBundle } from './settings/use-opened-bundle';
import { hashForView } from './view-table';
import { useHash, useHashRoute } from './use-hash-route';

export function App() {
  const { t, i18n } = useTranslation();
  const view = useHashRoute();
  const title = t(`views.${view}.title`);
  const appName = t('app.name');
  const [paletteOpen, setPaletteOpen] = useState(false);
  useFocusOnNavigation(useHash());
  useWallDisplayCycle(view);
  const pendingWarnings = useWarningAlerts();

  const run = useCallback(
    (command: Command) => {
      setPaletteOpen(false);
      runCommand(command.effect, { i18n, openPalette: () => setPaletteOpen(true) });
    },
    [i18n],
  );
  useShortcuts(run, !paletteOpen);
  // A bundle opened with the desktop app goes to Review, which opens it.
  useOpenedBundle((path) => {
    offerBundle(path);
    window.location.hash = hashForView('review');
  });

  useEffect(() => {
    // The count of WARNINGs waiting for acknowledgement shows in the tab and the taskbar.
    const badge = pendingWarnings > 0 ? `(${pendingWarnings}) ` : '';
    document.title = `${badge}${title} · ${appName}`;
  }, [title, appName, pendingWarnings]);

  return (
    <div className="frame">
      <a className="skip-link" href={`#${VIEW_HEADING_ID}`} onClick={focusHeading}>
        {t('app.skipToContent')}
      </a>
      <Header />
      <Navigation current={view} onOpenPalette={() => setPaletteOpen(true)} />
      <main className="content">
        <ReviewBanner />
        <SecretsBanner view={view} />
        <ViewErrorBoundary view={view}>
          <CurrentView view={view} />
        </ViewErrorBoundary>
      </main>
      {paletteOpen && <CommandPalette onClose={() => setPaletteOpen(false)} onRun={run} />}
    </div>
  );
}

/** Not on the first render: a page that opens must leave focus where the browser put it. */
function useFocusOnNavigation(hash: string): void {
  const previous = useRef(hash);
  useEffect(() => {
    if (previous.current === hash) return;
    previous.current = hash;
    requestHeadingFocus();
  }, [hash]);
}

/** The skip link targets the heading; a plain `#id` link would break hash routing. */
function focusHeading(event: { preventDefault(): void }): void {
  event.preventDefault();
  document.getElementById(VIEW_HEADING_ID)?.focus();
}
