// The frame of one view: its heading (which receives focus after navigation) and its content.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewId } from '../views/view-table';

export const VIEW_HEADING_ID = 'view-heading';

export function ViewPage({ view, children }: { view: ViewId; children: ReactNode }) {
  const { t } = useTranslation();

  return (
    <article className="view" aria-labelledby={VIEW_HEADING_ID}>
      <h1 id={VIEW_HEADING_ID} tabIndex={-1}>
        {t(`views.${view}.title`)}
      </h1>
      {children}
    </article>
  );
}
