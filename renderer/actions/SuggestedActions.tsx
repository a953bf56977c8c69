// A finding's suggested actions (issue #8): one button per action the operator's role may run,
// which opens the action's flow in the Actions view with the finding's target filled in and its
// preview asked (there the flow outlives the finding, which a fix soon resolves, and the audit
// trail is beside it). A role that may run none sees no button at all, only which role is
// needed and where to raise it.
import { useTranslation } from 'react-i18next';
import type { CatalogEntryView, Role } from '../../shared/api/requests-actions';
import { actionLink, leastRoleFor, rolePermits, type FindingTargetSource } from './flow-model';
import { RoleNeeded } from './RoleNeeded';
import { useCatalog, useRole } from './shared-answers';
import { useActionTitle } from './use-action-title';

export interface SuggestingFinding extends FindingTargetSource {
  id: number;
  actions: readonly string[];
}

export function SuggestedActions({ finding }: { finding: SuggestingFinding }) {
  const { t } = useTranslation();
  const { answer: role } = useRole();
  const { answer: catalog } = useCatalog();
  const title = useActionTitle();
  if (finding.actions.length === 0 || role.kind !== 'ok' || catalog.kind !== 'ok') return null;
  if (!role.value.actionsAvailable) return null;

  const entries = finding.actions
    .map((id) => catalog.value.find((entry) => entry.id === id))
    .filter((entry): entry is CatalogEntryView => entry !== undefined);
  const current = role.value.role;
  const allowed = entries.filter((entry) => rolePermits(current, entry.risk));
  const needed = leastNeeded(entries.filter((entry) => !rolePermits(current, entry.risk)));

  return (
    <div className="finding__actions">
      {allowed.length > 0 && (
        <div role="group" aria-label={t('findings.suggestedActions')}>
          {allowed.map((entry) => (
            <a
              key={entry.id}
              className="button"
              data-action={entry.id}
              href={actionLink(entry, finding)}
            >
              {t('actionFlow.openAction', { title: title(entry) })}
            </a>
          ))}
        </div>
      )}
      {needed && <RoleNeeded needed={needed} current={current} />}
    </div>
  );
}

/** The least role that would unlock the actions this role may not run; null when none. */
function leastNeeded(refused: readonly CatalogEntryView[]): Role | null {
  if (refused.length === 0) return null;
  return refused.some((entry) => leastRoleFor(entry.risk) === 'technician')
    ? 'technician'
    : 'supervisor';
}
