// A view whose content is still to be built: its heading and an empty state saying what will
// appear there.
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import type { ViewId } from './view-table';

export function PlannedView({ view }: { view: ViewId }) {
  const { t } = useTranslation();

  return (
    <ViewPage view={view}>
      <EmptyState description={t(`views.${view}.description`)} />
    </ViewPage>
  );
}
