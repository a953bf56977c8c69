// The main window: its secure options as data, the guards every web contents gets, and opening it.
import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  type Event,
  type WebContents,
} from 'electron';
import { createLogger } from '../log';
import { openFleetLink, originOf, type FleetLinks } from './external-links';
import { APP_ENTRY_URL, isAppUrl } from './protocol';

export const WINDOW_TITLE = 'VisionKing Control Room';

const log = createLogger('window');

/** Options for the main window. Every web preference that widens the page's reach is off. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0f1419',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click (auxclick) could open links past the new-window handler.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
    },
  };
}

/**
 * Keeps a web contents on the app's own pages: no navigation or redirect elsewhere, no new
 * windows, no <webview>. Applied to every web contents the app creates. A new window the app's
 * page asks for at an address the fleet names (`links`) opens in the system browser instead.
 */
export function hardenWebContents(contents: WebContents, links?: FleetLinks): void {
  const stayHome = (event: Event<{ url: string }>): void => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ url: event.url }, 'blocked navigation away from the app');
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const fromApp = isAppUrl(contents.getURL());
    if (!(links && fromApp && openFleetLink(url, links())))
      log.warn({ url: originOf(url) }, 'blocked a new window');
    return { action: 'deny' };
  });
}

/** Opens the main window on the app's entry page; it shows itself once painted. */
export function openMainWindow(preloadPath: string): BrowserWindow {
  const options = windowOptions(preloadPath);
  // The decisive preferences are restated literally where the window is made: static scanners
  // (electronegativity) cannot follow them through a function call. Same values as above.
  const window = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    log.error({ err: error, url: APP_ENTRY_URL }, 'the window could not load the app');
  });
  return window;
}
