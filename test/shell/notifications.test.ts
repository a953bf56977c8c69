// Desktop alerting with the stand-in `electron`: the preload's `window.controlRoom.alerts` sends
// over IPC to the main process, which shows Electron notifications (a repeat replaces the
// earlier one of the same finding), puts the count on the app's badge or flashes the window,
// and ignores senders other than the app's page and malformed payloads.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  installDesktopAlerts,
  MAX_ALERT_BODY,
  MAX_BADGE_COUNT,
  parseBadgeCount,
  parseDesktopAlert,
  type DesktopAlerts,
} from '../../electron/shell/notifications';
import { APP_ENTRY_URL } from '../../electron/shell/protocol';
import type { ControlRoomBridge } from '../../shared/api/bridge';
import {
  FakeBrowserWindow,
  fakeIpcMain,
  fakeIpcRenderer,
  record,
  resetStandIn,
} from './electron-stand-in';

// Hoisted with vi.mock, which runs before the imports above.
const { FakeNotification, badge } = vi.hoisted(() => {
  /** Electron's Notification as the shell uses it; the stand-in module has none. */
  class FakeNotification {
    static supported = true;
    static made: FakeNotification[] = [];
    shown = false;
    closed = false;
    private clickListener: (() => void) | null = null;

    constructor(readonly options: { title: string; body: string; silent: boolean }) {
      FakeNotification.made.push(this);
    }

    static isSupported(): boolean {
      return FakeNotification.supported;
    }

    on(event: string, listener: () => void): void {
      if (event === 'click') this.clickListener = listener;
    }

    show(): void {
      this.shown = true;
    }

    close(): void {
      this.closed = true;
    }

    click(): void {
      this.clickListener?.();
    }
  }
  /** app.setBadgeCount answers false where the desktop shows no count. */
  const badge = { counts: [] as number[], shows: true };
  return { FakeNotification, badge };
});

vi.mock('electron', () =>
  import('./electron-stand-in').then((module) => ({
    ...module.electronModule,
    Notification: FakeNotification,
    app: {
      setBadgeCount(count: number): boolean {
        badge.counts.push(count);
        return badge.shows;
      },
    },
  })),
);

let alerts: DesktopAlerts;
let window: FakeBrowserWindow;

beforeEach(async () => {
  resetStandIn();
  FakeNotification.made = [];
  FakeNotification.supported = true;
  badge.counts = [];
  badge.shows = true;
  window = new FakeBrowserWindow({});
  await window.loadURL(APP_ENTRY_URL);
  alerts = installDesktopAlerts(fakeIpcMain);
  vi.resetModules();
  await import('../../electron/shell/preload');
});

afterEach(() => alerts.dispose());

function bridge(): ControlRoomBridge {
  return record.exposedInMainWorld.get('controlRoom') as ControlRoomBridge;
}

const warning = { title: 'New WARNING', body: 'vk02 visualizer memory grows', tag: 'finding-7' };

describe('desktop notifications', () => {
  it('the page raises a WARNING through the preload: one silent notification, shown', () => {
    bridge().alerts?.notify(warning);
    expect(FakeNotification.made).toHaveLength(1);
    const [shown] = FakeNotification.made;
    expect(shown?.options).toEqual({ title: warning.title, body: warning.body, silent: true });
    expect(shown?.shown).toBe(true);
  });

  it('a repeat of the same finding replaces its notification; another finding adds one', () => {
    bridge().alerts?.notify(warning);
    bridge().alerts?.notify(warning);
    bridge().alerts?.notify({ ...warning, tag: 'finding-8' });
    const [first, repeat, other] = FakeNotification.made;
    expect(first?.closed).toBe(true);
    expect(repeat?.closed).toBe(false);
    expect(other?.closed).toBe(false);
    expect([...alerts.shown.keys()]).toEqual(['finding-7', 'finding-8']);
  });

  it('clicking a notification brings the window forward', () => {
    bridge().alerts?.notify(warning);
    expect(window.focused).toBe(false);
    FakeNotification.made[0]?.click();
    expect(window.focused).toBe(true);
  });

  it('shows nothing where the desktop has no notifications, and refuses bad payloads', () => {
    FakeNotification.supported = false;
    bridge().alerts?.notify(warning);
    FakeNotification.supported = true;
    fakeIpcRenderer.send('alert-notify', { ...warning, body: 'x'.repeat(MAX_ALERT_BODY + 1) });
    fakeIpcRenderer.send('alert-notify', 'not an alert');
    expect(FakeNotification.made).toHaveLength(0);
  });

  it('ignores a sender that is not the app page', async () => {
    await window.loadURL('https://example.com/');
    bridge().alerts?.notify(warning);
    bridge().alerts?.setBadgeCount(3);
    expect(FakeNotification.made).toHaveLength(0);
    expect(badge.counts).toEqual([]);
  });
});

describe('the badge', () => {
  it('puts the count on the icon; zero clears it and closes the notifications', () => {
    bridge().alerts?.notify(warning);
    bridge().alerts?.setBadgeCount(2);
    bridge().alerts?.setBadgeCount(0);
    expect(badge.counts).toEqual([2, 0]);
    expect(FakeNotification.made[0]?.closed).toBe(true);
    expect(alerts.shown.size).toBe(0);
  });

  it('flashes the window where no count can show, and stops at zero', () => {
    const flashes: boolean[] = [];
    Object.assign(window, { flashFrame: (on: boolean) => flashes.push(on) });
    badge.shows = false;
    bridge().alerts?.setBadgeCount(1);
    bridge().alerts?.setBadgeCount(0);
    expect(flashes).toEqual([true, false]);
  });

  it('takes whole counts of zero or more only, capped', () => {
    expect(parseBadgeCount(12)).toBe(12);
    expect(parseBadgeCount(MAX_BADGE_COUNT + 5)).toBe(MAX_BADGE_COUNT);
    for (const bad of [-1, 1.5, '3', null, Number.NaN]) {
      expect(parseBadgeCount(bad)).toHaveProperty('problem');
    }
    expect(parseDesktopAlert({ title: 't', body: 'b' })).toEqual({
      problem: "the alert's tag is not text",
    });
  });
});
