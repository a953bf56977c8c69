// The frame of one view: its heading (which receives focus after navigation) and its content.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewId } from '../views/view-table';
import { headingMounted } from './heading-focus';
import { VIEW_HEADING_ID } from './view-heading';

export { VIEW_HEADING_ID };

export function ViewPage({ view, children }: { view: ViewId; children: ReactNode }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingMounted(heading.current), []);

  return (
    <article className="view" aria-labelledby={VIEW_HEADING_ID}>
      <h1 id={VIEW_HEADING_ID} tabIndex={-1} ref={heading}>
        {t(`views.${view}.title`)}
      </h1>
      {children}
    </article>
  );
}
