// Review: open a bundle or an archive directory (read-only), scrub its timeline, compare two
// moments, and export the report. The scrubber's moment drives every view (state.review) until
// the review is closed; a banner on every view says so.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../shared/api/contract';
import { tryCall, type Answer } from '../api/optional-call';
import { ViewPage } from '../components/ViewPage';
import { useApi, useAppState, useDispatch } from '../state/react';
import { formatPlantTime } from '../views/overview-format';
import { useBundleOffers } from './bundle-offers';
import { ExportBundle } from './ExportBundle';
import { MomentDiffView } from './MomentDiffView';
import { ReviewMoment } from './ReviewMoment';

type Opened = ResultOf<'review.open'>;

export function ReviewView() {
  const { t } = useTranslation();
  const api = useApi();
  const [path, setPath] = useState('');
  const [opened, setOpened] = useState<Answer<Opened> | null>(null);

  const openPath = async (target: string) =>
    setOpened(await tryCall(api, 'review.open', { path: target }));
  const open = () => openPath(path);
  useBundleOffers((offered) => {
    setPath(offered);
    void openPath(offered);
  });
  const dispatch = useDispatch();
  const close = async () => {
    await tryCall(api, 'review.close', {});
    dispatch({ type: 'reviewMoment', review: null });
    setOpened(null);
  };

  return (
    <ViewPage view="review">
      <p>{t('views.review.description')}</p>
      <form
        className="panel"
        onSubmit={(event) => {
          event.preventDefault();
          void open();
        }}
      >
        <label>
          {t('review.path')}{' '}
          <input
            value={path}
            required
            size={50}
            placeholder={t('review.pathPlaceholder')}
            onChange={(event) => setPath(event.target.value)}
          />
        </label>{' '}
        <button type="submit" className="button">
          {t('review.open')}
        </button>
        {opened?.kind === 'ok' && (
          <button type="button" className="button" onClick={() => void close()}>
            {t('review.close')}
          </button>
        )}
      </form>
      {opened && opened.kind !== 'ok' && opened.kind !== 'loading' && (
        <p role="alert" className="problem">
          {t('review.openFailed', { message: opened.message })}
        </p>
      )}
      {opened?.kind === 'ok' && <OpenedReview key={opened.value.sessionId} opened={opened.value} />}
      <ExportBundle onExported={setPath} />
      <ExportReport />
    </ViewPage>
  );
}

function OpenedReview({ opened }: { opened: Opened }) {
  const { t, i18n } = useTranslation();
  const timeZone = useAppState((state) => state.plantTimeZone) ?? undefined;
  const range = opened.range;
  const [cursorMs, setCursorMs] = useState(() => (range ? Date.parse(range.lastAt) : 0));
  const [compareFromMs, setCompareFromMs] = useState<number | null>(null);
  if (!range) return <p className="muted">{t('review.empty')}</p>;
  const firstMs = Date.parse(range.firstAt);
  const lastMs = Date.parse(range.lastAt);
  const cursor = new Date(cursorMs).toISOString();

  return (
    <section className="panel" aria-labelledby="review-session">
      <h2 id="review-session">
        {t('review.session', {
          deployment: opened.fleet.deployment ?? '—',
          source: t(`review.sources.${opened.source}`),
        })}
      </h2>
      <label className="scrubber">
        {t('review.cursor', { moment: formatPlantTime(cursor, i18n.language, timeZone) })}
        <input
          type="range"
          min={firstMs}
          max={lastMs}
          step={60_000}
          value={cursorMs}
          aria-valuetext={formatPlantTime(cursor, i18n.language, timeZone)}
          onChange={(event) => setCursorMs(Number(event.target.value))}
        />
      </label>
      <p>
        <button type="button" className="button" onClick={() => setCompareFromMs(cursorMs)}>
          {t('review.markFrom')}
        </button>{' '}
        {compareFromMs !== null &&
          t('review.comparing', {
            from: formatPlantTime(new Date(compareFromMs).toISOString(), i18n.language, timeZone),
          })}
      </p>
      <ReviewMoment at={cursor} />
      {compareFromMs !== null && (
        <MomentDiffView from={new Date(compareFromMs).toISOString()} to={cursor} />
      )}
    </section>
  );
}

function ExportReport() {
  const { t } = useTranslation();
  const api = useApi();
  const [link, setLink] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const render = async () => {
    const answer = await tryCall(api, 'report.render', { format: 'md' });
    if (answer.kind !== 'ok') {
      setProblem(answer.kind === 'loading' ? null : answer.message);
      return;
    }
    const blob = new Blob([answer.value.text], { type: 'text/markdown' });
    setLink(URL.createObjectURL(blob));
    setProblem(null);
  };
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('review.export')}</h2>
      <button type="button" className="button" onClick={() => void render()}>
        {t('review.renderReport')}
      </button>{' '}
      {link && (
        <a href={link} download="live-improvements-report.md">
          {t('review.download')}
        </a>
      )}
      {problem && <p className="problem">{problem}</p>}
    </section>
  );
}
