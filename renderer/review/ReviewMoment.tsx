// The fleet as of the review cursor: one line per node with its channels and numbers, and the
// findings open then. Asks `review.seek` each time the cursor settles.
import { useTranslation } from 'react-i18next';
import { useAnswer } from '../api/use-answer';
import { formatBytes } from '../views/overview-format';

export function ReviewMoment({ at }: { at: string }) {
  const { t, i18n } = useTranslation();
  const { answer } = useAnswer('review.seek', { at }, at);
  if (answer.kind === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (answer.kind !== 'ok') return <p className="problem">{answer.message}</p>;
  const view = answer.value;
  if (!view.snapshot) return <p className="muted">{t('review.nothingAtCursor')}</p>;

  return (
    <>
      <table className="table">
        <caption>{t('review.fleetAt')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('nodes.id')}</th>
            <th scope="col">{t('review.channelsDown')}</th>
            <th scope="col">{t('overview.containers')}</th>
            <th scope="col">{t('review.memoryAvailable')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(view.snapshot.nodes).map(([node, snapshot]) => {
            const down = Object.entries(view.health.nodes[node] ?? {})
              .filter(([, channel]) => channel.state === 'down')
              .map(([name]) => name);
            return (
              <tr key={node}>
                <th scope="row">{node}</th>
                <td>{down.length === 0 ? t('review.noneDown') : `✕ ${down.join(', ')}`}</td>
                <td>{snapshot.containers?.length ?? t('overview.noReading')}</td>
                <td>
                  {snapshot.host?.memAvailableBytes == null
                    ? t('overview.noReading')
                    : formatBytes(snapshot.host.memAvailableBytes, i18n.language)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>{t('review.findingsOpen', { open: view.findings.length })}</p>
    </>
  );
}
