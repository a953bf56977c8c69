// Logs: per container, the lines this page has seen (newest last), filtered by level; the
// repeated patterns with counts and rates; lines dated in the future flagged with a word.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logLevels, type LogLevel, type Snapshot } from '../../shared/snapshot';
import { EmptyState } from '../components/EmptyState';
import { ViewPage } from '../components/ViewPage';
import { shownSnapshot } from '../state/app-state';
import { useAppState } from '../state/react';
import {
  isFutureDated,
  linesOfLevels,
  logKey,
  repeatedPatterns,
  type KeptLine,
  type KeptLogs,
} from './logs-model';

/** Lines drawn at once: the rest are counted, so a chatty container cannot stall the page. */
const SHOWN_LINES = 200;

export function LogsView() {
  const { t } = useTranslation();
  const logs = useAppState((state) => state.logs);
  const snapshot = useAppState(shownSnapshot);
  const keys = useMemo(() => containerKeys(snapshot, logs), [snapshot, logs]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [levels, setLevels] = useState<ReadonlySet<LogLevel>>(new Set(logLevels));
  const key = chosen && keys.includes(chosen) ? chosen : (keys[0] ?? null);

  if (!key) {
    return (
      <ViewPage view="logs">
        <EmptyState description={t('views.logs.description')} />
        <NoContainers snapshot={snapshot} />
      </ViewPage>
    );
  }
  const kept = logs[key]?.lines ?? [];

  return (
    <ViewPage view="logs">
      <div className="toolbar">
        <label>
          {t('logs.container')}{' '}
          <select
            aria-label={t('logs.container')}
            value={key}
            onChange={(event) => setChosen(event.target.value)}
          >
            {keys.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t('logs.containerOption', { key: candidate, lines: logs[candidate]?.total ?? 0 })}
              </option>
            ))}
          </select>
        </label>
        <LevelFilter levels={levels} onChange={setLevels} />
      </div>
      <Patterns lines={kept} />
      <Lines lines={linesOfLevels(kept, levels)} />
    </ViewPage>
  );
}

/** Why no container is listed: each node's reason for having none (SSH down, for one). */
function NoContainers({ snapshot }: { snapshot: Snapshot | null }) {
  const { t } = useTranslation();
  if (!snapshot) return null;
  return (
    <ul aria-label={t('logs.whyNoContainers')}>
      {Object.entries(snapshot.nodes).map(([node, view]) => (
        <li key={node}>
          {t('logs.noContainers', {
            node,
            reason: view.missing.containers?.detail ?? t('logs.noneRunning'),
          })}
        </li>
      ))}
    </ul>
  );
}

/** Every container of the snapshot and every one with kept lines; the talkative ones first. */
function containerKeys(snapshot: Snapshot | null, logs: KeptLogs): string[] {
  const fromSnapshot = Object.entries(snapshot?.nodes ?? {}).flatMap(([node, view]) =>
    (view.containers ?? []).map((container) => logKey(node, container.name)),
  );
  const keys = [...new Set([...fromSnapshot, ...Object.keys(logs)])];
  const total = (key: string) => logs[key]?.total ?? 0;
  return keys.sort((a, b) => total(b) - total(a) || a.localeCompare(b));
}

function LevelFilter(props: {
  levels: ReadonlySet<LogLevel>;
  onChange(levels: ReadonlySet<LogLevel>): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="inline-fieldset">
      <legend>{t('logs.levels')}</legend>
      {logLevels.map((level) => (
        <label key={level} className="choice">
          <input
            type="checkbox"
            checked={props.levels.has(level)}
            onChange={() => {
              const next = new Set(props.levels);
              if (next.has(level)) next.delete(level);
              else next.add(level);
              props.onChange(next);
            }}
          />
          {t(`logs.levelNames.${level}`)}
        </label>
      ))}
    </fieldset>
  );
}

function Patterns({ lines }: { lines: readonly KeptLine[] }) {
  const { t, i18n } = useTranslation();
  const patterns = useMemo(() => repeatedPatterns(lines).slice(0, 10), [lines]);
  const rate = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <section className="panel" aria-labelledby="patterns-heading">
      <h2 id="patterns-heading">{t('logs.patterns')}</h2>
      {patterns.length === 0 ? (
        <p className="muted">{t('logs.noPatterns')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('logs.level')}</th>
              <th scope="col">{t('logs.pattern')}</th>
              <th scope="col">{t('logs.count')}</th>
              <th scope="col">{t('logs.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {patterns.map((pattern) => (
              <tr key={`${pattern.level}-${pattern.pattern}`}>
                <td>{t(`logs.levelNames.${pattern.level}`)}</td>
                <td>
                  <code title={pattern.example}>{pattern.pattern}</code>
                </td>
                <td>{pattern.count}</td>
                <td>
                  {pattern.perMinute === null
                    ? t('logs.oneMoment')
                    : t('logs.perMinute', { rate: rate.format(pattern.perMinute) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Lines({ lines }: { lines: readonly KeptLine[] }) {
  const { t } = useTranslation();
  const shown = lines.slice(-SHOWN_LINES);
  return (
    <section className="panel" aria-labelledby="lines-heading">
      <h2 id="lines-heading">{t('logs.lines', { shown: shown.length, total: lines.length })}</h2>
      <ol className="log-list">
        {shown.map((line, index) => (
          <li key={`${line.seenAt}-${index}`} data-level={line.level}>
            <span className="log-level">{t(`logs.levelNames.${line.level}`)}</span>{' '}
            {line.at && <time dateTime={line.at}>{line.at}</time>}{' '}
            {isFutureDated(line) && (
              <strong className="tag-warning" title={t('logs.futureHelp', { seenAt: line.seenAt })}>
                ⚠ {t('logs.future')}
              </strong>
            )}{' '}
            <code>{line.text}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
