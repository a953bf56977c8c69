// One action carried through its flow (issue #8): the preview (exact commands, node, risk,
// preconditions, post-check, expected duration), the confirmation (a click, or the target's name
// typed for destructive actions), the run with its output under each step as it arrives, a
// cancel while it runs, and the result with the post-check and the audit record written.
import { useEffect, useId, useReducer, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ActionPreview,
  ActionResult,
  ActionTarget,
  CatalogEntryView,
} from '../../shared/api/requests-actions';
import { tryCall } from '../api/optional-call';
import { useApi } from '../state/react';
import { useActionTitle } from './use-action-title';
import {
  checkSymbols,
  closedFlow,
  confirmationGiven,
  flowReducer,
  outputSections,
  riskKeys,
  riskSymbols,
  statusKeys,
  statusSymbols,
  type FlowEvent,
  type FlowState,
  type OutputChunk,
} from './flow-model';

export interface ActionRequest {
  entry: CatalogEntryView;
  target: ActionTarget;
  args?: Record<string, unknown>;
  /** The finding the action came from, for the audit. */
  findingId?: string;
}

export function ActionFlow(props: ActionRequest & { onClose(): void }) {
  const { t } = useTranslation();
  const [state, send] = useFlow(props);
  const title = useActionTitle();
  const headingId = useId();
  const section = useRef<HTMLElement>(null);
  // Opened from a finding's link, the flow may sit far down the catalog: bring it into view
  // once the view has focused its heading (which scrolls to the top).
  useEffect(() => {
    const frame = requestAnimationFrame(() =>
      section.current?.scrollIntoView({ block: 'nearest' }),
    );
    return () => cancelAnimationFrame(frame);
  }, []);

  // The button pressed (Confirm and run, Preview again) goes away with the phase: focus moves
  // to the flow's heading, so keyboard and screen-reader users stay in the flow.
  const heading = useRef<HTMLHeadingElement>(null);
  const phase = state.phase;
  useEffect(() => {
    if (phase === 'running' || phase === 'finished' || phase === 'refused') {
      heading.current?.focus({ preventScroll: true });
    }
  }, [phase]);

  return (
    <section
      ref={section}
      className="panel action-flow"
      aria-labelledby={headingId}
      data-phase={state.phase}
    >
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t('actionFlow.previewHeading', { title: title(props.entry) })}
      </h3>
      <p>
        {t('actionFlow.target')}: <strong>{targetText(t, props.target)}</strong>
      </p>
      <FlowBody state={state} entry={props.entry} send={send} />
      {state.phase !== 'running' && state.phase !== 'starting' && (
        <button type="button" className="button" onClick={props.onClose}>
          {t('actionFlow.close')}
        </button>
      )}
    </section>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];
type Send = (event: FlowEvent | 'preview' | 'run' | 'cancel') => void;

function targetText(t: Translate, target: ActionTarget): string {
  return target.container
    ? t('actionFlow.targetContainer', { container: target.container, node: target.node })
    : t('actionFlow.targetNode', { node: target.node });
}

