// Nodes: one node at a time (`#/nodes/vk02`), chosen from the fleet. Its host, versions beside
// the peer's, the containers table, endpoints, PostgreSQL, Redis and queues. Differences from
// the peer processing node are marked with a symbol and a word, not colour alone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeSnapshot } from '../../shared/snapshot';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import { shownSnapshot } from '../state/app-state';
import { useAppState } from '../state/react';
import { ContainersTable } from './ContainersTable';
import { NodeServices } from './NodeServices';
import { containerRows, onlyOnPeer, peerOf, sectionReason, versionRows } from './node-model';
import { formatBytes, formatLoad, formatPercent, formatUptime } from './overview-format';
import { useHash } from './use-hash-route';
import { hashForNode, nodeFromHash } from './view-table';

export function NodesView() {
  const { t } = useTranslation();
  const fleet = useAppState((state) => state.fleet);
  const snapshot = useAppState(shownSnapshot);
  const nodes = fleet?.nodes ?? [];
  const chosen = nodeFromHash(useHash()) ?? nodes[0]?.id ?? null;
  const node = chosen ? (snapshot?.nodes[chosen] ?? null) : null;
  const peer = chosen ? peerOf(nodes, chosen) : null;
  const peerNode = peer ? (snapshot?.nodes[peer] ?? null) : null;

  return (
    <ViewPage view="nodes">
      {nodes.length === 0 || !chosen ? (
        <EmptyState description={t('views.nodes.description')} />
      ) : (
        <>
          <nav aria-label={t('node.chooseNode')} className="tabs">
            {nodes.map((candidate) => (
              <a
                key={candidate.id}
                href={hashForNode(candidate.id)}
                aria-current={candidate.id === chosen ? 'page' : undefined}
              >
                {candidate.id} · {t(`nodes.roles.${candidate.role}`)}
              </a>
            ))}
          </nav>
          <h2 className="node-title">
            {t('node.heading', { node: chosen })}
            {peer && <span className="muted"> {t('node.comparedWith', { peer })}</span>}
          </h2>
          {node ? (
            <NodeDetail node={chosen} view={node} peer={peer} peerView={peerNode} />
          ) : (
            <EmptyState description={t('node.notCollected', { node: chosen })} />
          )}
        </>
      )}
    </ViewPage>
  );
}

interface DetailProps {
  node: string;
  view: NodeSnapshot;
  peer: string | null;
  peerView: NodeSnapshot | null;
}

function NodeDetail({ node, view, peer, peerView }: DetailProps) {
  const { t } = useTranslation();
  const rows = useMemo(() => containerRows(view, peerView), [view, peerView]);
  const missingHere = useMemo(() => onlyOnPeer(view, peerView), [view, peerView]);

  return (
    <>
      <HostFacts view={view} />
      <Versions view={view} peer={peer} peerView={peerView} />
      {view.containers ? (
        <ContainersTable node={node} peer={peer} rows={rows} />
      ) : (
        <section className="panel">
          <h2>{t('node.containers')}</h2>
          <p className="no-reading">{sectionReason(view, 'containers')}</p>
        </section>
      )}
      {missingHere.length > 0 && peer && (
        <p className="diff-note" role="note">
          ◇ {t('node.onlyOnPeer', { peer, names: missingHere.join(', ') })}
        </p>
      )}
      <NodeServices view={view} />
    </>
  );
}

function HostFacts({ view }: { view: NodeSnapshot }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const host = view.host;
  if (!host) {
    return (
      <section className="panel">
        <h2>{t('node.host')}</h2>
        <p className="no-reading">{sectionReason(view, 'host')}</p>
      </section>
    );
  }
  const noReading = (field: keyof typeof host.missing) => (
    <span className="no-reading" title={host.missing[field]?.detail}>
      {t('overview.noReading')}
    </span>
  );

  return (
    <section className="panel" aria-labelledby="host-heading">
      <h2 id="host-heading">{t('node.host')}</h2>
      <dl className="facts">
        <dt>{t('overview.uptime')}</dt>
        <dd>
          {host.uptimeSeconds === null
            ? noReading('uptimeSeconds')
            : formatUptime(host.uptimeSeconds, language)}
        </dd>
        <dt>{t('overview.load')}</dt>
        <dd>{host.load1 === null ? noReading('load1') : formatLoad(host.load1, language)}</dd>
        <dt>{t('node.clock')}</dt>
        <dd>
          {host.clock
            ? t(host.clock.ntpSynced ? 'node.ntpSynced' : 'node.ntpNotSynced', {
                zone: host.clock.timezone ?? '—',
              })
            : noReading('clock')}
        </dd>
        {(host.disks ?? []).map((disk) => (
          <DiskFact key={disk.mount} disk={disk} language={language} />
        ))}
      </dl>
    </section>
  );
}

function DiskFact(props: {
  disk: NonNullable<NonNullable<NodeSnapshot['host']>['disks']>[number];
  language: string;
}) {
  const { t } = useTranslation();
  const { disk, language } = props;
  return (
    <>
      <dt>{t('node.disk', { mount: disk.mount })}</dt>
      <dd>
        {disk.usedPct === null || disk.sizeBytes === null ? (
          <span className="no-reading" title={disk.missing.usedPct?.detail}>
            {t('overview.noReading')}
          </span>
        ) : (
          t('node.diskUsage', {
            percent: formatPercent(disk.usedPct, language),
            size: formatBytes(disk.sizeBytes, language),
          })
        )}
      </dd>
    </>
  );
}

function Versions(props: {
  view: NodeSnapshot;
  peer: string | null;
  peerView: NodeSnapshot | null;
}) {
  const { t } = useTranslation();
  const rows = versionRows(props.view, props.peerView);
  const unknown = t('node.unknownVersion');

  return (
    <section className="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('node.versions')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('node.software')}</th>
            <th scope="col">{t('node.here')}</th>
            {props.peer && <th scope="col">{props.peer}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} data-differs={row.differs ? 'true' : undefined}>
              <th scope="row">{t(`node.softwareNames.${row.name}`)}</th>
              <td>
                {row.here ?? unknown}
                {row.differs && <span className="diff-badge"> ≠ {t('node.differs')}</span>}
              </td>
              {props.peer && <td>{row.peer ?? unknown}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
