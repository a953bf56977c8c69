// Actions: the operator's role and PIN; the fixed catalog the core offers, each with what it
// does, why, its risk (word and symbol) and the role it needs, and (for a role that may run it)
// a target form that opens the action's flow: preview, confirmation, output, cancel, result;
// and the audit trail. A finding's suggested action arrives as `?action=ID&finding=N` with the
// `node` and `container` the finding names: it is marked and its flow opens on the preview.
import { useTranslation } from 'react-i18next';
import type { CatalogEntryView, RoleState } from '../../shared/api/requests-actions';
import { AuditList } from '../actions/AuditList';
import { leastRoleFor, riskKeys, riskSymbols, rolePermits } from '../actions/flow-model';
import { RoleNeeded } from '../actions/RoleNeeded';
import { RolePanel } from '../actions/RolePanel';
import { useCatalog, useRole } from '../actions/shared-answers';
import { useActionTitle } from '../actions/use-action-title';
import { TargetForm } from '../actions/TargetForm';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import { useAppState } from '../state/react';
import { useHash } from './use-hash-route';

export function ActionsView() {
  const { t } = useTranslation();
  const fleet = useAppState((state) => state.fleet);
  const { answer: catalog } = useCatalog();
  const { answer: role } = useRole();
  // A finding's suggested action links here as `#/actions?action=container.restart`.
  const params = new URLSearchParams(useHash().split('?')[1] ?? '');
  const suggested = params.get('action');
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
      <RolePanel />
      {catalog.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {(catalog.kind === 'failed' || catalog.kind === 'unavailable') && (
        <p className="no-reading">{t('actions.unavailable', { message: catalog.message })}</p>
      )}
      {catalog.kind === 'ok' && catalog.value.length === 0 && (
        <p className="muted">{t('actions.emptyCatalog')}</p>
      )}
      {catalog.kind === 'ok' && (
        <ul className="catalog" aria-label={t('actionFlow.catalog')}>
          {catalog.value.map((entry) => (
            <CatalogItem
              key={entry.id}
              entry={entry}
              role={role.kind === 'ok' ? role.value : null}
              suggested={entry.id === suggested}
              params={params}
              nodes={fleet.nodes.map((node) => node.id)}
            />
          ))}
        </ul>
      )}
      <AuditList />
    </ViewPage>
  );
}

function CatalogItem(props: {
  entry: CatalogEntryView;
  role: RoleState | null;
  suggested: boolean;
  params: URLSearchParams;
  nodes: string[];
}) {
  const { t } = useTranslation();
  const { entry, role, suggested } = props;
  const title = useActionTitle();
  const may = role !== null && role.actionsAvailable && rolePermits(role.role, entry.risk);
  return (
    <li
      className="panel"
      data-risk={entry.risk}
      data-action={entry.id}
      data-suggested={suggested ? 'true' : undefined}
      aria-current={suggested ? 'true' : undefined}
    >
      <h2>
        {title(entry)}{' '}
        <span className="risk">
          <span aria-hidden="true">{riskSymbols[entry.risk]} </span>
          {t(`actions.risks.${riskKeys[entry.risk]}`)}
        </span>
      </h2>
      <p lang="en">{entry.what}</p>
      <p className="muted" lang="en">
        {entry.why}
      </p>
      <p className="muted">
        {t('actions.minimumRole', { role: t(`actions.roles.${entry.minimumRole}`) })}
      </p>
      {role?.actionsAvailable && !may && (
        <RoleNeeded needed={leastRoleFor(entry.risk)} current={role.role} withLink={false} />
      )}
      {may && (
        <TargetForm
          // A new link (another finding, another target) starts the form and its flow afresh.
          key={suggested ? props.params.toString() : 'form'}
          entry={entry}
          nodes={props.nodes}
          params={suggested ? props.params : new URLSearchParams()}
        />
      )}
    </li>
  );
}
