// Settings: theme, language, wall-display mode, sound and alerts; what the core says about
// itself; recent connection messages.
// The fleet form, host keys and diagnostics come from views/settings/ (#9).
import { useTranslation } from 'react-i18next';
import { desktopAlerts, playTone } from '../components/alerts';
import { ViewPage } from '../components/ViewPage';
import { themes } from '../preferences/preferences';
import { setPreference, usePreference } from '../preferences/preferences-store';
import { RolePanel } from '../actions/RolePanel';
import { ThresholdsSection } from '../settings/ThresholdsSection';
import { DiagnosticsButton } from './settings/DiagnosticsButton';
import { FleetForm } from './settings/FleetForm';
import { HostKeyDialog } from './settings/HostKeyDialog';
import { SecretsSection } from '../settings/SecretsSection';
import { switchLanguage } from '../i18n/i18n';
import { isLanguage, languages } from '../i18n/language';
import { useAppState } from '../state/react';

export function SettingsView() {
  const { t } = useTranslation();

  return (
    <ViewPage view="settings">
      <p>{t('views.settings.description')}</p>
      <ThemeChoice />
      <LanguageChoice />
      <DisplayAndAlerts />
      <FleetForm />
      <HostKeyDialog />
      {/* The PIN is set here (issue #8) and, next to the actions it unlocks, in Actions. */}
      <RolePanel />
      <ThresholdsSection />
      <SecretsSection />
      <section className="panel" aria-labelledby="settings-diagnostics-copy">
        <h2 id="settings-diagnostics-copy">{t('settings.copyDiagnostics')}</h2>
        <DiagnosticsButton />
      </section>
      <CoreFacts />
      <Diagnostics />
    </ViewPage>
  );
}

function LanguageChoice() {
  const { t, i18n } = useTranslation();

  return (
    <fieldset className="panel">
      <legend>{t('settings.language')}</legend>
      <p className="muted">{t('settings.languageHelp')}</p>
      {languages.map((language) => (
        <label key={language} className="choice" lang={language}>
          <input
            type="radio"
            name="language"
            value={language}
            checked={i18n.language === language}
            onChange={(event) => {
              if (isLanguage(event.target.value)) void switchLanguage(i18n, event.target.value);
            }}
          />
          {t(`languages.${language}`)}
        </label>
      ))}
    </fieldset>
  );
}

function ThemeChoice() {
  const { t } = useTranslation();
  const theme = usePreference('theme');

  return (
    <fieldset className="panel">
      <legend>{t('settings.theme')}</legend>
      {themes.map((choice) => (
        <label key={choice} className="choice">
          <input
            type="radio"
            name="theme"
            value={choice}
            checked={theme === choice}
            onChange={() => setPreference('theme', choice)}
          />
          {t(`settings.themes.${choice}`)}
        </label>
      ))}
    </fieldset>
  );
}

function DisplayAndAlerts() {
  const { t } = useTranslation();
  const wallDisplay = usePreference('wallDisplay');
  const sound = usePreference('sound');
  const notifications = usePreference('notifications');
  // The desktop app notifies through its main process, which needs no browser permission.
  const desktop = desktopAlerts() !== null;
  const permission = desktop
    ? 'desktop'
    : 'Notification' in window
      ? Notification.permission
      : 'unsupported';

  const chooseNotifications = async (wanted: boolean) => {
    if (wanted && !desktop && 'Notification' in window && Notification.permission === 'default') {
      await Notification.requestPermission();
    }
    setPreference('notifications', wanted);
  };

  return (
    <fieldset className="panel">
      <legend>{t('settings.displayAndAlerts')}</legend>
      <label className="choice">
        <input
          type="checkbox"
          checked={wallDisplay}
          onChange={(event) => setPreference('wallDisplay', event.target.checked)}
        />
        {t('settings.wallDisplay')}
      </label>
      <p className="muted">{t('settings.wallDisplayHelp')}</p>
      <label className="choice">
        <input
          type="checkbox"
          checked={sound}
          onChange={(event) => setPreference('sound', event.target.checked)}
        />
        {t('settings.sound')}
      </label>
      <button type="button" className="button" onClick={playTone}>
        {t('settings.testSound')}
      </button>
      <label className="choice">
        <input
          type="checkbox"
          checked={notifications}
          onChange={(event) => void chooseNotifications(event.target.checked)}
        />
        {t('settings.notifications')}
      </label>
      <p className="muted">{t(`settings.notificationPermission.${permission}`)}</p>
    </fieldset>
  );
}

function CoreFacts() {
  const { t, i18n } = useTranslation();
  const appInfo = useAppState((state) => state.appInfo);

  return (
    <section className="panel" aria-labelledby="settings-core">
      <h2 id="settings-core">{t('settings.core')}</h2>
      {appInfo ? (
        <dl className="facts">
          <dt>{t('settings.version')}</dt>
          <dd>{appInfo.version}</dd>
          <dt>{t('settings.mode')}</dt>
          <dd>{t(`settings.modes.${appInfo.mode}`)}</dd>
          <dt>{t('settings.startedAt')}</dt>
          <dd>{new Date(appInfo.startedAt).toLocaleString(i18n.language)}</dd>
          <dt>{t('settings.processId')}</dt>
          <dd>{appInfo.pid}</dd>
        </dl>
      ) : (
        <p className="muted">{t('settings.coreUnknown')}</p>
      )}
    </section>
  );
}

function Diagnostics() {
  const { t, i18n } = useTranslation();
  const problems = useAppState((state) => state.problems);
  const problemCount = useAppState((state) => state.problemCount);

  return (
    <section className="panel" aria-labelledby="settings-diagnostics">
      <h2 id="settings-diagnostics">{t('settings.diagnostics')}</h2>
      {problemCount === 0 ? (
        <p className="muted">{t('settings.noProblems')}</p>
      ) : (
        <>
          <p className="muted">{t('settings.diagnosticsCount', { count: problemCount })}</p>
          <ol className="problems">
            {problems.slice(-10).map((problem, index) => (
              <li key={`${problem.atMs}-${index}`}>
                <time dateTime={new Date(problem.atMs).toISOString()}>
                  {new Date(problem.atMs).toLocaleTimeString(i18n.language)}
                </time>{' '}
                <code>{problem.text}</code>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
