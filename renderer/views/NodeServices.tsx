// The services of one node: HTTP endpoints, PostgreSQL (server, databases, log errors), Redis
// (databases and watched keys) and RabbitMQ queues. A section that could not be read says why.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeSnapshot } from '../../shared/snapshot';
import { sectionReason } from './node-model';
import { formatBytes, formatCount } from './overview-format';

export function NodeServices({ view }: { view: NodeSnapshot }) {
  return (
    <>
      <Endpoints view={view} />
      <Postgres view={view} />
      <Redis view={view} />
      <Queues view={view} />
    </>
  );
}

function Section(props: {
  id: string;
  title: string;
  reason?: string | null;
  children?: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.reason ? <p className="no-reading">{props.reason}</p> : props.children}
    </section>
  );
}

function Endpoints({ view }: { view: NodeSnapshot }) {
  const { t, i18n } = useTranslation();
  return (
    <Section id="endpoints-heading" title={t('node.endpoints')}>
      {view.endpoints.length === 0 ? (
        <p className="muted">{t('node.noEndpoints')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('node.endpointName')}</th>
              <th scope="col">{t('node.endpointUrl')}</th>
              <th scope="col">{t('node.endpointStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {view.endpoints.map((endpoint) => (
              <tr key={endpoint.name} data-ok={endpoint.status > 0 && endpoint.status < 400}>
                <th scope="row">{endpoint.name}</th>
                <td>
                  <code>{endpoint.url}</code>
                </td>
                <td>
                  {endpoint.status === 0 ? (
                    <span className="state-word" data-state="down" title={endpoint.error?.message}>
                      ✕ {t('node.noAnswer', { message: endpoint.error?.message ?? '' })}
                    </span>
                  ) : (
                    t('node.httpStatus', {
                      status: endpoint.status,
                      latency: formatCount(Math.round(endpoint.latencyMs ?? 0), i18n.language),
                    })
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function Postgres({ view }: { view: NodeSnapshot }) {
  const { t, i18n } = useTranslation();
  const server = view.postgresServer;
  const reason = !server && !view.postgres ? sectionReason(view, 'postgresServer') : null;
  return (
    <Section id="postgres-heading" title={t('node.postgres')} reason={reason}>
      {server && (
        <p>
          {t('node.postgresServer', {
            version: server.version ?? t('node.unknownVersion'),
            connections: server.connections ?? '—',
            maxConnections: server.maxConnections ?? '—',
          })}
        </p>
      )}
      {view.postgres && (
        <ul>
          {view.postgres.map((database) => (
            <li key={database.name}>
              <code>{database.name}</code>{' '}
              {database.sizeBytes === null
                ? t('overview.noReading')
                : formatBytes(database.sizeBytes, i18n.language)}
            </li>
          ))}
        </ul>
      )}
      {server?.logErrors && server.logErrors.length > 0 && (
        <>
          <h3>{t('node.postgresErrors')}</h3>
          <ul>
            {server.logErrors.map((error) => (
              <li key={`${error.severity}-${error.message}`}>
                <strong>{error.severity}</strong> {error.message} ×{error.count}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function Redis({ view }: { view: NodeSnapshot }) {
  const { t, i18n } = useTranslation();
  const redis = view.redis;
  return (
    <Section
      id="redis-heading"
      title={t('node.redis')}
      reason={redis ? null : sectionReason(view, 'redis')}
    >
      {redis && (
        <>
          <p>
            {t('node.redisServer', {
              version: redis.version ?? t('node.unknownVersion'),
              memory:
                redis.usedMemoryBytes === null
                  ? t('overview.noReading')
                  : formatBytes(redis.usedMemoryBytes, i18n.language),
            })}
          </p>
          <ul className="inline-list">
            {redis.databases.map((database) => (
              <li key={database.db}>
                {t('node.redisDatabase', { db: database.db, keys: database.keys })}
              </li>
            ))}
          </ul>
          <h3>{t('node.watchedKeys')}</h3>
          <ul>
            {redis.watched.map((key) => (
              <li key={`${key.db}-${key.key}`}>
                <code>
                  DB{key.db} {key.key}
                </code>
                {key.exists ? '' : ` — ${t('node.keyAbsent')}`}
                {key.fields.map((field) => (
                  <span key={field.field}>
                    {' '}
                    <code>{field.field}</code> ={' '}
                    {field.value ?? (
                      <span className="no-reading" title={field.missing.value?.detail}>
                        {t('overview.noReading')}
                      </span>
                    )}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function Queues({ view }: { view: NodeSnapshot }) {
  const { t } = useTranslation();
  const queues = view.queues;
  return (
    <Section
      id="queues-heading"
      title={t('node.queues')}
      reason={queues ? null : sectionReason(view, 'queues')}
    >
      {queues && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('node.queueName')}</th>
              <th scope="col">{t('node.queueMessages')}</th>
              <th scope="col">{t('node.queueConsumers')}</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((queue) => (
              <tr key={`${queue.vhost}-${queue.name}`}>
                <th scope="row">{queue.name}</th>
                <td>{queue.messages ?? t('overview.noReading')}</td>
                <td>
                  {queue.consumers ?? t('overview.noReading')}
                  {queue.consumers === 0 && (
                    <strong className="tag-warning"> {t('node.noConsumer')}</strong>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
