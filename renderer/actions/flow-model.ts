// The action flow as data (issue #8): preview → confirmation → run with output per step →
// cancel → post-check → result. The component (ActionFlow.tsx) only draws this state and sends
// the requests; what may be shown, asked or sent next is decided here, where tests reach it.
import type {
  ActionId,
  ActionPreview,
  ActionResult,
  ActionTarget,
  CatalogEntryView,
  PostCheckResult,
  Refusal,
  Risk,
  Role,
  RunStatus,
} from '../../shared/api/requests-actions';
import type { Snapshot } from '../../shared/snapshot';

/** Colour is never the only signal: every risk, status and check also has a symbol and a word. */
export const riskSymbols: Record<Risk, string> = {
  'read-only': '○',
  disruptive: '◐',
  destructive: '●',
};
export const riskKeys = {
  'read-only': 'readOnly',
  disruptive: 'disruptive',
  destructive: 'destructive',
} as const satisfies Record<Risk, string>;

export const statusSymbols: Record<RunStatus, string> = {
  succeeded: '✔',
  failed: '✖',
  cancelled: '■',
  'post-check-failed': '▲',
};
export const statusKeys = {
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  'post-check-failed': 'postCheckFailed',
} as const satisfies Record<RunStatus, string>;

export const checkSymbols: Record<PostCheckResult['state'], string> = {
  passed: '✔',
  failed: '✖',
  skipped: '–',
  none: '○',
};

/** Keys of the catalog titles under actionFlow.titles: the core's titles are English only. */
export const titleKeys = {
  'container.logs': 'containerLogs',
  'container.restart': 'containerRestart',
  'gunicorn.recycle': 'gunicornRecycle',
  'inference.stop': 'inferenceStop',
  'inference.start': 'inferenceStart',
  'container.remove': 'containerRemove',
  'gpu.diagnostics': 'gpuDiagnostics',
  'clock.check': 'clockCheck',
  'clock.enableNtp': 'clockEnableNtp',
  'postgres.diagnostics': 'postgresDiagnostics',
  'redis.diagnostics': 'redisDiagnostics',
  'disk.usage': 'diskUsage',
  'versions.compare': 'versionsCompare',
  'node.openPortainer': 'nodeOpenPortainer',
  'node.openPgadmin': 'nodeOpenPgadmin',
} as const satisfies Record<ActionId, string>;

const roleRank: Record<Role, number> = { viewer: 0, technician: 1, supervisor: 2 };

/** The least role that may run an action of this risk (the core's rule, electron/actions). */
export function leastRoleFor(risk: Risk): Role {
  return risk === 'destructive' ? 'supervisor' : 'technician';
}

export function rolePermits(role: Role, risk: Risk): boolean {
  return roleRank[role] >= roleRank[leastRoleFor(risk)];
}

/** Roles above `role`, lowest first: what the operator may raise to. */
export function higherRoles(role: Role): Role[] {
  return (['technician', 'supervisor'] as const).filter((next) => roleRank[next] > roleRank[role]);
}

/** The part of a finding a target is read from. */
export interface FindingTargetSource {
  nodes: readonly string[];
  containers: readonly string[];
}

/**
 * The target a finding's suggested action acts on: its first node and, for container actions,
 * its first container. Null with the reason when the finding does not name one.
 */
export function targetFromFinding(
  entry: Pick<CatalogEntryView, 'targetKind'>,
  finding: FindingTargetSource,
): { target: ActionTarget } | { target: null; missing: 'node' | 'container' } {
  const node = finding.nodes[0];
  if (node === undefined) return { target: null, missing: 'node' };
  if (entry.targetKind !== 'container') return { target: { node } };
  const container = finding.containers[0];
  if (container === undefined) return { target: null, missing: 'container' };
  return { target: { node, container } };
}

/** Whether the confirmation the preview asks for is given: a click, or the typed name. */
export function confirmationGiven(preview: ActionPreview, typed: string): boolean {
  const { kind, expected } = preview.confirmation;
  return kind === 'click' || expected === null || typed === expected;
}

/** The containers of a node in the newest snapshot, by name; null when it has no list. */
export function containerNames(snapshot: Snapshot | null, node: string): string[] | null {
  const containers = snapshot?.nodes[node]?.containers;
  if (!containers) return null;
  return containers.map((container) => container.name).sort((a, b) => a.localeCompare(b));
}

/**
 * The target a link into the Actions view names (`?action=ID&node=N&container=C`), or the
 * first node; the container only for container actions.
 */
export function targetFromParams(
  entry: Pick<CatalogEntryView, 'targetKind'>,
  params: URLSearchParams,
  nodes: readonly string[],
): { node: string; container: string } {
  const named = params.get('node');
  const node = named !== null && nodes.includes(named) ? named : (nodes[0] ?? '');
  const container = entry.targetKind === 'container' ? (params.get('container') ?? '') : '';
  return { node, container };
}

