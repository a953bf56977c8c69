// The main navigation: one link per view from the view table, the current one marked for
// assistive technology with aria-current.
import { useTranslation } from 'react-i18next';
import { hashForView, viewIds, type ViewId } from '../views/view-table';

export function Navigation({ current }: { current: ViewId }) {
  const { t } = useTranslation();

  return (
    <nav className="navigation" aria-label={t('nav.label')}>
      <ul>
        {viewIds.map((view) => (
          <li key={view}>
            <a href={hashForView(view)} aria-current={view === current ? 'page' : undefined}>
              {t(`views.${view}.title`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
