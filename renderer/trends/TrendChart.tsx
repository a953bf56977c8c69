// One chart of a few series over the chosen range, fed by the archive's downsampled buckets
// (trend.query, at most 600 points a series). When the archive cannot answer, the page's own
// recent snapshots stand in, and the chart says so. Stretches without telemetry are shaded and
// labelled, never drawn as zero. No animation: a wall screen redraws often.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useAnswer } from '../api/use-answer';
import { useAppState } from '../state/react';
import { formatClock } from '../views/overview-format';
import {
  chartRows,
  historyRows,
  rangeBounds,
  telemetryGaps,
  TREND_POINTS,
  type ChartRow,
  type Gap,
  type TrendRange,
} from './trend-model';

export interface ChartSeries {
  /** The archive's series key: `vk01|gpu:0|temperatureC`. */
  archiveKey: string;
  /** The same series in this page's history (state/history.ts). */
  historyKey: string;
  label: string;
}

const palette = ['#79c0ff', '#ffa657', '#7ee787', '#d2a8ff', '#ff7b72', '#f2cc60', '#a5d6ff'];
const dashes = ['', '6 3', '2 2', '8 2 2 2', '4 4', '1 3', '10 4'];

interface Props {
  title: string;
  series: readonly ChartSeries[];
  range: TrendRange;
  format(value: number): string;
  threshold?: { value: number; label: string };
}

export function TrendChart(props: Props) {
  const { t } = useTranslation();
  const end = useAppState((state) => state.snapshot?.takenAt ?? null);
  const { rows, gaps, source } = useTrendRows(props.series, props.range, end);

  return (
    <figure className="trend" aria-label={props.title}>
      <figcaption>
        <strong>{props.title}</strong>{' '}
        <span className="muted">
          {source.kind === 'archive' ? t('trends.fromArchive') : t('trends.fromSession')}
        </span>
        {source.kind === 'session' && (
          <span className="no-reading" title={source.reason}>
            {' '}
            {t('trends.archiveUnavailable')}
          </span>
        )}
      </figcaption>
      {rows.length === 0 ? (
        <p className="no-reading">{t('trends.noData')}</p>
      ) : (
        <Chart {...props} rows={rows} gaps={gaps} />
      )}
    </figure>
  );
}

type Source = { kind: 'archive' } | { kind: 'session'; reason: string };

function useTrendRows(series: readonly ChartSeries[], range: TrendRange, end: string | null) {
  const history = useAppState((state) => state.history);
  const bounds = end ? rangeBounds(range, end) : null;
  const keys = series.map((item) => item.archiveKey);
  // The range's end moves with every snapshot; ask again each minute of it, not each tick.
  const minute = end ? Math.floor(Date.parse(end) / 60_000) : 0;
  const args = bounds && keys.length > 0 ? { series: keys, ...bounds, points: TREND_POINTS } : null;
  const { answer } = useAnswer('trend.query', args, `${keys.join(',')}@${range}@${minute}`);

  return useMemo(() => {
    const rename = (row: ChartRow, key: (item: ChartSeries) => string): ChartRow => {
      const renamed: ChartRow = { atMs: row.atMs };
      series.forEach((item, index) => (renamed[`s${index}`] = row[key(item)] ?? null));
      return renamed;
    };
    if (answer.kind === 'ok' && answer.value.some((trend) => trend.buckets.length > 0)) {
      return {
        rows: chartRows(answer.value).map((row) => rename(row, (item) => item.archiveKey)),
        gaps: telemetryGaps(answer.value),
        source: { kind: 'archive' } as Source,
      };
    }
    const reason =
      answer.kind === 'ok' ? 'the archive holds nothing in this range' : answerText(answer);
    const historyKeys = series.map((item) => item.historyKey);
    return {
      rows: historyRows(history, historyKeys).map((row) => rename(row, (item) => item.historyKey)),
      gaps: [] as Gap[],
      source: { kind: 'session', reason } as Source,
    };
  }, [answer, history, series]);
}

function answerText(answer: { kind: string; message?: string }): string {
  return answer.kind === 'loading' ? 'asking the archive…' : (answer.message ?? answer.kind);
}

function Chart(props: Props & { rows: ChartRow[]; gaps: Gap[] }) {
  const { t, i18n } = useTranslation();
  const timeZone = useAppState((state) => state.plantTimeZone) ?? undefined;
  const clock = (atMs: number) =>
    formatClock(new Date(atMs).toISOString(), i18n.language, timeZone);

  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={props.rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey="atMs"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={clock}
          stroke="var(--text-muted)"
        />
        <YAxis tickFormatter={props.format} stroke="var(--text-muted)" width={72} />
        <Tooltip
          labelFormatter={(value) => clock(Number(value))}
          formatter={(value) => (typeof value === 'number' ? props.format(value) : String(value))}
        />
        <Legend />
        {props.gaps.map((gap) => (
          <ReferenceArea
            key={gap.fromMs}
            x1={gap.fromMs}
            x2={gap.toMs}
            fill="var(--text-muted)"
            fillOpacity={gap.kind === 'no-telemetry' ? 0.3 : 0.08}
            label={{
              value: t(gap.kind === 'no-telemetry' ? 'trends.noTelemetry' : 'trends.notRecorded'),
              fill: 'var(--text)',
              position: 'insideTop',
            }}
          />
        ))}
        {props.threshold && (
          <ReferenceLine
            y={props.threshold.value}
            stroke="var(--state-offline)"
            strokeDasharray="4 4"
            label={{ value: props.threshold.label, fill: 'var(--text)', position: 'insideTopLeft' }}
          />
        )}
        {props.series.map((item, index) => (
          <Line
            key={item.archiveKey}
            dataKey={`s${index}`}
            name={item.label}
            stroke={palette[index % palette.length]}
            strokeDasharray={dashes[index % dashes.length]}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
