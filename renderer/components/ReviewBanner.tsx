// While a review moment drives the views, a banner under the header says so on every view, with
// the moment, and a way back to live data.
import { useTranslation } from 'react-i18next';
import { tryCall } from '../api/optional-call';
import { useApi, useAppState, useDispatch } from '../state/react';
import { formatPlantTime } from '../views/overview-format';

export function ReviewBanner() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const dispatch = useDispatch();
  const review = useAppState((state) => state.review);
  const timeZone = useAppState((state) => state.plantTimeZone) ?? undefined;
  if (!review) return null;

  const backToLive = async () => {
    await tryCall(api, 'review.close', {});
    dispatch({ type: 'reviewMoment', review: null });
  };

  return (
    <div className="review-banner" role="status">
      <span aria-hidden="true">⏪ </span>
      {t('review.banner', { moment: formatPlantTime(review.at, i18n.language, timeZone) })}{' '}
      <button type="button" className="button" onClick={() => void backToLive()}>
        {t('review.backToLive')}
      </button>
    </div>
  );
}
