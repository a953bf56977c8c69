// The findings' thresholds in a form (issue #7): per rule, each threshold with its unit, what it
// means and its default, a reset to the default, and one save for all of them. The core checks
// the values (thresholds.save names the rule and threshold of each problem), keeps them in the
// data directory and hands them to the running findings engine at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleThresholds } from '../../shared/api/requests-settings';
import { tryCall } from '../api/optional-call';
import { useAnswer } from '../api/use-answer';
import { ptBRRuleTitles } from '../findings/finding-text-titles';
import { ptBRThresholdDocs } from './threshold-docs-pt';
import { useApi } from '../state/react';
import {
  draftKey,
  initialDrafts,
  isChanged,
  overriddenCount,
  overridesOf,
  type ThresholdDrafts,
} from './thresholds-model';

export function ThresholdsSection() {
  const { t } = useTranslation();
  const { answer, refresh } = useAnswer('thresholds.list', {}, 'thresholds.list');
  // Here, not in the form: a save refreshes the list, which rebuilds the form from the answer.
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  return (
    <section className="panel" aria-labelledby="settings-thresholds">
      <h2 id="settings-thresholds">{t('thresholds.title')}</h2>
      <p className="muted">{t('thresholds.help')}</p>
      {answer.kind === 'loading' && <p className="muted">{t('thresholds.loading')}</p>}
      {(answer.kind === 'failed' || answer.kind === 'unavailable') && (
        <p role="alert">{t('thresholds.failed', { message: answer.message })}</p>
      )}
      {answer.kind === 'ok' && (
        <ThresholdsForm
          key={JSON.stringify(answer.value.rules)}
          rules={answer.value.rules}
          file={answer.value.file}
          onSaved={refresh}
          outcome={outcome}
          setOutcome={setOutcome}
        />
      )}
    </section>
  );
}

interface FormProps {
  rules: RuleThresholds[];
  file: string | null;
  onSaved(): void;
  outcome: Outcome | null;
  setOutcome(outcome: Outcome | null): void;
}

