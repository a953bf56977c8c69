// A value, or "no reading" with the reason as its title (hover, and the accessible
// description): a missing value is never shown as 0.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MissingReason, Reading } from '../views/overview-model';

export function ReadingText({ reading }: { reading: Reading<string> }) {
  const { t } = useTranslation();
  if (!('reason' in reading)) return <>{reading.value}</>;
  const reason = reasonText(reading.reason, t);

  return (
    <span className="no-reading" title={reason}>
      {t('overview.noReading')}
    </span>
  );
}

export function reasonText(reason: MissingReason, t: TFunction): string {
  if (reason.kind === 'waiting') return t('overview.reasons.waiting');
  if (reason.kind === 'no-gpus') return t('overview.reasons.noGpus');
  return reason.detail;
}
