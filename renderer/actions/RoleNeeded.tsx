// What an operator whose role may not run an action sees instead of its button: the role it
// needs, theirs, and where to raise it (the Actions view's role panel, with the PIN).
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/api/requests-actions';
import { hashForView } from '../views/view-table';

export function RoleNeeded(props: { needed: Role; current: Role; withLink?: boolean }) {
  const { t } = useTranslation();
  return (
    <p className="muted role-needed">
      <span aria-hidden="true">🔒 </span>
      {t('actionFlow.roleNeeded', {
        role: t(`actions.roles.${props.needed}`),
        current: t(`actions.roles.${props.current}`),
      })}{' '}
      {props.withLink === false ? (
        t('actionFlow.raiseHere')
      ) : (
        <a href={hashForView('actions')}>{t('actionFlow.raiseInActions')}</a>
      )}
    </p>
  );
}
