// What changed between two moments of the review: containers added, removed, restarted, images
// changed, and findings opened or closed in between.
import { useTranslation } from 'react-i18next';
import { useAnswer } from '../api/use-answer';

export function MomentDiffView({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const { answer } = useAnswer('review.diff', { from, to }, `${from}-${to}`);
  if (answer.kind === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (answer.kind !== 'ok') return <p className="problem">{answer.message}</p>;
  const diff = answer.value;

  return (
    <section aria-labelledby="diff-heading">
      <h3 id="diff-heading">{t('review.diffHeading')}</h3>
      <ul>
        {diff.nodes.map((node) => (
          <li key={node.node}>
            <strong>{node.node}</strong>:{' '}
            {t('review.diffCounts', {
              added: node.containersAdded.length,
              removed: node.containersRemoved.length,
              restarted: node.containersRestarted.length,
              images: node.imageChanges.length,
            })}
          </li>
        ))}
      </ul>
      <p>
        {t('review.findingsDiff', {
          opened: diff.findingsOpened.length,
          closed: diff.findingsClosed.length,
        })}
      </p>
    </section>
  );
}
