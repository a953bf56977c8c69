// A finding's title and detail in the interface language (finding-text.ts): the Portuguese
// catalogue's sentence, or the core's English marked lang="en" where the catalogue falls back.
import { useTranslation } from 'react-i18next';
import { findingText, type FindingFields } from './finding-text';

export function FindingTitleAndDetail({ finding }: { finding: FindingFields }) {
  const { i18n } = useTranslation();
  const { title, detail } = findingText(finding, i18n.language);
  return (
    <>
      <strong lang={title.lang ?? undefined}>{title.text}</strong> —{' '}
      <span lang={detail.lang ?? undefined}>{detail.text}</span>
    </>
  );
}
