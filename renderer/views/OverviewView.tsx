// Overview: the fleet verdict when there is one, the plant's time, and one card per node with
// its channels and the few numbers that say whether it is well. Data shaping is in
// overview-model.ts, number formatting in overview-format.ts.
import { Fragment, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FleetHealthView } from '../../shared/api/contract';
import type { Snapshot } from '../../shared/snapshot';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import { useAppState } from '../state/react';
import {
  formatCelsius,
  formatCount,
  formatLoad,
  formatPercent,
  formatPlantTime,
  formatUptime,
} from './overview-format';
import {
  nodeCards,
  type ChannelStatus,
  type ChannelView,
  type ContainerCounts,
  type MissingReason,
  type NodeCard,
  type Reading,
} from './overview-model';

export function OverviewView() {
  const { t } = useTranslation();
  const fleet = useAppState((state) => state.fleet);
  const snapshot = useAppState((state) => state.snapshot);
  const health = useAppState((state) => state.health);
  const cards = useMemo(() => nodeCards(fleet, snapshot, health), [fleet, snapshot, health]);

  return (
    <ViewPage view="overview">
      {cards.length === 0 ? (
        <EmptyState description={t('views.overview.description')} />
      ) : (
        <>
          <VerdictAlert verdict={health?.verdict ?? null} />
          <PlantTime snapshot={snapshot} />
          <ul className="node-cards" aria-label={t('overview.nodesLabel')}>
            {cards.map((card) => (
              <li key={card.id}>
                <NodeCardView card={card} />
              </li>
            ))}
          </ul>
        </>
      )}
    </ViewPage>
  );
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

function NodeCardView({ card }: { card: NodeCard }) {
  const { t } = useTranslation();
  const headingId = `node-${card.id}-heading`;
  const heading = card.role
    ? t('overview.cardHeading', { node: card.id, role: t(`nodes.roles.${card.role}`) })
    : card.id;

  return (
    <section className="node-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {card.host && (
        <p className="node-card__host muted">{t('overview.host', { host: card.host })}</p>
      )}
      <ChannelList node={card.id} channels={card.channels} />
      <NodeReadings card={card} />
    </section>
  );
}

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

function ChannelList({ node, channels }: { node: string; channels: ChannelView[] }) {
  const { t } = useTranslation();

  return (
    <ul className="channels" aria-label={t('overview.channelsLabel', { node })}>
      {channels.map(({ name, status, detail }) => (
        <li key={name} className="pill" data-state={status} title={detail ?? undefined}>
          <span className="pill__symbol" aria-hidden="true">
            {channelSymbols[status]}
          </span>
          <span className="pill__name">{t(`overview.channels.${name}`)}</span>{' '}
          <span className="pill__state">
            {t(`overview.channelStates.${channelStateKeys[status]}`)}
          </span>
        </li>
      ))}
    </ul>
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
  const containers = ({ running, total }: ContainerCounts) =>
    t('overview.containersRunning', {
      running: formatCount(running, language),
      total: formatCount(total, language),
    });

  return [
    { term: t('overview.uptime'), reading: mapReading(card.uptimeSeconds, formatUptime, language) },
    { term: t('overview.load'), reading: mapReading(card.load1, formatLoad, language) },
    {
      term: t('overview.memoryUsed'),
      reading: mapReading(card.memoryUsedPct, formatPercent, language),
    },
    { term: t('overview.containers'), reading: mapReading(card.containers, containers, language) },
    { term: t('overview.gpus'), reading: mapReading(card.gpuCount, formatCount, language) },
    {
      term: t('overview.gpuTemperatureMax'),
      reading: mapReading(card.maxGpuTemperatureC, formatCelsius, language),
    },
  ];
}

function mapReading<T>(
  reading: Reading<T>,
  format: (value: T, language: string) => string,
  language: string,
): Reading<string> {
  return 'reason' in reading ? reading : { value: format(reading.value, language) };
}

/** A value, or "no reading" with the reason on hover: a missing value is never shown as 0. */
function ReadingText({ reading }: { reading: Reading<string> }) {
  const { t } = useTranslation();
  if (!('reason' in reading)) return <>{reading.value}</>;

  return (
    <span className="no-reading" title={reasonText(reading.reason, t)}>
      {t('overview.noReading')}
    </span>
  );
}

function reasonText(reason: MissingReason, t: TFunction): string {
  if (reason.kind === 'waiting') return t('overview.reasons.waiting');
  if (reason.kind === 'no-gpus') return t('overview.reasons.noGpus');
  return reason.detail;
}
