// The honest empty state of a view: what will appear here, and why nothing does yet.
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useAppState } from '../state/react';

export function EmptyState({ description }: { description: string }) {
  const { t } = useTranslation();
  const fleet = useAppState((state) => state.fleet);

  let reason: ReactNode = t('emptyState.waitingForCore');
  if (fleet?.source === 'empty') {
    reason = <Trans i18nKey="emptyState.noFleet" components={{ code: <code /> }} />;
  } else if (fleet) {
    reason = t('emptyState.nothingCollected', { deployment: fleet.deployment ?? '—' });
  }

  return (
    <section className="empty-state">
      <p>{description}</p>
      <p className="empty-state__reason">{reason}</p>
    </section>
  );
}
