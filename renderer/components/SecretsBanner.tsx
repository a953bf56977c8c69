// On every view of the desktop app: the passwords the fleet file names that are not entered yet,
// which channels stay down meanwhile, and the way to Settings to enter them. Browser mode has no
// secrets store (the request answers UNAVAILABLE), so nothing shows there.
import { useTranslation } from 'react-i18next';
import { useAnswer } from '../api/use-answer';
import { secretsNotice } from '../settings/secrets-notice';
import type { ViewId } from '../views/view-table';
import { hashForView } from '../views/view-table';

export function SecretsBanner({ view }: { view: ViewId }) {
  const { t } = useTranslation();
  // Asked again on each view change and after the core restarts with a new secret.
  const { answer } = useAnswer('secrets.status', {}, `secrets-banner-${view}`);
  if (answer.kind !== 'ok' || view === 'settings') return null;
  const notice = secretsNotice(answer.value);
  if (!notice) return null;
  const uses = notice.uses
    .map((use) => `${use.node} · ${t(`secrets.channels.${use.channel}`)}`)
    .join(', ');

  return (
    <div className="secrets-banner" role="alert">
      <span aria-hidden="true">🔑 </span>
      {t('secrets.banner.missing', {
        variables: notice.variables.join(', '),
        uses,
      })}{' '}
      {notice.askedEachStart && t('secrets.banner.eachStart')}{' '}
      <a className="button" href={hashForView('settings')}>
        {t('secrets.banner.enter')}
      </a>
    </div>
  );
}
