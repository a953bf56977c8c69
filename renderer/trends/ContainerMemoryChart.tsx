// One container's memory over the chosen range, with the forecast line to its threshold (its
// memory limit, or the level at which it was killed before) and a marker wherever it was
// killed, restarted or recycled. Fed by the archive (trend.query: memory, restart count and
// limit, at most 600 points each) and the open findings; no animation.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useAnswer } from '../api/use-answer';
import type { FindingView } from '../findings/use-findings';
import { formatBytes, formatClock } from '../views/overview-format';
import { useAppState } from '../state/react';
import {
  chooseRate,
  chooseThreshold,
  containerFinding,
  counterPoints,
  forecastLine,
  memoryEvents,
  type Forecast,
  type MemoryEvent,
  type MemoryEventKind,
} from './memory-model';
import {
  rangeBounds,
  rangeMs,
  sampleSpacingMs,
  seriesPoints,
  TREND_POINTS,
  type ChartPoint,
  type TrendRange,
} from './trend-model';

export const eventSymbols: Record<MemoryEventKind, string> = {
  killed: '✕',
  restarted: '↻',
  recycled: '♻',
};

interface Props {
  node: string;
  container: string;
  range: TrendRange;
  /** The range's end: the newest snapshot's time. */
  end: string;
  findings: readonly FindingView[];
}

interface Drawn {
  memory: ChartPoint[];
  events: MemoryEvent[];
  forecast: Forecast | null;
  domain: [number, number];
}

