// Settings: the interface language, what the core says about itself, recent connection messages.
import { useTranslation } from 'react-i18next';
import { ViewPage } from '../components/ViewPage';
import { switchLanguage } from '../i18n/i18n';
import { isLanguage, languages } from '../i18n/language';
import { useAppState } from '../state/react';

export function SettingsView() {
  const { t } = useTranslation();

  return (
    <ViewPage view="settings">
      <p>{t('views.settings.description')}</p>
      <LanguageChoice />
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
