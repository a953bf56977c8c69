// The desktop app's main process. It only wires the shell's modules together: security of the
// session and windows, the app protocol, and the core running in its own utility process.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session, type IpcMainEvent } from 'electron';
import { configureLogging, createLogger } from '../log';
import { MAX_PROBLEM_LENGTH, OPEN_BUNDLE_CHANNEL, PRELOAD_PROBLEM_CHANNEL } from './channels';
import { superviseCore, type CoreSupervisor } from './core-process';
import { applyContentSecurityPolicy } from './csp';
import { installDesktopAlerts } from './notifications';
import { bundleFromArgv, bundlePath } from './open-bundle';
import { builtPaths } from './paths';
import { watchedFleetLinks } from './external-links';
import { denyAllPermissions } from './permissions';
import { isAppUrl, registerAppScheme, serveRenderer } from './protocol';
import { serveSecrets } from './secrets-main';
import { hardenWebContents, openMainWindow } from './window';

configureLogging();
const log = createLogger('shell');
const paths = builtPaths(dirname(fileURLToPath(import.meta.url)));
/** A bundle the operator opened with the app, until the page has been told. */
let openedBundle: string | null = bundleFromArgv(process.argv, process.cwd());

// Both must happen before the app is ready.
registerAppScheme();
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  startShell(superviseCore(paths.core));
} else {
  log.info('another instance is already running; it takes over');
  app.quit();
}

function startShell(core: CoreSupervisor): void {
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, () => watchedFleetLinks()),
  );
  app.on('second-instance', (_event, argv: string[] = [], workingDirectory = process.cwd()) => {
    focusMainWindow();
    offerBundle(bundleFromArgv(argv, workingDirectory));
  });
  // macOS sends opened files as events, also before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    offerBundle(bundlePath(path, process.cwd()));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (core.stopped) return;
    event.preventDefault();
    void core.stop().then(() => app.quit());
  });
  ipcMain.on(PRELOAD_PROBLEM_CHANNEL, logPreloadProblem);
  installDesktopAlerts(ipcMain);
  app
    .whenReady()
    .then(() => onReady(core))
    .catch((error: unknown) => log.fatal({ err: error }, 'the shell failed to start'));
}

function onReady(core: CoreSupervisor): void {
  const defaultSession = session.defaultSession;
  denyAllPermissions(defaultSession);
  applyContentSecurityPolicy(defaultSession);
  serveRenderer(defaultSession, paths.renderer);
  // Starts the core once the stored secrets are read, forked with them in its environment.
  serveSecrets(core);
  openWindow(core);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(core);
  });
  log.info({ version: app.getVersion() }, 'shell ready');
}

function openWindow(core: CoreSupervisor): void {
  const window = openMainWindow(paths.preload);
  core.addRenderer(window.webContents);
  window.webContents.on('did-finish-load', () => offerBundle(openedBundle));
}

/**
 * Tells the app's page that a bundle was opened, or keeps it until a page has loaded. The preload
 * hands it to `window.controlRoom.onOpenBundle` (opened-bundles.ts); the page opens a review.
 */
function offerBundle(path: string | null): void {
  if (path === null) return;
  openedBundle = path;
  const [window] = BrowserWindow.getAllWindows();
  const contents = window?.webContents;
  if (!contents || contents.isLoading() || !isAppUrl(contents.getURL())) return;
  log.info({ bundle: path }, 'a bundle was opened with the app');
  contents.send(OPEN_BUNDLE_CHANNEL, path);
  openedBundle = null;
}

function focusMainWindow(): void {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

/** Only the app's own pages may write to the log, and only bounded text. */
function logPreloadProblem(event: IpcMainEvent, problem: unknown): void {
  const url = event.senderFrame?.url ?? '';
  if (!isAppUrl(url) || typeof problem !== 'string') {
    log.warn({ url }, 'ignored a preload problem report from an unexpected sender');
    return;
  }
  log.warn({ renderer: event.sender.id }, `preload: ${problem.slice(0, MAX_PROBLEM_LENGTH)}`);
}