function useContainerMemory(props: Props): { drawn: Drawn | null; problem: string | null } {
  const { node, container, range, end, findings } = props;
  const minute = Math.floor(Date.parse(end) / 60_000);
  const bounds = rangeBounds(range, new Date(minute * 60_000).toISOString());
  const prefix = `${node}|container:${container}|`;
  const keys = ['memoryBytes', 'restartCount', 'memoryLimitBytes'].map((name) => prefix + name);
  const args = { series: keys, ...bounds, points: TREND_POINTS };
  const { answer } = useAnswer('trend.query', args, `${prefix}@${range}@${minute}`);

  return useMemo(() => {
    if (answer.kind === 'loading') return { drawn: null, problem: null };
    if (answer.kind !== 'ok') return { drawn: null, problem: answer.message };
    const byKey = new Map(answer.value.map((trend) => [trend.series, trend]));
    const memoryTrend = byKey.get(keys[0]!);
    const spacingMs = sampleSpacingMs(memoryTrend ? [memoryTrend] : []);
    const memory = memoryTrend ? seriesPoints(memoryTrend, spacingMs) : [];
    const leak = containerFinding(findings, 'memory-leak', node, container);
    const killFinding = containerFinding(findings, 'oom-kill-pattern', node, container) !== null;
    const events = memoryEvents(memory, counterPoints(byKey.get(keys[1]!)), {
      killFinding,
      spacingMs,
    });
    const threshold = chooseThreshold(leak, events, counterPoints(byKey.get(keys[2]!)));
    const rate = chooseRate(leak, memory, events);
    const forecast = forecastLine(memory, rate, threshold, rangeMs[range] / 2);
    const toMs = Date.parse(bounds.to);
    const domain: [number, number] = [
      Date.parse(bounds.from),
      Math.max(toMs, forecast?.points[1].atMs ?? toMs),
    ];
    return { drawn: { memory, events, forecast, domain }, problem: null };
    // `keys` and `bounds` follow `prefix`, `range` and `minute`, which `answer` follows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer, findings, node, container, range]);
}

export function ContainerMemoryChart(props: Props) {
  const { t } = useTranslation();
  const { drawn, problem } = useContainerMemory(props);
  const title = t('trends.memory.chart', { container: props.container, node: props.node });

  return (
    <figure className="trend" aria-label={title} data-container={props.container}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      {problem !== null && (
        <p className="no-reading" title={problem}>
          {t('trends.archiveUnavailable')}
        </p>
      )}
      {problem === null && !drawn && <p className="muted">{t('trends.memory.loading')}</p>}
      {drawn && drawn.memory.length === 0 && <p className="no-reading">{t('trends.noData')}</p>}
      {drawn && drawn.memory.length > 0 && (
        <>
          <MemoryLines drawn={drawn} container={props.container} />
          <ForecastSentence forecast={drawn.forecast} />
          <EventList events={drawn.events} container={props.container} />
        </>
      )}
    </figure>
  );
}

function MemoryLines({ drawn, container }: { drawn: Drawn; container: string }) {
  const { t, i18n } = useTranslation();
  const timeZone = useAppState((state) => state.plantTimeZone) ?? undefined;
  const language = i18n.language;
  const clock = (atMs: number) => formatClock(new Date(atMs).toISOString(), language, timeZone);
  const bytes = (value: number) => formatBytes(value, language);
  const { forecast } = drawn;

  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart margin={{ top: 16, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey="atMs"
          type="number"
          domain={drawn.domain}
          allowDataOverflow
          tickFormatter={clock}
          stroke="var(--text-muted)"
        />
        <YAxis
          tickFormatter={bytes}
          stroke="var(--text-muted)"
          width={80}
          domain={['auto', 'auto']}
        />
        <Tooltip
          labelFormatter={(value) => clock(Number(value))}
          formatter={(value) => (typeof value === 'number' ? bytes(value) : String(value))}
        />
        <Legend />
        {forecast && (
          <ReferenceLine
            className="memory-threshold"
            y={forecast.threshold.bytes}
            stroke="var(--state-offline)"
            strokeDasharray="4 4"
            label={{
              value: `${t(`trends.memory.thresholds.${forecast.threshold.source}`)} · ${bytes(
                forecast.threshold.bytes,
              )}`,
              fill: 'var(--text)',
              // At the left, away from the newest readings and the events' labels on the right.
              position: 'insideBottomLeft',
            }}
          />
        )}
        {drawn.events.map((event, index) => (
          <ReferenceLine
            key={`${event.kind}-${event.atMs}`}
            className={`memory-event memory-event-${event.kind}`}
            x={event.atMs}
            stroke={event.kind === 'killed' ? 'var(--state-offline)' : 'var(--text-muted)'}
            strokeDasharray={event.kind === 'recycled' ? '2 2' : undefined}
            label={{
              value: `${eventSymbols[event.kind]} ${t(`trends.memory.events.${event.kind}`)}`,
              fill: 'var(--text)',
              // Alternating top and bottom, so the labels of close events do not overlap.
              position: index % 2 ? 'insideBottomLeft' : 'insideTopLeft',
            }}
          />
        ))}
        <Line
          data={drawn.memory}
          dataKey="value"
          name={container}
          stroke="#79c0ff"
          dot={drawn.memory.length < 3}
          connectNulls={false}
          isAnimationActive={false}
        />
        {forecast && (
          <Line
            className="forecast-line"
            data={forecast.points}
            dataKey="value"
            name={t('trends.memory.forecast')}
            stroke="#ffa657"
            strokeDasharray="6 3"
            dot={false}
            isAnimationActive={false}
          />
        )}
      </LineChart>
    </ResponsiveContainer>
  );
}

function ForecastSentence({ forecast }: { forecast: Forecast | null }) {
  const { t, i18n } = useTranslation();
  if (!forecast) return <p className="muted">{t('trends.memory.noForecast')}</p>;
  const language = i18n.language;
  const hours = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(
    forecast.hoursToThreshold,
  );
  return (
    <p className="forecast" data-testid="memory-forecast">
      {t(`trends.memory.forecastSentence.${forecast.rate.source}`, {
        rate: formatBytes(forecast.rate.bytesPerHour, language),
        threshold: t(`trends.memory.thresholds.${forecast.threshold.source}`),
        level: formatBytes(forecast.threshold.bytes, language),
        hours,
      })}
    </p>
  );
}

function EventList({ events, container }: { events: MemoryEvent[]; container: string }) {
  const { t, i18n } = useTranslation();
  const timeZone = useAppState((state) => state.plantTimeZone) ?? undefined;
  if (events.length === 0) return null;
  const language = i18n.language;
  return (
    <ul className="marks" aria-label={t('trends.memory.eventsOf', { container })}>
      {events.map((event) => (
        <li key={`${event.kind}-${event.atMs}`} data-kind={event.kind}>
          {eventSymbols[event.kind]}{' '}
          {t(`trends.memory.eventAt.${event.kind}`, {
            time: formatClock(new Date(event.atMs).toISOString(), language, timeZone),
          })}
          {event.fromBytes !== null && event.toBytes !== null && (
            <>
              {' '}
              ({formatBytes(event.fromBytes, language)} → {formatBytes(event.toBytes, language)})
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
