// Which component draws each view. Views without content of their own yet show their empty state.
import type { ReactElement } from 'react';
import { NodesView } from './NodesView';
import { OverviewView } from './OverviewView';
import { PlannedView } from './PlannedView';
import { SettingsView } from './SettingsView';
import type { ViewId } from './view-table';

const viewComponents: Record<ViewId, () => ReactElement> = {
  overview: () => <OverviewView />,
  nodes: () => <NodesView />,
  gpus: () => <PlannedView view="gpus" />,
  containers: () => <PlannedView view="containers" />,
  findings: () => <PlannedView view="findings" />,
  actions: () => <PlannedView view="actions" />,
  review: () => <PlannedView view="review" />,
  settings: () => <SettingsView />,
};

export function CurrentView({ view }: { view: ViewId }) {
  return viewComponents[view]();
}