/** The flow's state and a `send` that also makes the requests each step needs. */
function useFlow(request: ActionRequest): [FlowState, Send] {
  const api = useApi();
  const [state, dispatch] = useReducer(flowReducer, closedFlow);

  useEffect(() => {
    if (!api) return;
    const stopOutput = api.on('action.output', ({ runId, stream, text }) =>
      dispatch({ type: 'output', runId, chunk: { stream, text } }),
    );
    const stopFinished = api.on('action.finished', ({ result }) =>
      dispatch({ type: 'finished', result }),
    );
    return () => {
      stopOutput();
      stopFinished();
    };
  }, [api]);

  const send: Send = (event) => {
    if (event === 'preview') void preview();
    else if (event === 'run') void run();
    else if (event === 'cancel') void cancel();
    else dispatch(event);
  };

  const preview = async () => {
    dispatch({ type: 'previewAsked' });
    const answer = await tryCall(api, 'actions.preview', {
      actionId: request.entry.id,
      target: request.target,
      args: request.args ?? {},
      ...(request.findingId === undefined ? {} : { findingId: request.findingId }),
    });
    if (answer.kind === 'ok') dispatch({ type: 'previewAnswered', answer: answer.value });
    else if (answer.kind !== 'loading') dispatch({ type: 'failed', message: answer.message });
  };
  const run = async () => {
    // `send` is made anew each render, so `state` is the state the operator saw.
    const shown = state;
    if (shown.phase !== 'preview' || !confirmationGiven(shown.preview, shown.typed)) return;
    dispatch({ type: 'runAsked' });
    const destructive = shown.preview.confirmation.kind === 'type-target';
    const answer = await tryCall(api, 'actions.run', {
      previewId: shown.preview.previewId,
      ...(destructive ? { confirmation: shown.typed } : {}),
    });
    if (answer.kind === 'ok') dispatch({ type: 'runAnswered', answer: answer.value });
    else if (answer.kind !== 'loading') dispatch({ type: 'failed', message: answer.message });
  };
  const cancel = async () => {
    const shown = state;
    if (shown.phase !== 'running') return;
    dispatch({ type: 'cancelAsked' });
    const answer = await tryCall(api, 'actions.cancel', { runId: shown.runId });
    if (answer.kind === 'ok' && !answer.value.ok) {
      dispatch({ type: 'cancelRefused', refusal: answer.value });
    }
  };

  // The flow opens on its preview: the click that showed it asked for one.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void preview();
    // Once per mount; the request is fixed for the flow's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return [state, send];
}

function FlowBody(props: { state: FlowState; entry: CatalogEntryView; send: Send }) {
  const { t } = useTranslation();
  const { state, entry, send } = props;
  switch (state.phase) {
    case 'closed':
    case 'previewing':
      return <p role="status">{t('actionFlow.previewing')}</p>;
    case 'refused':
      return (
        <>
          {state.preview && <PreviewDetails preview={state.preview} entry={entry} />}
          <p role="alert" className="problem">
            {t('actionFlow.refused', { reason: state.refusal.reason })}
          </p>
          <button type="button" className="button" onClick={() => send('preview')}>
            {t('actionFlow.previewAgain')}
          </button>
        </>
      );
    case 'preview':
      return (
        <>
          <PreviewDetails preview={state.preview} entry={entry} />
          <Confirmation preview={state.preview} typed={state.typed} send={send} />
        </>
      );
    case 'starting':
      return (
        <>
          <PreviewDetails preview={state.preview} entry={entry} />
          <p role="status">{t('actionFlow.starting')}</p>
        </>
      );
    case 'running':
      return (
        <>
          <p role="status">
            {state.cancelAsked ? t('actionFlow.cancelling') : t('actionFlow.running')}
          </p>
          <button
            type="button"
            className="button"
            disabled={state.cancelAsked}
            onClick={() => send('cancel')}
          >
            {t('actionFlow.cancel')}
          </button>
          <Output chunks={state.output} />
        </>
      );
    case 'finished':
      return (
        <>
          <ResultDetails result={state.result} />
          <Output chunks={state.output} />
        </>
      );
  }
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function PreviewDetails({ preview, entry }: { preview: ActionPreview; entry: CatalogEntryView }) {
  const { t } = useTranslation();
  return (
    <dl className="action-preview" aria-label={t('actionFlow.previewDetails')}>
      <Field label={t('actionFlow.risk')}>
        <span data-risk={preview.risk}>
          <span aria-hidden="true">{riskSymbols[preview.risk]} </span>
          {t(`actions.risks.${riskKeys[preview.risk]}`)}
        </span>
      </Field>
      <Field label={t('actionFlow.nodes')}>{preview.nodes.join(', ')}</Field>
      <Field label={t('actionFlow.willHappen')}>
        <span lang="en">{preview.willHappen}</span>
      </Field>
      <Field label={t('actionFlow.commands')}>
        <ol aria-label={t('actionFlow.commands')}>
          {preview.steps.map((step, index) => (
            <li key={index}>
              <code>{step.text}</code>{' '}
              <span className="muted">
                {t('actionFlow.stepWhere', { node: step.node, via: step.via, label: step.label })}
              </span>
            </li>
          ))}
        </ol>
      </Field>
      <Field label={t('actionFlow.preconditions')}>
        {entry.preconditions.length === 0 ? (
          t('actionFlow.nothing')
        ) : (
          <ul lang="en">
            {entry.preconditions.map((condition) => (
              <li key={condition}>{condition}</li>
            ))}
          </ul>
        )}
      </Field>
      <Field label={t('actionFlow.postCheck')}>
        {preview.postCheck === null ? (
          t('actionFlow.nothing')
        ) : (
          <span lang="en">{preview.postCheck}</span>
        )}
      </Field>
      <Field label={t('actionFlow.duration')}>
        {t('actionFlow.durationSeconds', { seconds: preview.expectedDurationSeconds })}
      </Field>
    </dl>
  );
}

function Confirmation(props: { preview: ActionPreview; typed: string; send: Send }) {
  const { t } = useTranslation();
  const { preview, typed, send } = props;
  const expected =
    preview.confirmation.kind === 'type-target' ? preview.confirmation.expected : null;
  return (
    <form
      className="action-confirm"
      onSubmit={(event) => {
        event.preventDefault();
        send('run');
      }}
    >
      {expected !== null && (
        <p>
          <label>
            {t('actionFlow.typeToConfirm', { expected })}{' '}
            <input
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => send({ type: 'typed', text: event.target.value })}
            />
          </label>
        </p>
      )}
      <button type="submit" className="button" disabled={!confirmationGiven(preview, typed)}>
        {t('actionFlow.confirmAndRun')}
      </button>
    </form>
  );
}

