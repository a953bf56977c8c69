// The main navigation: one link per view from the view table, the current one marked for
// assistive technology with aria-current, and a button that opens the command palette.
import { useTranslation } from 'react-i18next';
import { hashForView, viewIds, type ViewId } from '../views/view-table';

export function Navigation(props: { current: ViewId; onOpenPalette(): void }) {
  const { current, onOpenPalette } = props;
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
      <button
        type="button"
        className="button navigation__palette"
        aria-keyshortcuts="Control+K"
        onClick={onOpenPalette}
      >
        {t('palette.open')} <kbd>Ctrl+K</kbd>
      </button>
    </nav>
  );
}
