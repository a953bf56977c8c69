// Container memory trends: per node, the containers holding the most memory over the chosen
// range, the top growers from the archive (bytes per hour), and for the growers and the
// containers a leak or kill finding names, the forecast line to the threshold with markers where
// each was killed, restarted or recycled (trends/ContainerMemoryChart.tsx).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../shared/api/contract';
import type { Answer } from '../api/optional-call';
import { useAnswer } from '../api/use-answer';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import { useFindings } from '../findings/use-findings';
import { largestContainers, seriesKey } from '../state/history';
import { shownSnapshot } from '../state/app-state';
import { useAppState } from '../state/react';
import { ContainerMemoryChart } from '../trends/ContainerMemoryChart';
import { containersToChart } from '../trends/memory-model';
import { TrendChart, type ChartSeries } from '../trends/TrendChart';
import { rangeBounds, type TrendRange } from '../trends/trend-model';
import { TrendToolbar, useTrendSelection } from '../trends/use-trend-selection';
import { formatBytes } from './overview-format';

/** Lines one chart can show and still be read. */
const MAX_LINES = 8;
/** Containers given a chart of their own, with forecast and markers. */
const MAX_FORECASTS = 4;

type Growers = Answer<ResultOf<'trend.topGrowth'>>;

export function ContainersView() {
  const { t } = useTranslation();
  const selection = useTrendSelection();
  const { node, range } = selection;

  return (
    <ViewPage view="containers">
      {!node ? (
        <EmptyState description={t('views.containers.description')} />
      ) : (
        <>
          <TrendToolbar selection={selection} />
          <MemoryChart node={node} range={range} />
          <NodeGrowth node={node} range={range} />
        </>
      )}
    </ViewPage>
  );
}

function NodeGrowth({ node, range }: { node: string; range: TrendRange }) {
  const end = useAppState((state) => shownSnapshot(state)?.takenAt ?? null);
  const minute = end ? Math.floor(Date.parse(end) / 60_000) : 0;
  const args = end ? { node, ...rangeBounds(range, end), limit: 5 } : null;
  const { answer } = useAnswer('trend.topGrowth', args, `${node}@${range}@${minute}`);
  return (
    <>
      <TopGrowers answer={answer} />
      {end && <Forecasts node={node} range={range} end={end} growers={answer} />}
    </>
  );
}

function Forecasts(props: { node: string; range: TrendRange; end: string; growers: Growers }) {
  const { t } = useTranslation();
  const { answer: findingsAnswer } = useFindings('open');
  const findings = useMemo(
    () => (findingsAnswer.kind === 'ok' ? findingsAnswer.value : []),
    [findingsAnswer],
  );
  const growers = props.growers.kind === 'ok' ? props.growers.value : [];
  const containers = containersToChart(findings, growers, props.node, MAX_FORECASTS);

  return (
    <section className="panel" aria-labelledby="forecast-heading">
      <h2 id="forecast-heading">{t('trends.memory.heading', { node: props.node })}</h2>
      {containers.length === 0 ? (
        <p className="muted">{t('trends.memory.nothingToForecast')}</p>
      ) : (
        <div className="trend-grid">
          {containers.map((container) => (
            <ContainerMemoryChart
              key={container}
              node={props.node}
              container={container}
              range={props.range}
              end={props.end}
              findings={findings}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function MemoryChart({ node, range }: { node: string; range: TrendRange }) {
  const { t, i18n } = useTranslation();
  // Eight lines stay readable from across the room; every container is one click away.
  const [showEvery, setShowEvery] = useState(false);
  // The biggest in the newest snapshot that listed them; joined so the memo sees a string.
  const names = useAppState((state) =>
    largestContainers(state.history, node, showEvery ? Infinity : MAX_LINES).join('\n'),
  );
  const series = useMemo(
    () =>
      names
        .split('\n')
        .filter(Boolean)
        .map((name): ChartSeries => ({
          archiveKey: `${node}|container:${name}|memoryBytes`,
          historyKey: seriesKey(node, 'container.memoryBytes', name),
          label: name,
        })),
    [names, node],
  );
  if (series.length === 0) return <p className="no-reading">{t('overview.reasons.waiting')}</p>;

  return (
    <section className="panel" aria-labelledby="memory-heading">
      <h2 id="memory-heading">
        {showEvery
          ? t('containers.memoryHeadingEvery', { node, shown: series.length })
          : t('containers.memoryHeading', { node, shown: series.length })}
      </h2>
      <label className="choice">
        <input
          type="checkbox"
          checked={showEvery}
          onChange={(event) => setShowEvery(event.target.checked)}
        />
        {t('containers.showEvery')}
      </label>
      <TrendChart
        title={t('containers.memoryChart', { node })}
        series={series}
        range={range}
        format={(value) => formatBytes(value, i18n.language)}
      />
    </section>
  );
}

function TopGrowers({ answer }: { answer: Growers }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;

  return (
    <section className="panel" aria-labelledby="growers-heading">
      <h2 id="growers-heading">{t('containers.topGrowers')}</h2>
      {answer.kind === 'ok' && answer.value.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('containers.container')}</th>
              <th scope="col">{t('containers.growth')}</th>
              <th scope="col">{t('containers.growthRate')}</th>
            </tr>
          </thead>
          <tbody>
            {answer.value.map((growth) => (
              <tr key={growth.series}>
                <th scope="row">{growth.container}</th>
                <td>
                  {formatBytes(growth.firstMemoryBytes, language)} →{' '}
                  {formatBytes(growth.lastMemoryBytes, language)}
                </td>
                <td>
                  {growth.growthBytesPerHour === null ? (
                    <span className="no-reading" title={t('containers.oneBucket')}>
                      {t('overview.noReading')}
                    </span>
                  ) : (
                    t('containers.perHour', {
                      amount: formatBytes(growth.growthBytesPerHour, language),
                    })
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {answer.kind === 'ok' && answer.value.length === 0 && (
        <p className="muted">{t('containers.noGrowth')}</p>
      )}
      {(answer.kind === 'unavailable' || answer.kind === 'failed') && (
        <p className="no-reading" title={answer.message}>
          {t('trends.archiveUnavailable')}
        </p>
      )}
      {answer.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
    </section>
  );
}
