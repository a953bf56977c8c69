// The header: the app's name, which deployment this window watches (with a DEMO badge when it is
// the simulated plant, so nobody mistakes it for a real line), and the connection indicator.
import { useTranslation } from 'react-i18next';
import type { FleetSummary } from '../../shared/api/contract';
import { useAppState } from '../state/react';
import { ConnectionIndicator } from './ConnectionIndicator';

export function Header() {
  const { t } = useTranslation();
  const fleet = useAppState((state) => state.fleet);

  return (
    <header className="header">
      <span className="header__name">{t('app.name')}</span>
      <span className="header__deployment">{useDeploymentText(fleet)}</span>
      {fleet?.source === 'demo' && <DemoBadge />}
      <ConnectionIndicator />
    </header>
  );
}

function DemoBadge() {
  const { t } = useTranslation();
  const label = t('header.demoBadgeLabel');

  return (
    <strong role="note" className="demo-badge" aria-label={label} title={label}>
      {t('header.demoBadge')}
    </strong>
  );
}

function useDeploymentText(fleet: FleetSummary | null): string {
  const { t } = useTranslation();
  if (!fleet) return t('header.waitingForCore');
  if (fleet.source === 'empty' || fleet.deployment === null) return t('header.noFleet');
  const key = fleet.source === 'demo' ? 'header.demoDeployment' : 'header.deployment';
  return t(key, { deployment: fleet.deployment });
}
