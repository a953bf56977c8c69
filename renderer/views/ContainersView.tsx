// Container memory trends: per node, the containers holding the most memory over the chosen
// range, and the top growers from the archive (bytes per hour).
// TODO(#7): the forecast line to the threshold, and markers where a container was killed,
// restarted or recycled (the findings' evidence and review.diff carry them).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnswer } from '../api/use-answer';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import { largestContainers, seriesKey } from '../state/history';
import { shownSnapshot } from '../state/app-state';
import { useAppState } from '../state/react';
import { NodePicker, RangePicker } from '../trends/RangePicker';
import { TrendChart, type ChartSeries } from '../trends/TrendChart';
import { rangeBounds, type TrendRange } from '../trends/trend-model';
import { formatBytes } from './overview-format';

/** Lines one chart can show and still be read. */
const MAX_LINES = 8;

export function ContainersView() {
  const { t } = useTranslation();
  const fleet = useAppState((state) => state.fleet);
  const nodes = (fleet?.nodes ?? []).map((node) => node.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [range, setRange] = useState<TrendRange>('1h');
  const node = chosen ?? nodes[0] ?? null;

  return (
    <ViewPage view="containers">
      {!node ? (
        <EmptyState description={t('views.containers.description')} />
      ) : (
        <>
          <div className="toolbar">
            <NodePicker nodes={nodes} value={node} onChange={setChosen} />
            <RangePicker value={range} onChange={setRange} />
          </div>
          <MemoryChart node={node} range={range} />
          <TopGrowers node={node} range={range} />
        </>
      )}
    </ViewPage>
  );
}

function MemoryChart({ node, range }: { node: string; range: TrendRange }) {
  const { t, i18n } = useTranslation();
  // The biggest in the newest snapshot that listed them; joined so the memo sees a string.
  const names = useAppState((state) =>
    largestContainers(state.history, node, MAX_LINES).join('\n'),
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
      <h2 id="memory-heading">{t('containers.memoryHeading', { node, shown: series.length })}</h2>
      <TrendChart
        title={t('containers.memoryChart', { node })}
        series={series}
        range={range}
        format={(value) => formatBytes(value, i18n.language)}
      />
    </section>
  );
}

function TopGrowers({ node, range }: { node: string; range: TrendRange }) {
  const { t, i18n } = useTranslation();
  const end = useAppState((state) => shownSnapshot(state)?.takenAt ?? null);
  const minute = end ? Math.floor(Date.parse(end) / 60_000) : 0;
  const args = end ? { node, ...rangeBounds(range, end), limit: 5 } : null;
  const { answer } = useAnswer('trend.topGrowth', args, `${node}@${range}@${minute}`);
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
