// The honest empty state of a view: what will appear here, and why nothing does yet.
import { useTranslation } from 'react-i18next';
import { useAppState } from '../state/react';

export function EmptyState({ description }: { description: string }) {
  const { t } = useTranslation();
  const fleet = useAppState((state) => state.fleet);

  let reason = t('emptyState.waitingForCore');
  if (fleet?.source === 'empty') reason = t('emptyState.noFleet');
  else if (fleet)
    reason = t('emptyState.nothingCollected', { deployment: fleet.deployment ?? '—' });

  return (
    <section className="empty-state">
      <p>{description}</p>
      <p className="empty-state__reason">{reason}</p>
    </section>
  );
}
