// Settings: the passwords and key passphrases the fleet file names (`passwordEnv`). In the desktop
// app the main process keeps them in the OS keychain (electron/shell/secrets-main.ts) and restarts
// the core with them; where there is no keychain it keeps them for this run only and asks again
// at the next start. In browser mode the requests answer UNAVAILABLE and this section says that
// secrets come from environment variables or the SSH agent. A value goes one way: typed here, sent
// once, and the field is emptied; the answers say only where a secret is, never what it is.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretEntry, SecretsStatus } from '../../shared/api/requests-settings';
import { tryCall } from '../api/optional-call';
import { useAnswer } from '../api/use-answer';
import { useApi } from '../state/react';

export function SecretsSection() {
  const { t } = useTranslation();
  const { answer, refresh } = useAnswer('secrets.status', {}, 'secrets');

  return (
    <section className="panel" aria-labelledby="settings-secrets">
      <h2 id="settings-secrets">{t('secrets.title')}</h2>
      {answer.kind === 'loading' && <p className="muted">{t('secrets.loading')}</p>}
      {answer.kind === 'unavailable' && <p>{t('secrets.fromEnvironment')}</p>}
      {answer.kind === 'failed' && (
        <p role="alert">{t('secrets.failed', { message: answer.message })}</p>
      )}
      {answer.kind === 'ok' && <SecretsList status={answer.value} onChange={refresh} />}
    </section>
  );
}

function SecretsList({ status, onChange }: { status: SecretsStatus; onChange(): void }) {
  const { t } = useTranslation();

  return (
    <>
      <p className="muted">{t('secrets.help')}</p>
      {!status.persistent && <p role="alert">{t('secrets.noKeychain')}</p>}
      {status.fleetFile === null ? (
        <p className="muted">{t('secrets.noFleet')}</p>
      ) : (
        <p className="muted">{t('secrets.fleetFile', { file: status.fleetFile })}</p>
      )}
      {status.fleetFile !== null && status.secrets.length === 0 && (
        <p className="muted">{t('secrets.none')}</p>
      )}
      {status.secrets.map((entry) => (
        <SecretField key={entry.variable} entry={entry} onChange={onChange} />
      ))}
    </>
  );
}

type Outcome = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' | 'failed'; text: string };

function SecretField({ entry, onChange }: { entry: SecretEntry; onChange(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [value, setValue] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const uses = entry.uses
    .map((use) => `${use.node} · ${t(`secrets.channels.${use.channel}`)}`)
    .join(', ');
  const inputId = `secret-${entry.variable}`;

  const save = async () => {
    const typed = value;
    // The field forgets the value at once; only the request carries it, once.
    setValue('');
    setOutcome({ kind: 'busy' });
    const answer = await tryCall(api, 'secrets.store', { variable: entry.variable, value: typed });
    if (answer.kind === 'ok') {
      const done = answer.value.state === 'stored' ? t('secrets.stored') : t('secrets.session');
      setOutcome({ kind: 'done', text: done });
      onChange();
    } else if (answer.kind !== 'loading') {
      setOutcome({ kind: 'failed', text: answer.message });
    }
  };

  const forget = async () => {
    setOutcome({ kind: 'busy' });
    const answer = await tryCall(api, 'secrets.forget', { variable: entry.variable });
    if (answer.kind === 'ok') {
      const text = answer.value.forgotten ? t('secrets.forgotten') : t('secrets.notStored');
      setOutcome({ kind: 'done', text });
      onChange();
    } else if (answer.kind !== 'loading') {
      setOutcome({ kind: 'failed', text: answer.message });
    }
  };

  const canForget = entry.state === 'stored' || entry.state === 'session';
  return (
    <fieldset className="panel secret">
      <legend>
        <code>{entry.variable}</code> <span className="muted">{t('secrets.usedBy', { uses })}</span>
      </legend>
      <p role={entry.state === 'missing' ? 'alert' : 'status'}>
        <strong>{t(`secrets.states.${entry.state}`)}</strong>
        {entry.reason && <span className="muted"> {entry.reason}</span>}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value !== '') void save();
        }}
      >
        <label htmlFor={inputId}>{t('secrets.value', { variable: entry.variable })}</label>{' '}
        <input
          id={inputId}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />{' '}
        <button type="submit" className="button" disabled={value === '' || outcome.kind === 'busy'}>
          {outcome.kind === 'busy' ? t('secrets.saving') : t('secrets.save')}
        </button>{' '}
        {canForget && (
          <button
            type="button"
            className="button"
            disabled={outcome.kind === 'busy'}
            onClick={() => void forget()}
          >
            {t('secrets.forget')}
          </button>
        )}
      </form>
      {outcome.kind === 'done' && <p role="status">{outcome.text}</p>}
      {outcome.kind === 'failed' && <p role="alert">{outcome.text}</p>}
    </fieldset>
  );
}
