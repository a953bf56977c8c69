// Which component draws each view.
import type { ReactElement } from 'react';
import { FindingsView } from '../findings/FindingsView';
import { LogsView } from '../logs/LogsView';
import { ReviewView } from '../review/ReviewView';
import { ActionsView } from './ActionsView';
import { ContainersView } from './ContainersView';
import { GpusView } from './GpusView';
import { NodesView } from './NodesView';
import { OverviewView } from './OverviewView';
import { SettingsView } from './SettingsView';
import type { ViewId } from './view-table';

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
  return viewComponents[view]();
}
