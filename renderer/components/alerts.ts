// Alerting in the page: each new WARNING raises a web notification (when allowed and chosen in
// Settings) and an optional short tone; the window title carries the count still unacknowledged.
// TODO(#7): Electron notifications and the tray badge belong to the desktop shell.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { preferencesStore } from '../preferences/preferences-store';
import { useApi } from '../state/react';
import { findingsToAlert, pendingAfter, type AlertFinding } from './alert-model';

/** Subscribes to findings.changed; answers how many WARNINGs wait for acknowledgement. */
export function useWarningAlerts(): number {
  const api = useApi();
  const { t } = useTranslation();
  const [pending, setPending] = useState<ReadonlySet<number>>(new Set());

  useEffect(() => {
    if (!api) return;
    return api.on('findings.changed', (changed) => {
      setPending((current) => pendingAfter(current, changed));
      for (const finding of findingsToAlert(changed)) raise(finding, t('alerts.warningTitle'));
    });
  }, [api, t]);

  return pending.size;
}

function raise(finding: AlertFinding, title: string): void {
  const { notifications, sound } = preferencesStore.getState();
  if (notifications && 'Notification' in window && Notification.permission === 'granted') {
    new Notification(title, { body: finding.title, tag: `finding-${finding.id}` });
  }
  if (sound) playTone();
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