/**
 * The Actions view's link for a finding's suggested action: the action, the finding and the
 * target it names (`#/actions?action=container.restart&finding=7&node=vk03&container=pgadmin`).
 */
export function actionLink(
  entry: Pick<CatalogEntryView, 'id' | 'targetKind'>,
  finding: FindingTargetSource & { id: number },
): string {
  const params = new URLSearchParams({ action: entry.id, finding: String(finding.id) });
  // Half a target still helps: the form opens on the finding's node.
  const [node] = finding.nodes;
  if (node !== undefined) params.set('node', node);
  const found = targetFromFinding(entry, finding);
  if (found.target?.container !== undefined) params.set('container', found.target.container);
  return `#/actions?${params.toString()}`;
}

/**
 * What a link into the Actions view asks for: the action to mark and, when it names a finding
 * and a whole target, the flow to open on its preview at once.
 */
export function linkedRequest(
  entry: Pick<CatalogEntryView, 'id' | 'targetKind'>,
  params: URLSearchParams,
  nodes: readonly string[],
): { target: ActionTarget; findingId: string } | null {
  const findingId = params.get('finding');
  const node = params.get('node');
  if (params.get('action') !== entry.id || findingId === null || node === null) return null;
  if (!nodes.includes(node)) return null;
  if (entry.targetKind !== 'container') return { target: { node }, findingId };
  const container = params.get('container');
  return container ? { target: { node, container }, findingId } : null;
}

// -- arguments --------------------------------------------------------------------------------

/** One argument of an action, read from the catalog's JSON Schema. */
export interface ArgumentField {
  name: string;
  kind: 'integer' | 'string';
  defaultValue: number | string | null;
  minimum: number | null;
  maximum: number | null;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** The arguments an action takes; kinds other than integer and string are not asked for. */
export function argumentFields(schema: Record<string, unknown>): ArgumentField[] {
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties as Record<string, Record<string, unknown>>).flatMap(
    ([name, property]): ArgumentField[] => {
      const kind = property.type;
      if (kind !== 'integer' && kind !== 'string') return [];
      const fallback = property.default;
      return [
        {
          name,
          kind,
          defaultValue:
            typeof fallback === 'number' || typeof fallback === 'string' ? fallback : null,
          minimum: numberOrNull(property.minimum),
          maximum: numberOrNull(property.maximum),
        },
      ];
    },
  );
}

export type ArgumentProblem = { name: string; problem: 'not-integer' | 'out-of-range' };

/**
 * The arguments typed, as the request's `args`: an empty field is left out (the core uses its
 * default); an integer must be whole and within its range. The core checks them all again.
 */
export function argumentValues(
  fields: readonly ArgumentField[],
  typed: Readonly<Record<string, string>>,
): { args: Record<string, number | string> } | ArgumentProblem {
  const args: Record<string, number | string> = {};
  for (const field of fields) {
    const text = (typed[field.name] ?? '').trim();
    if (text === '') continue;
    if (field.kind === 'string') {
      args[field.name] = text;
      continue;
    }
    if (!/^-?\d+$/.test(text)) return { name: field.name, problem: 'not-integer' };
    const value = Number(text);
    const low = field.minimum ?? Number.MIN_SAFE_INTEGER;
    const high = field.maximum ?? Number.MAX_SAFE_INTEGER;
    if (value < low || value > high) return { name: field.name, problem: 'out-of-range' };
    args[field.name] = value;
  }
  return { args };
}

/** Audit records newest first (ids grow with time). */
export function newestFirst<T extends { id: number }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => b.id - a.id);
}

// -- output per step --------------------------------------------------------------------------

export interface OutputChunk {
  stream: 'stdout' | 'stderr' | 'info';
  text: string;
}

export interface OutputSection {
  /** `step` starts with the runner's `$ command` line; `post-check` with its `post-check:`. */
  kind: 'preamble' | 'step' | 'post-check';
  /** The line that opened the section (without its newline); null for the preamble. */
  heading: string | null;
  chunks: OutputChunk[];
}

const STEP_PREFIX = '$ ';
const CHECK_PREFIX = 'post-check:';

/**
 * The run's output cut into sections: one per step (the runner announces each with an `info`
 * line `$ command   (label, node over via)`) and one for the post-check, so each step's output
 * shows under its command as it arrives.
 */
