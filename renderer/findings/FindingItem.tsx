// One finding of the report: severity (word and symbol), title, detail, numbers, evidence,
// lifecycle, its suggested actions (buttons that open the action flow, for a role that may run
// them) and the acknowledge / silence controls. Refusals from the core are shown in place.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../state/react';
import { tryCall } from '../api/optional-call';
import { hashForView } from '../views/view-table';
import { SuggestedActions } from '../actions/SuggestedActions';
import { evidenceTarget } from './findings-model';
import { FindingTitleAndDetail } from './FindingText';
import type { FindingView } from './use-findings';

const severityKeys = { WARNING: 'warning', INFO: 'info', SUGGESTION: 'suggestion' } as const;
const severitySymbols = { WARNING: '▲', INFO: '●', SUGGESTION: '◆' } as const;
const OPERATOR_KEY = 'controlRoom.operator';
const silenceHours = [1, 8, 24] as const;

export function FindingItem(props: { finding: FindingView; onChanged(): void }) {
  const { t } = useTranslation();
  const { finding } = props;

  return (
    <li
      className="finding"
      data-key={finding.key}
      data-severity={finding.severity}
      data-state={finding.state}
    >
      <p className="finding__title">
        <span aria-hidden="true">{severitySymbols[finding.severity]} </span>
        <strong>[{t(`findings.severities.${severityKeys[finding.severity]}`)}]</strong>{' '}
        <FindingTitleAndDetail finding={finding} />
      </p>
      <p className="muted">
        {t(`findings.lifecycle.${finding.state}`)}
        {finding.acknowledged && ` · ${t('findings.acknowledgedBy', finding.acknowledged)}`}
        {finding.suppressed && ` · ${t(`findings.suppressed.${finding.suppressed}`)}`}
      </p>
      <Evidence finding={finding} />
      <SuggestedActions finding={finding} />
      {finding.state !== 'resolved' && <Controls finding={finding} onChanged={props.onChanged} />}
    </li>
  );
}

function Evidence({ finding }: { finding: FindingView }) {
  const { t } = useTranslation();
  const { series, logLines } = finding.evidence;
  if (series.length === 0 && logLines.length === 0) return null;
  return (
    <details className="evidence">
      <summary>{t('findings.evidence')}</summary>
      {series.length > 0 && (
        <ul>
          {series.map((item) => (
            <li key={item.key}>
              <a href={hashForView(evidenceTarget(item.key))}>
                <code>{item.key}</code>
              </a>
            </li>
          ))}
        </ul>
      )}
      {logLines.length > 0 && (
        <pre className="log-lines">
          {logLines
            .map((line) => `${line.node}/${line.container} ${line.at ?? ''} ${line.text}`)
            .join('\n')}
        </pre>
      )}
    </details>
  );
}

function Controls({ finding, onChanged }: { finding: FindingView; onChanged(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [by, setBy] = useState(() => window.localStorage.getItem(OPERATOR_KEY) ?? '');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const acknowledge = async () => {
    window.localStorage.setItem(OPERATOR_KEY, by);
    const answer = await tryCall(api, 'findings.acknowledge', { id: finding.id, by, note });
    report(answer);
  };
  const silence = async (hours: number) => {
    const until = new Date(Date.parse(finding.lastSeen) + hours * 3_600_000).toISOString();
    report(await tryCall(api, 'findings.silence', { id: finding.id, until }));
  };
  const report = (answer: Awaited<ReturnType<typeof tryCall<'findings.silence'>>>) => {
    if (answer.kind === 'ok' && answer.value.ok) {
      setProblem(null);
      onChanged();
    } else if (answer.kind === 'ok' && !answer.value.ok) setProblem(answer.value.reason);
    else if (answer.kind !== 'loading' && answer.kind !== 'ok') setProblem(answer.message);
  };

  return (
    <div className="finding__controls">
      {!finding.acknowledged && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void acknowledge();
          }}
        >
          <label>
            {t('findings.by')}{' '}
            <input value={by} required onChange={(event) => setBy(event.target.value)} />
          </label>{' '}
          <label>
            {t('findings.note')}{' '}
            <input value={note} onChange={(event) => setNote(event.target.value)} />
          </label>{' '}
          <button type="submit" className="button">
            {t('findings.acknowledge')}
          </button>
        </form>
      )}
      <div role="group" aria-label={t('findings.silence')}>
        {t('findings.silence')}:{' '}
        {silenceHours.map((hours) => (
          <button key={hours} type="button" className="button" onClick={() => void silence(hours)}>
            {t('findings.silenceFor', { hours })}
          </button>
        ))}
      </div>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
    </div>
  );
}
