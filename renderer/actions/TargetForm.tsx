// The target form of one catalog action in the Actions view: the node, the container (from the
// newest snapshot's list, or typed) and the action's optional arguments; each press of Preview
// opens a fresh flow (ActionFlow). A finding's link fills it in and opens the flow at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionTarget, CatalogEntryView } from '../../shared/api/requests-actions';
import { useAppState } from '../state/react';
import { ActionFlow } from './ActionFlow';
import { useActionTitle } from './use-action-title';
import {
  argumentFields,
  argumentValues,
  containerNames,
  linkedRequest,
  targetFromParams,
  type ArgumentField,
  type ArgumentProblem,
} from './flow-model';

interface FlowFor {
  target: ActionTarget;
  args: Record<string, number | string>;
  findingId: string | null;
  round: number;
}

/** Node (and container) for one action, then its flow; a new target asks a new preview. */
export function TargetForm(props: {
  entry: CatalogEntryView;
  nodes: string[];
  params: URLSearchParams;
}) {
  const { t } = useTranslation();
  const { entry, nodes, params } = props;
  const snapshot = useAppState((state) => state.snapshot);
  const title = useActionTitle();
  const [node, setNode] = useState(() => targetFromParams(entry, params, nodes).node);
  const [container, setContainer] = useState(
    () => targetFromParams(entry, params, nodes).container,
  );
  // A finding's link names the whole target: its preview opens at once. `round` gives each
  // press of Preview a fresh flow, even for the same target.
  const [flowFor, setFlowFor] = useState<FlowFor | null>(() => {
    const linked = linkedRequest(entry, params, nodes);
    return linked && { ...linked, args: {}, round: 1 };
  });
  const fields = argumentFields(entry.arguments);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ArgumentProblem | null>(null);
  const wantsContainer = entry.targetKind === 'container';
  const choices = wantsContainer ? (containerNames(snapshot, node) ?? []) : [];
  const listId = `containers-${entry.id}`;

  return (
    <>
      <form
        className="action-target"
        aria-label={t('actionFlow.targetOf', { title: title(entry) })}
        onSubmit={(event) => {
          event.preventDefault();
          const target = wantsContainer ? { node, container } : { node };
          const values = argumentValues(fields, typed);
          setProblem('problem' in values ? values : null);
          if ('problem' in values) return;
          const round = (flowFor?.round ?? 0) + 1;
          setFlowFor({ target, args: values.args, findingId: null, round });
        }}
      >
        <label>
          {t('actionFlow.node')}{' '}
          <select value={node} onChange={(event) => setNode(event.target.value)}>
            {nodes.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>{' '}
        {wantsContainer && (
          <label>
            {t('actionFlow.container')}{' '}
            <input
              list={listId}
              value={container}
              required
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setContainer(event.target.value)}
            />
            <datalist id={listId}>
              {choices.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </label>
        )}{' '}
        {fields.map((field) => (
          <ArgumentInput
            key={field.name}
            field={field}
            value={typed[field.name] ?? ''}
            onChange={(text) => setTyped({ ...typed, [field.name]: text })}
          />
        ))}
        <button type="submit" className="button">
          {t('actionFlow.preview')}
        </button>
        {entry.allNodes && <span className="muted"> {t('actionFlow.allNodes')}</span>}
        {problem && (
          <p role="alert" className="problem">
            {problem.problem === 'not-integer'
              ? t('actionFlow.argumentNotInteger', { name: problem.name })
              : t('actionFlow.argumentOutOfRange', { name: problem.name })}
          </p>
        )}
      </form>
      {flowFor && (
        <ActionFlow
          key={flowFor.round}
          entry={entry}
          target={flowFor.target}
          args={flowFor.args}
          {...(flowFor.findingId === null ? {} : { findingId: flowFor.findingId })}
          onClose={() => setFlowFor(null)}
        />
      )}
    </>
  );
}

/** One optional argument: empty leaves the core's default; the hint gives it and the range. */
function ArgumentInput(props: {
  field: ArgumentField;
  value: string;
  onChange(text: string): void;
}) {
  const { t } = useTranslation();
  const { field } = props;
  const hints = [
    field.defaultValue === null
      ? null
      : t('actionFlow.argumentDefault', { value: field.defaultValue }),
    field.minimum === null || field.maximum === null
      ? null
      : t('actionFlow.argumentRange', { minimum: field.minimum, maximum: field.maximum }),
  ].filter((hint): hint is string => hint !== null);
  return (
    <>
      <label>
        <code>{field.name}</code>{' '}
        <input
          value={props.value}
          inputMode={field.kind === 'integer' ? 'numeric' : 'text'}
          placeholder={hints.join(', ') || t('actionFlow.argumentOptional')}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => props.onChange(event.target.value)}
        />
      </label>{' '}
    </>
  );
}
