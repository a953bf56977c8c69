// Desktop alerting in the main process: a WARNING the page raises becomes an Electron
// notification (clicking it brings the window forward), and the count of WARNINGs still waiting
// for acknowledgement goes on the app's icon (app.setBadgeCount: the macOS dock, Linux launchers
// that show counts) and flashes the taskbar entry where no count can show (Windows). The page
// repeats a WARNING until someone acknowledges it; a repeat replaces the notification of the same
// finding instead of stacking another. Only the app's own pages may ask, with bounded text.
import { app, BrowserWindow, Notification, type IpcMainEvent } from 'electron';
import type { DesktopAlert } from '../../shared/api/bridge';
import { createLogger } from '../log';
import { ALERT_BADGE_CHANNEL, ALERT_NOTIFY_CHANNEL } from './channels';
import { isAppUrl } from './protocol';

const log = createLogger('notifications');

/** Longest title and body accepted from the page, in characters. */
export const MAX_ALERT_TITLE = 200;
export const MAX_ALERT_BODY = 1_000;
const MAX_TAG = 100;
/** A badge larger than this is shown as this: no finding list is that long. */
export const MAX_BADGE_COUNT = 9_999;

/** What the shell needs of a shown notification. */
export interface ShownNotification {
  close(): void;
}

/** The platform's side, injectable so the rules are tested without a desktop. */
export interface AlertPlatform {
  notificationsSupported(): boolean;
  show(alert: DesktopAlert, onClick: () => void): ShownNotification;
  /** False where the platform shows no count (Windows, most Linux desktops). */
  setBadgeCount(count: number): boolean;
  /** Draws attention to the window where no count can show. */
  flash(on: boolean): void;
  focusWindow(): void;
}

/** Electron's notifications, badge and windows; touched only when an alert arrives. */
export function electronPlatform(): AlertPlatform {
  return {
    notificationsSupported: () => Notification.isSupported(),
    show(alert, onClick) {
      // Silent: the page plays its own tone when the operator chose sound.
      const notification = new Notification({ title: alert.title, body: alert.body, silent: true });
      notification.on('click', onClick);
      notification.show();
      return notification;
    },
    setBadgeCount: (count) => app.setBadgeCount(count),
    flash(on) {
      for (const window of BrowserWindow.getAllWindows()) window.flashFrame(on);
    },
    focusWindow() {
      const [window] = BrowserWindow.getAllWindows();
      if (!window) return;
      if (window.isMinimized()) window.restore();
      window.focus();
    },
  };
}

/** A notification request from the page, or why it was refused. */
export function parseDesktopAlert(payload: unknown): DesktopAlert | { problem: string } {
  if (typeof payload !== 'object' || payload === null) {
    return { problem: 'the alert is not an object' };
  }
  const { title, body, tag } = payload as Record<string, unknown>;
  for (const [name, value, limit] of [
    ['title', title, MAX_ALERT_TITLE],
    ['body', body, MAX_ALERT_BODY],
    ['tag', tag, MAX_TAG],
  ] as const) {
    if (typeof value !== 'string') return { problem: `the alert's ${name} is not text` };
    if (value.length > limit) return { problem: `the alert's ${name} is over ${limit} characters` };
  }
  return { title: title as string, body: body as string, tag: tag as string };
}

/** A badge count from the page, or why it was refused. */
export function parseBadgeCount(payload: unknown): number | { problem: string } {
  if (typeof payload !== 'number' || !Number.isInteger(payload) || payload < 0) {
    return { problem: 'the badge count is not a whole number of zero or more' };
  }
  return Math.min(payload, MAX_BADGE_COUNT);
}

export interface DesktopAlerts {
  /** Notifications on screen now, by tag. */
  readonly shown: ReadonlyMap<string, ShownNotification>;
  /** Stops listening on the channels. */
  dispose(): void;
}

type AlertListener = (event: IpcMainEvent, payload: unknown) => void;

interface IpcMainLike {
  on(channel: string, listener: AlertListener): unknown;
  removeListener(channel: string, listener: AlertListener): unknown;
}

/** Listens for the preload's alert messages (preload.ts: `window.controlRoom.alerts`). */
export function installDesktopAlerts(
  ipcMain: IpcMainLike,
  platform: AlertPlatform = electronPlatform(),
): DesktopAlerts {
  const shown = new Map<string, ShownNotification>();
  let flashing = false;

  const fromApp = (event: IpcMainEvent, what: string): boolean => {
    const url = event.senderFrame?.url ?? '';
    if (isAppUrl(url)) return true;
    log.warn({ url }, `ignored ${what} from an unexpected sender`);
    return false;
  };

  const notify = (event: IpcMainEvent, payload: unknown): void => {
    if (!fromApp(event, 'an alert')) return;
    const alert = parseDesktopAlert(payload);
    if ('problem' in alert) return void log.warn(`ignored an alert: ${alert.problem}`);
    if (!platform.notificationsSupported()) {
      return void log.info('this desktop shows no notifications; the alert stays in the page');
    }
    // The repeat of a finding replaces its earlier notification, which also keeps it referenced
    // (a notification the garbage collector takes loses its click handler).
    shown.get(alert.tag)?.close();
    shown.set(alert.tag, platform.show(alert, platform.focusWindow));
  };

  const badge = (event: IpcMainEvent, payload: unknown): void => {
    if (!fromApp(event, 'a badge count')) return;
    const count = parseBadgeCount(payload);
    if (typeof count !== 'number') return void log.warn(`ignored a badge: ${count.problem}`);
    const counted = platform.setBadgeCount(count);
    const flash = !counted && count > 0;
    if (flash !== flashing) platform.flash(flash);
    flashing = flash;
    if (count === 0) {
      for (const notification of shown.values()) notification.close();
      shown.clear();
    }
  };

  ipcMain.on(ALERT_NOTIFY_CHANNEL, notify);
  ipcMain.on(ALERT_BADGE_CHANNEL, badge);
  return {
    shown,
    dispose() {
      ipcMain.removeListener(ALERT_NOTIFY_CHANNEL, notify);
      ipcMain.removeListener(ALERT_BADGE_CHANNEL, badge);
    },
  };
}
