// GPU thermals: per node, each GPU's temperature, memory, utilization and power over the chosen
// range. A GPU idle with models loaded, and findings about thermal cycling, are marked above.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { findingText } from '../findings/finding-text';
import type { Gpu } from '../../shared/snapshot';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import { useFindings, type FindingView } from '../findings/use-findings';
import { seriesKey, type SeriesMetric } from '../state/history';
import { shownSnapshot } from '../state/app-state';
import { useAppState } from '../state/react';
import { findingMarks, type MarkKind } from '../trends/finding-marks';
import { TrendChart, type ChartSeries } from '../trends/TrendChart';
import type { TrendRange } from '../trends/trend-model';
import { TrendToolbar, useTrendSelection } from '../trends/use-trend-selection';
import { formatCelsius, formatPercent, formatWatts } from './overview-format';

type GpuMetric = 'temperatureC' | 'memoryUsedPct' | 'utilizationPct' | 'powerW';
const gpuMetrics: readonly GpuMetric[] = [
  'temperatureC',
  'memoryUsedPct',
  'utilizationPct',
  'powerW',
];

/** Symbols beside the words, so colour is never the only sign (as in the heading's tags). */
const markSymbols: Record<MarkKind, string> = { cycling: '▲', idleLoaded: '◆' };

/** Loaded models hold memory while nothing runs: worth a look, not an outage. */
export function idleWithModelsLoaded(gpu: Gpu): boolean {
  return (
    gpu.utilizationPct !== null &&
    gpu.utilizationPct < 5 &&
    gpu.memoryUsedPct !== null &&
    gpu.memoryUsedPct > 30
  );
}

export function GpusView() {
  const { t } = useTranslation();
  const selection = useTrendSelection();
  const { node, range } = selection;

  return (
    <ViewPage view="gpus">
      {!node ? (
        <EmptyState description={t('views.gpus.description')} />
      ) : (
        <>
          <TrendToolbar selection={selection} />
          <NodeGpus node={node} range={range} />
        </>
      )}
    </ViewPage>
  );
}

function NodeGpus({ node, range }: { node: string; range: TrendRange }) {
  const { t } = useTranslation();
  const { answer } = useFindings('open');
  const findings = useMemo(() => (answer.kind === 'ok' ? answer.value : []), [answer]);
  const view = useAppState((state) => shownSnapshot(state)?.nodes[node] ?? null);
  if (!view) return <p className="no-reading">{t('overview.reasons.waiting')}</p>;
  if (!view.gpus) {
    return <p className="no-reading">{view.missing.gpus?.detail ?? t('overview.noReading')}</p>;
  }
  if (view.gpus.length === 0) return <p className="muted">{t('overview.reasons.noGpus')}</p>;
  return (
    <>
      <GpuFindings node={node} findings={findings} />
      {view.gpus.map((gpu) => (
        <GpuPanel key={gpu.index} node={node} gpu={gpu} range={range} findings={findings} />
      ))}
    </>
  );
}

/** The GPU findings listed above the charts, each with the symbol its marks carry. */
const gpuClassSymbols: Record<string, string> = {
  'gpu-thermal-cycling': markSymbols.cycling,
  'gpu-idle-loaded': markSymbols.idleLoaded,
  'gpu-telemetry-lost': '✕',
};

function GpuFindings({ node, findings }: { node: string; findings: readonly FindingView[] }) {
  const { t, i18n } = useTranslation();
  const related = findings.filter(
    (finding) =>
      Object.hasOwn(gpuClassSymbols, finding.findingClass) && finding.nodes.includes(node),
  );
  if (related.length === 0) return null;
  return (
    <ul className="marks" aria-label={t('gpus.findings')}>
      {related.map((finding) => (
        <li key={finding.id} data-severity={finding.severity}>
          {gpuClassSymbols[finding.findingClass]}{' '}
          <FindingTitle finding={finding} language={i18n.language} />
        </li>
      ))}
    </ul>
  );
}

interface GpuPanelProps {
  node: string;
  gpu: Gpu;
  range: TrendRange;
  findings: readonly FindingView[];
}

function GpuPanel({ node, gpu, range, findings }: GpuPanelProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const formats: Record<GpuMetric, (value: number) => string> = {
    temperatureC: (value) => formatCelsius(value, language),
    memoryUsedPct: (value) => formatPercent(value, language),
    utilizationPct: (value) => formatPercent(value, language),
    powerW: (value) => formatWatts(value, language),
  };
  const series = useMemo(
    () =>
      Object.fromEntries(
        gpuMetrics.map((metric): [GpuMetric, ChartSeries[]] => [
          metric,
          [
            {
              archiveKey: `${node}|gpu:${gpu.index}|${metric}`,
              historyKey: seriesKey(node, `gpu.${metric}` as SeriesMetric, String(gpu.index)),
              label: t(`gpus.metrics.${metric}`),
            },
          ],
        ]),
      ) as Record<GpuMetric, ChartSeries[]>,
    [node, gpu.index, t],
  );

  return (
    <section className="panel" aria-labelledby={`gpu-${node}-${gpu.index}`}>
      <h2 id={`gpu-${node}-${gpu.index}`}>
        {t('gpus.heading', { index: gpu.index, name: gpu.name })}
        {gpu.telemetry.state === 'unavailable' && (
          <span className="tag-warning" title={gpu.telemetry.reason}>
            {' '}
            ✕ {t('gpus.telemetryLost')}
          </span>
        )}
        {idleWithModelsLoaded(gpu) && <span className="tag-note"> ◆ {t('gpus.idleLoaded')}</span>}
      </h2>
      <div className="trend-grid">
        {gpuMetrics.map((metric) => (
          <TrendChart
            key={metric}
            title={t(`gpus.metrics.${metric}`)}
            series={series[metric]}
            range={range}
            format={formats[metric]}
            marks={findingMarks(findings, series[metric][0]!.archiveKey).map((mark) => ({
              ...mark,
              label: `${markSymbols[mark.kind]} ${t(`trends.marks.${mark.kind}`)}`,
            }))}
          />
        ))}
      </div>
    </section>
  );
}

/** A finding's title in the page's language, marked `lang="en"` where it stays English. */
function FindingTitle({ finding, language }: { finding: FindingView; language: string }) {
  const title = findingText(finding, language).title;
  return <span lang={title.lang ?? undefined}>{title.text}</span>;
}