export function outputSections(chunks: readonly OutputChunk[]): OutputSection[] {
  const sections: OutputSection[] = [];
  for (const chunk of chunks) {
    const heading = chunk.stream === 'info' ? chunk.text.replace(/\n$/, '') : null;
    const kind = heading?.startsWith(STEP_PREFIX)
      ? 'step'
      : heading?.startsWith(CHECK_PREFIX)
        ? 'post-check'
        : null;
    if (kind) {
      sections.push({ kind, heading, chunks: [] });
      continue;
    }
    let last = sections[sections.length - 1];
    if (!last) {
      last = { kind: 'preamble', heading: null, chunks: [] };
      sections.push(last);
    }
    last.chunks.push(chunk);
  }
  return sections;
}

// -- the flow's state --------------------------------------------------------------------------

export type FlowState =
  | { phase: 'closed' }
  | { phase: 'previewing' }
  | { phase: 'refused'; refusal: Refusal; preview: ActionPreview | null }
  | { phase: 'preview'; preview: ActionPreview; typed: string }
  | {
      phase: 'starting';
      preview: ActionPreview;
      /** Events that came before the run's answer named its id (a fast run can beat it). */
      early: EarlyEvent[];
    }
  | {
      phase: 'running';
      preview: ActionPreview;
      runId: string;
      output: OutputChunk[];
      cancelAsked: boolean;
    }
  | { phase: 'finished'; preview: ActionPreview; output: OutputChunk[]; result: ActionResult };

type EarlyEvent = { runId: string; chunk: OutputChunk } | { runId: string; result: ActionResult };

export type FlowEvent =
  | { type: 'previewAsked' }
  | { type: 'previewAnswered'; answer: { ok: true; preview: ActionPreview } | Refusal }
  | { type: 'typed'; text: string }
  | { type: 'runAsked' }
  | { type: 'runAnswered'; answer: { ok: true; runId: string } | Refusal }
  | { type: 'output'; runId: string; chunk: OutputChunk }
  | { type: 'finished'; result: ActionResult }
  | { type: 'cancelAsked' }
  | { type: 'cancelRefused'; refusal: Refusal }
  | { type: 'failed'; message: string }
  | { type: 'closed' };

export const closedFlow: FlowState = { phase: 'closed' };

function previewOf(state: FlowState): ActionPreview | null {
  return 'preview' in state ? state.preview : null;
}

/** A transport failure, shaped like a refusal so it is shown the same way. */
function failure(message: string): Refusal {
  return { ok: false, code: 'unavailable', reason: message };
}

export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'previewAsked':
      return state.phase === 'running' || state.phase === 'starting'
        ? state
        : { phase: 'previewing' };
    case 'previewAnswered':
      if (state.phase !== 'previewing') return state;
      return event.answer.ok
        ? { phase: 'preview', preview: event.answer.preview, typed: '' }
        : { phase: 'refused', refusal: event.answer, preview: null };
    case 'typed':
      return state.phase === 'preview' ? { ...state, typed: event.text } : state;
    case 'runAsked':
      if (state.phase !== 'preview' || !confirmationGiven(state.preview, state.typed)) return state;
      return { phase: 'starting', preview: state.preview, early: [] };
    case 'runAnswered':
      if (state.phase !== 'starting') return state;
      return event.answer.ok
        ? started(state.preview, event.answer.runId, state.early)
        : { phase: 'refused', refusal: event.answer, preview: state.preview };
    case 'output':
      if (state.phase === 'starting') {
        const early = { runId: event.runId, chunk: event.chunk };
        return { ...state, early: [...state.early, early] };
      }
      if (state.phase !== 'running' || state.runId !== event.runId) return state;
      return { ...state, output: [...state.output, event.chunk] };
    case 'finished':
      if (state.phase === 'starting') {
        const early = { runId: event.result.runId, result: event.result };
        return { ...state, early: [...state.early, early] };
      }
      if (state.phase !== 'running' || state.runId !== event.result.runId) return state;
      return {
        phase: 'finished',
        preview: state.preview,
        output: state.output,
        result: event.result,
      };
    case 'cancelAsked':
      return state.phase === 'running' ? { ...state, cancelAsked: true } : state;
    case 'cancelRefused':
      // Usually "already finished": the finished event follows and says how it ended.
      return state.phase === 'running' ? { ...state, cancelAsked: false } : state;
    case 'failed':
      return { phase: 'refused', refusal: failure(event.message), preview: previewOf(state) };
    case 'closed':
      return state.phase === 'running' || state.phase === 'starting' ? state : closedFlow;
  }
}

/** The running state of a run just answered, with what arrived for it before the answer. */
function started(preview: ActionPreview, runId: string, early: readonly EarlyEvent[]): FlowState {
  const mine = early.filter((event) => event.runId === runId);
  const output = mine.flatMap((event) => ('chunk' in event ? [event.chunk] : []));
  const result = mine.find((event) => 'result' in event);
  if (result && 'result' in result) {
    return { phase: 'finished', preview, output, result: result.result };
  }
  return { phase: 'running', preview, runId, output, cancelAsked: false };
}