function ThresholdsForm({ rules, file, onSaved, outcome, setOutcome }: FormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [drafts, setDrafts] = useState<ThresholdDrafts>(() => initialDrafts(rules));
  const titleOf = useRuleTitle(rules);
  const [saving, setSaving] = useState(false);
  const editable = file !== null;

  const change = (key: string, text: string) => {
    setDrafts((current) => ({ ...current, [key]: text }));
    setOutcome(null);
  };

  const save = async () => {
    const checked = overridesOf(rules, drafts);
    if (!checked.ok) {
      const lines = checked.problems.map((problem) =>
        t('thresholds.notNumber', { ...problem, rule: titleOf(problem.ruleId) }),
      );
      setOutcome({ text: t('thresholds.refused'), lines, linesLanguage: undefined });
      return;
    }
    setSaving(true);
    const answer = await tryCall(api, 'thresholds.save', { overrides: checked.overrides });
    setSaving(false);
    if (answer.kind === 'ok') {
      setOutcome({ text: t('thresholds.saved'), lines: [], linesLanguage: undefined });
      onSaved();
    } else if (answer.kind !== 'loading') {
      // The core's lines, one per problem, each naming the rule and the threshold.
      setOutcome({
        text: t('thresholds.refused'),
        lines: answer.message.split('\n'),
        linesLanguage: 'en',
      });
    }
  };

  return (
    <form
      aria-label={t('thresholds.title')}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p className="muted">
        {editable ? t('thresholds.keptIn', { file }) : t('thresholds.noEngine')}
      </p>
      {rules.map((rule) => (
        <RuleFieldset
          key={rule.ruleId}
          rule={rule}
          title={titleOf(rule.ruleId)}
          drafts={drafts}
          editable={editable}
          onChange={change}
        />
      ))}
      <div role="status">
        {outcome && <p>{outcome.text}</p>}
        {outcome && outcome.lines.length > 0 && (
          <ul className="problems" lang={outcome.linesLanguage}>
            {outcome.lines.map((line) => (
              <li key={line}>
                <code>{line}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
      {editable && (
        <>
          <button type="submit" className="button" disabled={saving || !isChanged(rules, drafts)}>
            {saving ? t('thresholds.saving') : t('thresholds.save')}
          </button>{' '}
          <button
            type="button"
            className="button"
            disabled={!isChanged(rules, drafts)}
            onClick={() => setDrafts(initialDrafts(rules))}
          >
            {t('thresholds.undo')}
          </button>
        </>
      )}
    </form>
  );
}

interface Outcome {
  text: string;
  lines: string[];
  /** `en` for the core's messages, which are English. */
  linesLanguage: 'en' | undefined;
}

/** A rule's title in the interface language (the core's is English). */
function useRuleTitle(rules: readonly RuleThresholds[]) {
  const { i18n } = useTranslation();
  return (ruleId: string) => {
    const english = rules.find((rule) => rule.ruleId === ruleId)?.title ?? ruleId;
    return i18n.language === 'pt-BR' ? (ptBRRuleTitles[ruleId] ?? english) : english;
  };
}

interface RuleProps {
  rule: RuleThresholds;
  title: string;
  drafts: ThresholdDrafts;
  editable: boolean;
  onChange(key: string, text: string): void;
}

function RuleFieldset({ rule, title, drafts, editable, onChange }: RuleProps) {
  const { t, i18n } = useTranslation();
  const changed = overriddenCount(rule, drafts);

  return (
    <details className="thresholds-rule" data-rule={rule.ruleId}>
      <summary>
        {title} <code>{t('thresholds.ruleId', { id: rule.ruleId })}</code>
        {changed > 0 && ` · ${t('thresholds.changedCount', { count: changed })}`}
      </summary>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('thresholds.threshold')}</th>
            <th scope="col">{t('thresholds.meaning')}</th>
            <th scope="col">{t('thresholds.value')}</th>
            <th scope="col">{t('thresholds.default')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('thresholds.reset')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rule.thresholds.map((item) => {
            const key = draftKey(rule.ruleId, item.name);
            const meaning = meaningOf(key, item.doc, i18n.language);
            const unit = unitText(item.unit, t);
            const label = t('thresholds.fieldLabel', { rule: title, name: item.name, unit });
            return (
              <tr key={key}>
                <th scope="row">
                  <code>{item.name}</code>
                </th>
                <td className="muted" lang={meaning.lang}>
                  {meaning.text}
                </td>
                <td>
                  <input
                    type="text"
                    inputMode="decimal"
                    size={8}
                    aria-label={label}
                    readOnly={!editable}
                    value={drafts[key] ?? ''}
                    onChange={(event) => onChange(key, event.target.value)}
                  />{' '}
                  {unit}
                </td>
                <td>
                  {item.defaultValue} {unit}
                </td>
                <td>
                  {editable && (
                    <button
                      type="button"
                      className="button"
                      aria-label={t('thresholds.resetLabel', { rule: title, name: item.name })}
                      disabled={drafts[key] === String(item.defaultValue)}
                      onClick={() => onChange(key, String(item.defaultValue))}
                    >
                      {t('thresholds.reset')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}

/** A threshold's meaning in the interface language; the core's English, marked, if missing. */
function meaningOf(key: string, english: string, language: string) {
  if (language !== 'pt-BR') return { text: english, lang: undefined };
  const text = Object.hasOwn(ptBRThresholdDocs, key) ? ptBRThresholdDocs[key] : undefined;
  return text === undefined ? { text: english, lang: 'en' } : { text, lang: undefined };
}

/** Units that are words; symbols (min, h, %, MB/h, °C) read the same in both languages. */
const unitKeys = {
  count: 'count',
  fraction: 'fraction',
  'fraction of the period': 'fractionOfPeriod',
  ratio: 'ratio',
  'lines/s': 'linesPerSecond',
  '% of a core': 'percentOfCore',
  '%/day': 'percentPerDay',
} as const;

function unitText(unit: string, t: ReturnType<typeof useTranslation>['t']): string {
  const key = Object.hasOwn(unitKeys, unit) ? unitKeys[unit as keyof typeof unitKeys] : null;
  return key ? t(`thresholds.units.${key}`) : unit;
}
