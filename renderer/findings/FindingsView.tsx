// Findings: the live report grouped by cycle like the reference report, filtered by severity,
// node and state; each finding with its numbers, evidence (series that jump to their chart, log
// lines), acknowledge and silence, and its suggested actions as buttons.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import { useAppState } from '../state/react';
import { formatPlantTime } from '../views/overview-format';
import { FindingItem } from './FindingItem';
import { filterFindings, groupIntoCycles, type FindingsFilter } from './findings-model';
import { severities, useFindings, type Severity } from './use-findings';

const severityKeys = { WARNING: 'warning', INFO: 'info', SUGGESTION: 'suggestion' } as const;

export function FindingsView() {
  const { t, i18n } = useTranslation();
  const fleet = useAppState((state) => state.fleet);
  const timeZone = useAppState((state) => state.plantTimeZone) ?? undefined;
  const { answer, refresh } = useFindings('all');
  const [filter, setFilter] = useState<FindingsFilter>({
    severities: new Set(severities),
    node: '',
    state: 'open',
  });
  const cycles = useMemo(
    () => (answer.kind === 'ok' ? groupIntoCycles(filterFindings(answer.value, filter)) : []),
    [answer, filter],
  );
  if (!fleet || fleet.source === 'empty') {
    return (
      <ViewPage view="findings">
        <EmptyState description={t('views.findings.description')} />
      </ViewPage>
    );
  }

  return (
    <ViewPage view="findings">
      <Filters filter={filter} nodes={fleet.nodes.map((node) => node.id)} onChange={setFilter} />
      {answer.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {(answer.kind === 'failed' || answer.kind === 'unavailable') && (
        <p className="no-reading">{t('findings.unavailable', { message: answer.message })}</p>
      )}
      {answer.kind === 'ok' && cycles.length === 0 && (
        <p className="muted" role="status">
          {answer.value.length === 0 ? t('findings.none') : t('findings.noneMatch')}
        </p>
      )}
      {cycles.map((cycle) => (
        <section key={cycle.at} className="cycle" aria-labelledby={`cycle-${cycle.at}`}>
          <h2 id={`cycle-${cycle.at}`} data-severity={cycle.severity}>
            {formatPlantTime(cycle.at, i18n.language, timeZone)} —{' '}
            {t(`findings.severities.${severityKeys[cycle.severity]}`)}
          </h2>
          <ol>
            {cycle.findings.map((finding) => (
              <FindingItem key={finding.id} finding={finding} onChanged={refresh} />
            ))}
          </ol>
        </section>
      ))}
    </ViewPage>
  );
}

function Filters(props: {
  filter: FindingsFilter;
  nodes: string[];
  onChange(filter: FindingsFilter): void;
}) {
  const { t } = useTranslation();
  const { filter, onChange } = props;
  const toggle = (severity: Severity) => {
    const next = new Set(filter.severities);
    if (next.has(severity)) next.delete(severity);
    else next.add(severity);
    onChange({ ...filter, severities: next });
  };

  return (
    <fieldset className="filters panel">
      <legend>{t('findings.filters')}</legend>
      {severities.map((severity) => (
        <label key={severity} className="choice">
          <input
            type="checkbox"
            checked={filter.severities.has(severity)}
            onChange={() => toggle(severity)}
          />
          {t(`findings.severities.${severityKeys[severity]}`)}
        </label>
      ))}
      <label>
        {t('findings.node')}{' '}
        <select
          aria-label={t('findings.node')}
          value={filter.node}
          onChange={(event) => onChange({ ...filter, node: event.target.value })}
        >
          <option value="">{t('findings.allNodes')}</option>
          {props.nodes.map((node) => (
            <option key={node} value={node}>
              {node}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('findings.state')}{' '}
        <select
          aria-label={t('findings.state')}
          value={filter.state}
          onChange={(event) =>
            onChange({ ...filter, state: event.target.value as FindingsFilter['state'] })
          }
        >
          <option value="open">{t('findings.states.open')}</option>
          <option value="resolved">{t('findings.states.resolved')}</option>
          <option value="all">{t('findings.states.all')}</option>
        </select>
      </label>
    </fieldset>
  );
}
