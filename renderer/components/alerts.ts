// Alerting in the page: each new WARNING is raised at once, and again every few minutes until
// someone acknowledges (or silences, or it resolves): in the desktop app as an Electron
// notification through the preload (electron/shell/notifications.ts), in browser mode as a web
// notification, when chosen in Settings; with a short tone when sound is on. The count still
// waiting goes on the app's icon (desktop) or the tab's favicon (browser); App.tsx puts it in
// front of the window title.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BRIDGE_GLOBAL, type ControlRoomBridge, type DesktopAlerts } from '../../shared/api/bridge';
import { tryCall } from '../api/optional-call';
import { findingText } from '../findings/finding-text';
import { preferencesStore } from '../preferences/preferences-store';
import { useApi, useAppState } from '../state/react';
import {
  applyChange,
  badgeFavicon,
  dueForRepeat,
  seedPending,
  type AlertFinding,
  type PendingAlerts,
} from './alert-model';

/** How often the page looks for WARNINGs due to be raised again. */
const REPEAT_CHECK_MS = 15_000;

/** Subscribes to findings.changed; answers how many WARNINGs wait for acknowledgement. */
export function useWarningAlerts(): number {
  const api = useApi();
  const connection = useAppState((state) => state.connection);
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const pendingRef = useRef<PendingAlerts>(new Map());
  const [count, setCount] = useState(0);
  const update = useCallback((next: PendingAlerts) => {
    pendingRef.current = next;
    setCount(next.size);
  }, []);

  // On each (re)connection: the WARNINGs already open, counted without raising them again.
  useEffect(() => {
    if (!api || connection !== 'connected') return;
    let current = true;
    void tryCall(api, 'findings.list', { state: 'open', severity: 'WARNING' }).then((answer) => {
      if (!current || answer.kind !== 'ok') return;
      const seeded = seedPending(answer.value, Date.now());
      // Keep when each was last raised, for those raised while the list was on its way.
      update(new Map([...seeded].map(([id, alert]) => [id, pendingRef.current.get(id) ?? alert])));
    });
    return () => {
      current = false;
    };
  }, [api, connection, update]);

  useEffect(() => {
    if (!api) return;
    return api.on('findings.changed', (changed) => {
      const { pending, raise } = applyChange(pendingRef.current, changed, Date.now());
      update(pending);
      for (const finding of raise) raiseAlert(finding, t('alerts.warningTitle'), language);
    });
  }, [api, t, language, update]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      const { pending, raise } = dueForRepeat(pendingRef.current, Date.now());
      if (raise.length === 0) return;
      update(pending);
      for (const finding of raise) raiseAlert(finding, t('alerts.repeatTitle'), language);
    }, REPEAT_CHECK_MS);
    return () => window.clearInterval(timer);
  }, [t, language, update]);

  useEffect(() => {
    desktopAlerts()?.setBadgeCount(count);
    showFaviconBadge(count);
  }, [count]);

  return count;
}

/** The desktop app's alerting bridge; null in browser mode. */
export function desktopAlerts(): DesktopAlerts | null {
  const bridge = (window as unknown as Record<string, ControlRoomBridge | undefined>)[
    BRIDGE_GLOBAL
  ];
  return bridge?.alerts ?? null;
}

function raiseAlert(finding: AlertFinding, title: string, language: string): void {
  const { notifications, sound } = preferencesStore.getState();
  if (notifications) {
    // The finding's title in the page's language (the core writes English).
    const body = findingText(finding, language).title.text;
    const alert = { title, body, tag: `finding-${finding.id}` };
    const desktop = desktopAlerts();
    if (desktop) desktop.notify(alert);
    else if ('Notification' in window && Notification.permission === 'granted') {
      // The same tag replaces the earlier notification; renotify makes the repeat heard again.
      const options = { body: alert.body, tag: alert.tag, renotify: true };
      new Notification(alert.title, options as NotificationOptions);
    }
  }
  if (sound) playTone();
}

/** The favicon the page was served with, to restore once nothing waits. */
let plainFavicon: string | null = null;

function showFaviconBadge(count: number): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) return;
  plainFavicon ??= link.href;
  const href = count > 0 ? badgeFavicon(count) : plainFavicon;
  if (link.href !== href) link.href = href;
}

/** A short two-note tone, made on the spot: no audio file to ship or to fail loading. */
export function playTone(): void {
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.setValueAtTime(880, context.currentTime);
  oscillator.frequency.setValueAtTime(660, context.currentTime + 0.15);
  gain.gain.setValueAtTime(0.2, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.4);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.4);
  oscillator.onended = () => void context.close();
}
