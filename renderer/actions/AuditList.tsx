// The audit trail (issue #8): every action run of the last 30 days, newest first, with who, the
// role, the target, how it ended and the post-check. Asked again whenever a run finishes.
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../shared/api/requests-actions';
import { useAnswer } from '../api/use-answer';
import { useApi } from '../state/react';
import { checkSymbols, newestFirst, statusKeys, statusSymbols } from './flow-model';

export function AuditList() {
  const { t } = useTranslation();
  const api = useApi();
  const { answer, refresh } = useAnswer('actions.audit', {}, 'audit');
  useEffect(() => api?.on('action.finished', refresh), [api, refresh]);
  const headingId = useId();

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('actionFlow.auditHeading')}</h2>
      {answer.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {(answer.kind === 'failed' || answer.kind === 'unavailable') && (
        <p className="no-reading">
          {t('actionFlow.auditUnavailable', { message: answer.message })}
        </p>
      )}
      {answer.kind === 'ok' && answer.value.length === 0 && (
        <p className="muted">{t('actionFlow.auditEmpty')}</p>
      )}
      {answer.kind === 'ok' && answer.value.length > 0 && (
        <AuditTable records={newestFirst(answer.value)} labelId={headingId} />
      )}
    </section>
  );
}

function AuditTable({ records, labelId }: { records: AuditRecord[]; labelId: string }) {
  const { t } = useTranslation();
  return (
    <table aria-labelledby={labelId}>
      <thead>
        <tr>
          <th scope="col">{t('actionFlow.auditColumns.when')}</th>
          <th scope="col">{t('actionFlow.auditColumns.who')}</th>
          <th scope="col">{t('actionFlow.auditColumns.action')}</th>
          <th scope="col">{t('actionFlow.auditColumns.target')}</th>
          <th scope="col">{t('actionFlow.auditColumns.result')}</th>
          <th scope="col">{t('actionFlow.auditColumns.postCheck')}</th>
          <th scope="col">{t('actionFlow.auditColumns.finding')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.id} data-audit-id={record.id} data-status={record.status}>
            <td>
              <time dateTime={record.at}>{new Date(record.at).toLocaleString()}</time>
            </td>
            <td>
              {record.actor} ({t(`actions.roles.${record.role}`)})
            </td>
            <td>
              <code>{record.actionId}</code>
            </td>
            <td>{[record.target.node, record.target.container].filter(Boolean).join(' / ')}</td>
            <td>
              <span aria-hidden="true">{statusSymbols[record.status]} </span>
              {t(`actionFlow.statuses.${statusKeys[record.status]}`)}
              {record.exitCode !== null &&
                ` (${t('actionFlow.exitCode', { code: record.exitCode })})`}
            </td>
            <td title={record.postCheck.detail}>
              <span aria-hidden="true">{checkSymbols[record.postCheck.state]} </span>
              {t(`actionFlow.checkStates.${record.postCheck.state}`)}
            </td>
            <td>{record.findingId ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
