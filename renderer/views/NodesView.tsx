// Nodes: for now, the nodes the fleet file names; their live state comes with collection.
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import { useAppState } from '../state/react';

export function NodesView() {
  const { t } = useTranslation();
  const fleet = useAppState((state) => state.fleet);
  const nodes = fleet?.nodes ?? [];

  return (
    <ViewPage view="nodes">
      <EmptyState description={t('views.nodes.description')} />
      {nodes.length > 0 && (
        <table className="table">
          <caption>{t('nodes.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('nodes.id')}</th>
              <th scope="col">{t('nodes.role')}</th>
              <th scope="col">{t('nodes.host')}</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((node) => (
              <tr key={node.id}>
                <th scope="row">{node.id}</th>
                <td>{t(`nodes.roles.${node.role}`)}</td>
                <td>{node.host}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ViewPage>
  );
}
