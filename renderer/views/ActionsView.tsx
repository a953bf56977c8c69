// Actions: the fixed catalog the core offers, each with what it does, why, its risk (word and
// symbol) and the role it needs; and the operator's current role.
// A finding's suggested action arrives as `?action=ID` and is marked.
// TODO(#7): preview, confirmation, live output and cancel (actions.preview/run/cancel and the
// action.output / action.finished events); `serve` runs no action service to test them against.
import { useTranslation } from 'react-i18next';
import { useAnswer } from '../api/use-answer';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import { useAppState } from '../state/react';
import { useHash } from './use-hash-route';

const riskSymbols = { 'read-only': '○', disruptive: '◐', destructive: '●' } as const;
const riskKeys = {
  'read-only': 'readOnly',
  disruptive: 'disruptive',
  destructive: 'destructive',
} as const;

export function ActionsView() {
  const { t } = useTranslation();
  const fleet = useAppState((state) => state.fleet);
  const { answer: catalog } = useAnswer('actions.catalog', {}, 'catalog');
  const { answer: role } = useAnswer('role.current', {}, 'role');
  // A finding's suggested action links here as `#/actions?action=container.restart`.
  const suggested = new URLSearchParams(useHash().split('?')[1] ?? '').get('action');
  if (!fleet || fleet.source === 'empty') {
    return (
      <ViewPage view="actions">
        <EmptyState description={t('views.actions.description')} />
      </ViewPage>
    );
  }

  return (
    <ViewPage view="actions">
      <p>{t('views.actions.description')}</p>
      {role.kind === 'ok' && (
        <p>
          {t('actions.role', { role: t(`actions.roles.${role.value.role}`) })}
          {!role.value.actionsAvailable && ` ${t('actions.notAvailable')}`}
        </p>
      )}
      {catalog.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {(catalog.kind === 'failed' || catalog.kind === 'unavailable') && (
        <p className="no-reading">{t('actions.unavailable', { message: catalog.message })}</p>
      )}
      {catalog.kind === 'ok' && catalog.value.length === 0 && (
        <p className="muted">{t('actions.emptyCatalog')}</p>
      )}
      {catalog.kind === 'ok' && (
        <ul className="catalog">
          {catalog.value.map((entry) => (
            <li
              key={entry.id}
              className="panel"
              data-risk={entry.risk}
              data-suggested={entry.id === suggested ? 'true' : undefined}
              aria-current={entry.id === suggested ? 'true' : undefined}
            >
              <h2>
                {entry.title}{' '}
                <span className="risk">
                  <span aria-hidden="true">{riskSymbols[entry.risk]} </span>
                  {t(`actions.risks.${riskKeys[entry.risk]}`)}
                </span>
              </h2>
              <p>{entry.what}</p>
              <p className="muted">{entry.why}</p>
              <p className="muted">
                {t('actions.minimumRole', { role: t(`actions.roles.${entry.minimumRole}`) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </ViewPage>
  );
}
