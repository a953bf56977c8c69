// The fleet file in a form: the text the core was started from, checked as the operator types
// (fleet.validate: the same file:line: field: message lines as the control-room command) and
// saved only when it has no problems (fleet.save writes beside, renames and keeps a .bak).
// A core watching the demo plant has no file to edit: the form says so.
import { useEffect, useState } from 'react';
import type { FleetProblemView } from '../../../shared/api/requests-settings';
import { tryCall } from '../../api/optional-call';
import { useAnswer } from '../../api/use-answer';
import { useApi } from '../../state/react';
import { canSaveFleet, FLEET_CHECK_DELAY_MS } from './settings-model';
import { useSettingsText } from './settings-text';

interface Check {
  text: string;
  ok: boolean;
  problems: FleetProblemView[];
}

export function FleetForm() {
  const words = useSettingsText();
  const { answer, refresh } = useAnswer('fleet.current', {}, 'fleet.current');

  return (
    <section className="panel" aria-labelledby="settings-fleet">
      <h2 id="settings-fleet">{words.fleetTitle}</h2>
      <p className="muted">{words.fleetHelp}</p>
      {answer.kind === 'loading' && <p className="muted">{words.fleetLoading}</p>}
      {(answer.kind === 'failed' || answer.kind === 'unavailable') && (
        <p role="alert">{words.failed(answer.message)}</p>
      )}
      {answer.kind === 'ok' && answer.value.text === null && (
        <p className="muted">
          {words.fleetNone}: {answer.value.reason}
        </p>
      )}
      {answer.kind === 'ok' && answer.value.text !== null && (
        <FleetEditor key={answer.value.file ?? ''} original={answer.value.text} onSaved={refresh} />
      )}
    </section>
  );
}

function FleetEditor({ original, onSaved }: { original: string; onSaved: () => void }) {
  const words = useSettingsText();
  const api = useApi();
  const [draft, setDraft] = useState(original);
  const [check, setCheck] = useState<Check | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void tryCall(api, 'fleet.validate', { text: draft }).then((answer) => {
        if (!current) return;
        if (answer.kind === 'ok') setCheck({ text: draft, ...answer.value });
        else if (answer.kind !== 'loading') setOutcome(words.failed(answer.message));
      });
    }, FLEET_CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, draft, words]);

  const checked = check?.text === draft ? check : null;
  const savable = canSaveFleet({
    original,
    draft,
    checkedText: check?.text ?? null,
    valid: check?.ok ?? false,
  });

  const save = async () => {
    const answer = await tryCall(api, 'fleet.save', { text: draft });
    if (answer.kind === 'ok') {
      setOutcome(
        `${words.fleetSaved(answer.value.file, answer.value.backup)} ${answer.value.note}`,
      );
      onSaved();
    } else if (answer.kind !== 'loading') {
      setOutcome(words.failed(answer.message));
    }
  };

  return (
    <>
      <textarea
        className="fleet-editor"
        aria-label={words.fleetEditor}
        spellCheck={false}
        rows={20}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          setOutcome(null);
        }}
      />
      <div role="status">
        {checked === null && <p className="muted">{words.fleetChecking}</p>}
        {checked?.ok && <p className="muted">{words.fleetValid}</p>}
        {checked && !checked.ok && (
          <>
            <p>{words.fleetProblems(checked.problems.length)}</p>
            <ol className="problems">
              {checked.problems.map((problem, index) => (
                <li key={`${index}-${problem.text}`}>
                  <code>{problem.text}</code>
                </li>
              ))}
            </ol>
          </>
        )}
        {outcome && <p>{outcome}</p>}
      </div>
      <button type="button" className="button" disabled={!savable} onClick={() => void save()}>
        {words.fleetSave}
      </button>{' '}
      <button
        type="button"
        className="button"
        disabled={draft === original}
        onClick={() => setDraft(original)}
      >
        {words.fleetRevert}
      </button>
    </>
  );
}
