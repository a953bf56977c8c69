// Which component draws each view. The chart views load on first visit (recharts is most of
// the bundle), so the Overview paints without waiting for them.
import { lazy, Suspense, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { FindingsView } from '../findings/FindingsView';
import { LogsView } from '../logs/LogsView';
import { ReviewView } from '../review/ReviewView';
import { ActionsView } from './ActionsView';
import { NodesView } from './NodesView';
import { OverviewView } from './OverviewView';
import { SettingsView } from './SettingsView';
import type { ViewId } from './view-table';

const GpusView = lazy(() => import('./GpusView').then((module) => ({ default: module.GpusView })));
const ContainersView = lazy(() =>
  import('./ContainersView').then((module) => ({ default: module.ContainersView })),
);

const viewComponents: Record<ViewId, () => ReactElement> = {
  overview: () => <OverviewView />,
  nodes: () => <NodesView />,
  gpus: () => <GpusView />,
  containers: () => <ContainersView />,
  findings: () => <FindingsView />,
  logs: () => <LogsView />,
  actions: () => <ActionsView />,
  review: () => <ReviewView />,
  settings: () => <SettingsView />,
};

export function CurrentView({ view }: { view: ViewId }) {
  return <Suspense fallback={<Loading />}>{viewComponents[view]()}</Suspense>;
}

function Loading() {
  const { t } = useTranslation();
  return <p className="muted">{t('common.loading')}</p>;
}
