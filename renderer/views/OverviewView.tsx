// Overview: the fleet verdict when there is one, the plant's time, and one card per node with
// its channels and the few numbers that say whether it is well. Data shaping is in
// overview-model.ts, number formatting in overview-format.ts.
import { Fragment, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FleetHealthView } from '../../shared/api/contract';
import type { Snapshot } from '../../shared/snapshot';
import { EmptyState } from '../components/EmptyState';
import { ReadingText } from '../components/ReadingText';
import { isStale } from '../components/staleness';
import { useNow } from '../components/use-now';
import { ViewPage } from '../components/ViewPage';
import {
  countBySeverity,
  severities,
  useFindings,
  type FindingView,
} from '../findings/use-findings';
import { shownHealth, shownSnapshot } from '../state/app-state';
import { useAppState } from '../state/react';
import { hashForNode } from './view-table';
import {
  formatAgo,
  formatCelsius,
  formatCount,
  formatLoad,
  formatPercent,
  formatPlantTime,
  formatUptime,
} from './overview-format';
import {
  everyNodeUnreachable,
  nodeCards,
  type ChannelStatus,
  type ChannelView,
  type ContainerCounts,
  type DiskReading,
  type GpuReadings,
  type NodeCard,
  type Reading,
} from './overview-model';

export function OverviewView() {
  const { t } = useTranslation();
  const fleet = useAppState((state) => state.fleet);
  const snapshot = useAppState(shownSnapshot);
  const health = useAppState(shownHealth);
  const cards = useMemo(() => nodeCards(fleet, snapshot, health), [fleet, snapshot, health]);
  const { answer: findings } = useFindings('open');
  const stale = useStaleness();
  const verdict = health?.verdict ?? null;

  return (
    <ViewPage view="overview">
      {cards.length === 0 ? (
        <EmptyState description={t('views.overview.description')} />
      ) : (
        <>
          <VerdictAlert verdict={verdict} />
          {!verdict && everyNodeUnreachable(cards) && (
            <div role="alert" className="verdict" data-kind="all-unreachable">
              {t('overview.verdicts.all-unreachable')}
            </div>
          )}
          <PlantTime snapshot={snapshot} />
          {stale && <StaleNotice />}
          <ul className="node-cards" aria-label={t('overview.nodesLabel')}>
            {cards.map((card) => (
              <li key={card.id}>
                <NodeCardView
                  card={card}
                  stale={stale}
                  takenAt={snapshot?.takenAt ?? null}
                  findings={findings.kind === 'ok' ? findings.value : null}
                  findingsProblem={findings.kind === 'ok' ? null : findingsReason(findings, t)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </ViewPage>
  );
}

function useStaleness(): boolean {
  const connection = useAppState((state) => state.connection);
  const receivedAtMs = useAppState((state) => state.snapshotReceivedAtMs);
  return isStale(connection, receivedAtMs, useNow(2000));
}

/** Says how old the numbers are, so nobody reads a frozen screen as a quiet plant. */
function StaleNotice() {
  const { t, i18n } = useTranslation();
  const receivedAtMs = useAppState((state) => state.snapshotReceivedAtMs);
  const now = useNow(2000);
  const age = formatAgo((now - (receivedAtMs ?? now)) / 1000, i18n.language);
  return (
    <p className="stale-notice" role="status">
      <span aria-hidden="true">⏸ </span>
      {t('overview.staleNotice', { age })}
    </p>
  );
}

function findingsReason(answer: { kind: string; message?: string }, t: TFunction): string {
  if (answer.kind === 'loading') return t('overview.reasons.findingsLoading');
  return t('overview.reasons.findingsUnavailable', { message: answer.message ?? '' });
}

/** Mounted only while there is a verdict, so screen readers announce it when it appears. */
function VerdictAlert({ verdict }: { verdict: FleetHealthView['verdict'] }) {
  const { t } = useTranslation();
  if (!verdict) return null;

  return (
    <div role="alert" className="verdict" data-kind={verdict.kind}>
      {t(`overview.verdicts.${verdict.kind}`)}
    </div>
  );
}

/** The snapshot's time in the plant's zone (the viewer's until one is known). */
function PlantTime({ snapshot }: { snapshot: Snapshot | null }) {
  const { t, i18n } = useTranslation();
  const timeZone = useAppState((state) => state.plantTimeZone) ?? undefined;
  if (!snapshot) return <p className="plant-time muted">{t('overview.waitingForSnapshot')}</p>;

  const moment = formatPlantTime(snapshot.takenAt, i18n.language, timeZone);
  return (
    <p className="plant-time">
      <Trans
        i18nKey="overview.plantTime"
        values={{ moment }}
        components={{ time: <time dateTime={snapshot.takenAt} /> }}
      />
    </p>
  );
}

interface NodeCardProps {
  card: NodeCard;
  stale: boolean;
  takenAt: string | null;
  findings: FindingView[] | null;
  findingsProblem: string | null;
}

function NodeCardView({ card, stale, takenAt, findings, findingsProblem }: NodeCardProps) {
  const { t } = useTranslation();
  const headingId = `node-${card.id}-heading`;
  const heading = card.role
    ? t('overview.cardHeading', { node: card.id, role: t(`nodes.roles.${card.role}`) })
    : card.id;

  return (
    <section
      className="node-card"
      aria-labelledby={headingId}
      data-stale={stale ? 'true' : undefined}
    >
      <h2 id={headingId}>
        <a href={hashForNode(card.id)}>{heading}</a>
        {stale && <span className="stale-tag">{t('overview.stale')}</span>}
      </h2>
      {card.host && (
        <p className="node-card__host muted">{t('overview.host', { host: card.host })}</p>
      )}
      <ChannelList node={card.id} channels={card.channels} takenAt={takenAt} />
      <NodeReadings card={card} />
      <FindingCounts node={card.id} findings={findings} problem={findingsProblem} />
    </section>
  );
}

const severityKeys = { WARNING: 'warning', INFO: 'info', SUGGESTION: 'suggestion' } as const;

function FindingCounts(props: {
  node: string;
  findings: FindingView[] | null;
  problem: string | null;
}) {
  const { t, i18n } = useTranslation();
  if (!props.findings) {
    return (
      <p className="node-card__findings">
        {t('overview.findings')}:{' '}
        <span className="no-reading" title={props.problem ?? undefined}>
          {t('overview.noReading')}
        </span>
      </p>
    );
  }
  const counts = countBySeverity(props.findings, props.node);
  return (
    <ul className="finding-counts" aria-label={t('overview.findingsOf', { node: props.node })}>
      {severities.map((severity) => (
        <li
          key={severity}
          className="severity"
          data-severity={severity}
          data-zero={counts[severity] === 0 ? 'true' : undefined}
        >
          <span aria-hidden="true">{severitySymbols[severity]} </span>
          {t(`findings.severityCount.${severityKeys[severity]}`, {
            formatted: formatCount(counts[severity], i18n.language),
          })}
        </li>
      ))}
    </ul>
  );
}

export const severitySymbols = { WARNING: '▲', INFO: '●', SUGGESTION: '◆' } as const;

const channelStateKeys = {
  up: 'up',
  degraded: 'degraded',
  down: 'down',
  unknown: 'unknown',
  'not-configured': 'notConfigured',
} as const satisfies Record<ChannelStatus, string>;

/** A shape beside each state's word, so the state never rests on colour alone. */
const channelSymbols: Record<ChannelStatus, string> = {
  up: '✓',
  degraded: '!',
  down: '✕',
  unknown: '?',
  'not-configured': '–',
};

function ChannelList(props: { node: string; channels: ChannelView[]; takenAt: string | null }) {
  const { t } = useTranslation();

  return (
    <ul className="channels" aria-label={t('overview.channelsLabel', { node: props.node })}>
      {props.channels.map((channel) => (
        <li
          key={channel.name}
          className="pill"
          data-state={channel.status}
          title={channel.detail ?? undefined}
        >
          <span className="pill__symbol" aria-hidden="true">
            {channelSymbols[channel.status]}
          </span>
          <span className="pill__name">{t(`overview.channels.${channel.name}`)}</span>{' '}
          <span className="pill__state">
            {t(`overview.channelStates.${channelStateKeys[channel.status]}`)}
          </span>
          <LastSuccess channel={channel} takenAt={props.takenAt} />
          <ChannelReason channel={channel} />
        </li>
      ))}
    </ul>
  );
}

/** For a channel not up: how long since it last answered, in plant time. */
function LastSuccess({ channel, takenAt }: { channel: ChannelView; takenAt: string | null }) {
  const { t, i18n } = useTranslation();
  if (channel.status !== 'down' && channel.status !== 'degraded') return null;
  if (!takenAt) return null;
  const text = channel.lastSuccessAt
    ? t('overview.lastSuccess', {
        age: formatAgo(
          (Date.parse(takenAt) - Date.parse(channel.lastSuccessAt)) / 1000,
          i18n.language,
        ),
      })
    : t('overview.neverSucceeded');
  return <span className="pill__age"> · {text}</span>;
}

/**
 * For a channel not up: why, as the collector last saw it (`connect ECONNREFUSED …`), on the card
 * itself so it reads from across the room, on a line of its own inside the pill.
 */
function ChannelReason({ channel }: { channel: ChannelView }) {
  if (channel.status !== 'down' && channel.status !== 'degraded') return null;
  if (!channel.detail) return null;
  return (
    <span className="pill__reason">
      <span className="visually-hidden"> · </span>
      {channel.detail}
    </span>
  );
}

function NodeReadings({ card }: { card: NodeCard }) {
  const { t, i18n } = useTranslation();

  return (
    <dl className="facts node-card__readings">
      {readingRows(card, i18n.language, t).map(({ term, reading }) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd>
            <ReadingText reading={reading} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The card's numbers in display order, each already written for the language. */
function readingRows(card: NodeCard, language: string, t: TFunction) {
  const containers = (counts: ContainerCounts) =>
    t('overview.containerCounts', {
      running: formatCount(counts.running, language),
      restarting: formatCount(counts.restarting, language),
      exited: formatCount(counts.exited, language),
      total: formatCount(counts.total, language),
    });
  const disk = ({ mount, usedPct }: DiskReading) =>
    t('overview.diskUsed', { mount, percent: formatPercent(usedPct, language) });

  return [
    { term: t('overview.uptime'), reading: mapReading(card.uptimeSeconds, formatUptime, language) },
    { term: t('overview.load'), reading: mapReading(card.load1, formatLoad, language) },
    {
      term: t('overview.memoryUsed'),
      reading: mapReading(card.memoryUsedPct, formatPercent, language),
    },
    { term: t('overview.fullestDisk'), reading: mapReading(card.fullestDisk, disk, language) },
    { term: t('overview.containers'), reading: mapReading(card.containers, containers, language) },
    { term: t('overview.gpus'), reading: mapReading(card.gpuCount, formatCount, language) },
    {
      term: t('overview.gpuTemperatureMax'),
      reading: mapReading(card.maxGpuTemperatureC, formatCelsius, language),
    },
    ...card.gpus.map((gpu) => ({
      term: t('overview.gpu', { index: gpu.index }),
      reading: gpuSummary(gpu, language, t),
    })),
  ];
}

/** `23 °C · memory 67% · busy 0%`, each part "no reading" on its own when missing. */
function gpuSummary(gpu: GpuReadings, language: string, t: TFunction): Reading<string> {
  const part = (reading: Reading<number>, format: (value: number) => string) =>
    'reason' in reading ? t('overview.noReading') : format(reading.value);
  const percent = (value: number) => formatPercent(value, language);
  return {
    value: [
      part(gpu.temperatureC, (value) => formatCelsius(value, language)),
      t('overview.gpuMemory', { percent: part(gpu.memoryUsedPct, percent) }),
      t('overview.gpuUtilization', { percent: part(gpu.utilizationPct, percent) }),
    ].join(' · '),
  };
}

function mapReading<T>(
  reading: Reading<T>,
  format: (value: T, language: string) => string,
  language: string,
): Reading<string> {
  return 'reason' in reading ? reading : { value: format(reading.value, language) };
}