function Output({ chunks }: { chunks: readonly OutputChunk[] }) {
  const { t } = useTranslation();
  const sections = outputSections(chunks);
  return (
    <div className="action-output" role="log" aria-label={t('actionFlow.output')}>
      {sections.length === 0 && <p className="muted">{t('actionFlow.noOutputYet')}</p>}
      {sections.map((section, index) => (
        <div key={index} className="action-output__section" data-kind={section.kind}>
          {section.heading && (
            <p>
              <code>{section.heading}</code>
            </p>
          )}
          {section.chunks.length > 0 && (
            <pre className="log-lines">
              {section.chunks.map((chunk, at) => (
                <span key={at} data-stream={chunk.stream}>
                  {chunk.stream === 'stderr' ? `${t('actionFlow.stderr')} ` : ''}
                  {chunk.text}
                </span>
              ))}
            </pre>
          )}
        </div>
      ))}
    </div>
  );
}

function ResultDetails({ result }: { result: ActionResult }) {
  const { t } = useTranslation();
  const check = result.postCheck;
  return (
    <div role="status" className="action-result" data-status={result.status}>
      <p>
        <strong>
          <span aria-hidden="true">{statusSymbols[result.status]} </span>
          {t(`actionFlow.statuses.${statusKeys[result.status]}`)}
        </strong>{' '}
        —{' '}
        {result.exitCode === null
          ? t('actionFlow.noExitCode')
          : t('actionFlow.exitCode', { code: result.exitCode })}
      </p>
      <p data-check={check.state}>
        <span aria-hidden="true">{checkSymbols[check.state]} </span>
        {t(`actionFlow.checkStates.${check.state}`)}
        {check.detail && ': '}
        {check.detail && <span lang="en">{check.detail}</span>}
      </p>
      {result.url && (
        <p>
          <a href={result.url} target="_blank" rel="noreferrer noopener">
            {t('actionFlow.openUrl', { url: result.url })}
          </a>
        </p>
      )}
      <p className="muted">
        {result.auditId === null
          ? t('actionFlow.auditMissing')
          : t('actionFlow.auditWritten', { id: result.auditId })}
      </p>
    </div>
  );
}
