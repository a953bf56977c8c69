// The fleet as of the review cursor: one line per node with its channels and numbers, and the
// findings open then. Asks `review.seek` and each node's `review.node` each time the cursor
// settles (review-moment.ts).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewMoment as Moment } from '../state/app-state';
import { useDispatch } from '../state/react';
import { formatBytes } from '../views/overview-format';
import { useReviewMoment, type AskedMoment } from './review-moment';

export function ReviewMoment({ at }: { at: string }) {
  const { t, i18n } = useTranslation();
  const answer = useReviewMoment(at);
  const dispatch = useDispatch();
  // The moment drives every view (Overview, Nodes, GPUs…) until the review is closed.
  useEffect(() => {
    if (answer.kind === 'ok') dispatch({ type: 'reviewMoment', review: momentOf(answer.value) });
  }, [answer, dispatch]);
  if (answer.kind === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (answer.kind !== 'ok') return <p className="problem">{answer.message}</p>;
  const { view, snapshot: fleet } = answer.value;
  if (!fleet) return <p className="muted">{t('review.nothingAtCursor')}</p>;

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
          {Object.entries(fleet.nodes).map(([node, snapshot]) => {
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

const verdictKinds = ['all-unreachable', 'ssh-unreachable-everywhere'] as const;
type VerdictKind = (typeof verdictKinds)[number];

/** The review's view as the store holds a moment; a verdict of a kind this page cannot name
 * is left out rather than shown untranslated. */
export function momentOf({ view, snapshot }: AskedMoment): Moment {
  const verdict = view.health.verdict;
  const known = verdict && (verdictKinds as readonly string[]).includes(verdict.kind);
  return {
    at: view.at,
    snapshot,
    health: {
      nodes: view.health.nodes,
      verdict: known ? { kind: verdict.kind as VerdictKind, message: verdict.message } : null,
    },
  };
}
