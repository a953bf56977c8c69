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
import { shownSnapshot } from '../state/app-state';
import { useAppState } from '../state/react';
import { formatClock } from '../views/overview-format';
import {
  historyPoints,
  rangeBounds,
  sampleSpacingMs,
  seriesPoints,
  telemetryGaps,
  TREND_POINTS,
  type ChartPoint,
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
  /** Stretches a finding is about (trends/finding-marks.ts), shaded with their label. */
  marks?: readonly { fromMs: number; toMs: number; label: string }[];
}

export function TrendChart(props: Props) {
  const { t } = useTranslation();
  const end = useAppState((state) => shownSnapshot(state)?.takenAt ?? null);
  const drawn = useTrendLines(props.series, props.range, end);
  const { source } = drawn;
  const hasPoints = drawn.lines.some((points) => points.some((point) => point.value !== null));

  return (
    <figure className="trend" aria-label={props.title}>
      <figcaption>
        <strong>{props.title}</strong>{' '}
        <span className="muted">
          {source.kind === 'archive' ? t('trends.fromArchive') : t('trends.fromSession')}
        </span>
        {source.kind === 'session' && source.reason === null && (
          <span className="muted"> {t('trends.archiveEmpty')}</span>
        )}
        {source.kind === 'session' && source.reason !== null && (
          <span className="no-reading" title={source.reason}>
            {' '}
            {t('trends.archiveUnavailable')}
          </span>
        )}
      </figcaption>
      {hasPoints || drawn.gaps.length > 0 ? (
        <Chart {...props} drawn={drawn} />
      ) : (
        <p className="no-reading">{t('trends.noData')}</p>
      )}
    </figure>
  );
}

/** Where the lines come from; `reason` says why not the archive, null when it has nothing yet. */
type Source = { kind: 'archive' } | { kind: 'session'; reason: string | null };

interface Drawn {
  lines: ChartPoint[][];
  gaps: Gap[];
  source: Source;
  /** The chosen range, so the x axis shows all of it, not only where there is data. */
  domain: [number, number] | null;
}

function useTrendLines(
  series: readonly ChartSeries[],
  range: TrendRange,
  end: string | null,
): Drawn {
  const history = useAppState((state) => state.history);
  // The range's end moves with every snapshot; ask again each minute of it, not each tick.
  const minute = end ? Math.floor(Date.parse(end) / 60_000) : 0;
  const bounds = end ? rangeBounds(range, new Date(minute * 60_000).toISOString()) : null;
  const keys = series.map((item) => item.archiveKey);
  const args = bounds && keys.length > 0 ? { series: keys, ...bounds, points: TREND_POINTS } : null;
  const { answer } = useAnswer('trend.query', args, `${keys.join(',')}@${range}@${minute}`);
  const domain: [number, number] | null = bounds
    ? [Date.parse(bounds.from), Date.parse(bounds.to)]
    : null;

  return useMemo(() => {
    if (answer.kind === 'ok' && answer.value.some((trend) => trend.buckets.length > 0)) {
      const spacingMs = sampleSpacingMs(answer.value);
      const byKey = new Map(answer.value.map((trend) => [trend.series, trend]));
      const lines = series.map((item) => {
        const trend = byKey.get(item.archiveKey);
        return trend ? seriesPoints(trend, spacingMs) : [];
      });
      return { lines, gaps: telemetryGaps(answer.value), source: { kind: 'archive' }, domain };
    }
    // An archive with nothing in the range yet (a plant watched for a few minutes) is no fault.
    const reason = answer.kind === 'ok' ? null : answerText(answer);
    const lines = series.map((item) => historyPoints(history, item.historyKey));
    return { lines, gaps: [], source: { kind: 'session', reason }, domain: null };
    // `domain` follows `minute` and `range`, which `answer` already follows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer, history, series]);
}

function answerText(answer: { kind: string; message?: string }): string {
  return answer.kind === 'loading' ? 'asking the archive…' : (answer.message ?? answer.kind);
}

function Chart(props: Props & { drawn: Drawn }) {
  const { lines, gaps, domain } = props.drawn;
  const { t, i18n } = useTranslation();
  const timeZone = useAppState((state) => state.plantTimeZone) ?? undefined;
  const clock = (atMs: number) =>
    formatClock(new Date(atMs).toISOString(), i18n.language, timeZone);

  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey="atMs"
          type="number"
          domain={domain ?? ['dataMin', 'dataMax']}
          allowDataOverflow
          tickFormatter={clock}
          stroke="var(--text-muted)"
        />
        <YAxis tickFormatter={props.format} stroke="var(--text-muted)" width={72} />
        <Tooltip
          labelFormatter={(value) => clock(Number(value))}
          formatter={(value) => (typeof value === 'number' ? props.format(value) : String(value))}
        />
        <Legend />
        {gaps.map((gap) => (
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
        {props.marks?.map((mark) => (
          <ReferenceArea
            key={`mark-${mark.fromMs}-${mark.label}`}
            className="finding-mark"
            x1={mark.fromMs}
            x2={mark.toMs}
            ifOverflow="hidden"
            fill="var(--state-warning, #d29922)"
            fillOpacity={0.12}
            stroke="var(--state-warning, #d29922)"
            strokeDasharray="3 3"
            label={{ value: mark.label, fill: 'var(--text)', position: 'insideBottomLeft' }}
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
            data={lines[index]}
            dataKey="value"
            name={item.label}
            stroke={palette[index % palette.length]}
            strokeDasharray={dashes[index % dashes.length]}
            dot={(lines[index]?.length ?? 0) < 3}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
