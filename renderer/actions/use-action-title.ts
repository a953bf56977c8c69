// An action's title in the interface language. The core's catalog is English only; its titles
// are translated here by action id, while its longer texts (what, why, preconditions) are shown
// as the core wrote them, marked lang="en".
import { useTranslation } from 'react-i18next';
import type { ActionId } from '../../shared/api/requests-actions';
import { titleKeys } from './flow-model';

export function useActionTitle(): (entry: { id: ActionId }) => string {
  const { t } = useTranslation();
  return (entry) => t(`actionFlow.titles.${titleKeys[entry.id]}`);
}
