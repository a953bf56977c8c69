// The action service the core hands requests to (CoreOptions.actions): previews that expire,
// runs with their events, cancels, the audit trail and the operator's role. One instance per
// live session; review sessions have none, which makes everyone a viewer there.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { FleetHealthView } from '../../shared/api/contract';
import type {
  ActionPreview,
  ActionResult,
  AuditRecord,
  PreviewRequest,
  Refusal,
  Role,
  RunRequest,
} from '../../shared/api/requests-actions';
import type { Fleet } from '../../shared/fleet';
import type { Snapshot } from '../../shared/snapshot';
import { createLogger } from '../log';
import { outputDigest, type AuditStore } from './audit';
import { postCheckText } from './catalog';
import { catalogView, plannedStep } from './catalog-view';
import { isRefusal, prepareAction, refusal, type PreparedAction } from './prepare';
import type { RoleStore } from './roles';
import { ActionRunner, type RunRecord, type RunTransports } from './runner';
import type { ActionEvent, ActionService, Done, PreviewOutcome, RunOutcome } from './types';
import { showValue } from './validation';

export interface ActionServiceOptions {
  fleet: Fleet;
  /** The collector: the latest snapshot and channel health the guards check against. */
  state: { snapshot(): Snapshot | null; health(): FleetHealthView };
  /** Transports for one node; asked once per node, on first use. */
  transportsFor(node: string): RunTransports;
  /** Called on stop with every node's transports that were made. */
  closeTransports?(transports: RunTransports): Promise<void> | void;
  audit: AuditStore;
  roles: RoleStore;
  /** Who runs the actions, for the audit; default the operating system's user name. */
  actor?: string;
  now?: () => Date;
  /** How long a preview may be run; default 5 minutes. */
  previewTtlMs?: number;
  postCheckPollMs?: number;
  postCheckTimeScale?: number;
}

interface StoredPreview {
  request: PreviewRequest;
  preview: ActionPreview;
  expiresMs: number;
}

interface ActiveRun {
  prepared: PreparedAction;
  controller: AbortController;
  done: Promise<ActionResult>;
}

const DEFAULT_PREVIEW_TTL_MS = 5 * 60_000;
const MAX_STORED_PREVIEWS = 200;
const MAX_KEPT_RESULTS = 500;

function defaultActor(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function createActionService(options: ActionServiceOptions): ActionService {
  return new Service(options);
}

class Service implements ActionService {
  private readonly log = createLogger('actions');
  private readonly now: () => Date;
  private readonly previews = new Map<string, StoredPreview>();
  private readonly runs = new Map<string, ActiveRun>();
  private readonly results = new Map<string, ActionResult>();
  private readonly busyTargets = new Map<string, string>();
  private readonly listeners = new Set<(event: ActionEvent) => void>();
  private readonly transports = new Map<string, RunTransports>();
  private readonly runner: ActionRunner;
  private readonly actor: string;

  constructor(private readonly options: ActionServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.actor = options.actor ?? defaultActor();
    this.runner = new ActionRunner({
      transportsFor: (node) => this.transportsFor(node),
      pollMs: options.postCheckPollMs,
      postCheckTimeScale: options.postCheckTimeScale,
      now: this.now,
    });
  }

  catalog() {
    return catalogView();
  }

  async preview(request: PreviewRequest): Promise<PreviewOutcome> {
    const prepared = this.prepare(request);
    if (isRefusal(prepared)) return prepared;
    const preview = this.describe(prepared);
    this.rememberPreview(request, preview);
    return { ok: true, preview };
  }

  async run(request: RunRequest): Promise<RunOutcome> {
    const original = this.originalRequest(request);
    if (isRefusal(original)) return this.refused(original, request);
    const prepared = this.prepare(original);
    if (isRefusal(prepared)) return this.refused(prepared, original);
    // Checked again against the state now; a run of a preview keeps that preview's id.
    const preview = {
      ...this.describe(prepared),
      previewId: request.previewId ?? `p-${randomUUID()}`,
    };
    const confirmation = checkConfirmation(preview, request.confirmation);
    if (confirmation) return this.refused(confirmation, original);
    if (request.previewId) this.previews.delete(request.previewId);
    const runId = `r-${randomUUID()}`;
    this.start(runId, prepared);
    return { ok: true, runId, preview };
  }

  cancel(runId: string): Done {
    const run = this.runs.get(runId);
    if (!run) {
      const known = this.results.has(runId);
      return refusal('not-found', known ? `run ${runId} already finished` : `no run ${runId}`);
    }
    this.log.info({ runId, action: run.prepared.definition.id }, 'cancel asked');
    run.controller.abort();
    return { ok: true };
  }

  async finished(runId: string): Promise<ActionResult | null> {
    const run = this.runs.get(runId);
    if (run) return run.done;
    return this.results.get(runId) ?? null;
  }

  audit(since?: Date): AuditRecord[] {
    return this.options.audit.since(since?.getTime() ?? 0);
  }

  roleState() {
    return this.options.roles.state(true);
  }

  setRole(role: Role, pin?: string) {
    const outcome = this.options.roles.setRole(role, pin);
    return outcome.ok ? { ok: true as const, state: this.roleState() } : outcome;
  }

  setPin(pin: string, currentPin?: string): Done {
    return this.options.roles.setPin(pin, currentPin);
  }

  subscribe(listener: (event: ActionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    for (const run of this.runs.values()) run.controller.abort();
    await Promise.allSettled([...this.runs.values()].map((run) => run.done));
    const close = this.options.closeTransports;
    if (close) await Promise.allSettled([...this.transports.values()].map((t) => close(t)));
    this.transports.clear();
  }

  // -- internals --------------------------------------------------------------------------------

  private transportsFor(node: string): RunTransports {
    let transports = this.transports.get(node);
    if (!transports) {
      transports = this.options.transportsFor(node);
      this.transports.set(node, transports);
    }
    return transports;
  }

  private prepare(request: PreviewRequest): PreparedAction | Refusal {
    return prepareAction(request, {
      fleet: this.options.fleet,
      snapshot: this.options.state.snapshot(),
      health: this.options.state.health(),
      role: this.options.roles.current,
      busyTargets: this.busyTargets,
    });
  }

  private refused(answer: Refusal, request: Partial<PreviewRequest>): Refusal {
    this.log.info(
      { action: request.actionId?.slice(0, 64), code: answer.code },
      `refused: ${answer.reason}`,
    );
    return answer;
  }

  /** The request a run stands for: its preview's, or the one given in full. */
  private originalRequest(request: RunRequest): PreviewRequest | Refusal {
    if (request.previewId !== undefined) {
      const stored = this.previews.get(request.previewId);
      if (!stored || stored.expiresMs < this.now().getTime()) {
        return refusal(
          'expired',
          `the preview ${showValue(request.previewId)} expired or is unknown; preview again`,
        );
      }
      return stored.request;
    }
    if (request.actionId === undefined || request.target === undefined) {
      return refusal('invalid-arguments', 'give a previewId, or an actionId and a target');
    }
    return {
      actionId: request.actionId,
      target: request.target,
      args: request.args ?? {},
      findingId: request.findingId,
    };
  }

  private describe(prepared: PreparedAction): ActionPreview {
    const { definition, target } = prepared;
    const destructive = definition.risk === 'destructive';
    return {
      previewId: `p-${randomUUID()}`,
      actionId: definition.id,
      title: definition.title,
      risk: definition.risk,
      what: definition.what,
      willHappen: definition.willHappen(prepared.planContext),
      target,
      args: prepared.args,
      nodes: prepared.nodes,
      steps: prepared.steps.map(plannedStep),
      confirmation: {
        kind: destructive ? 'type-target' : 'click',
        expected: destructive ? (target.container ?? target.node) : null,
      },
      postCheck: postCheckText(definition.postCheck),
      expectedDurationSeconds: definition.expectedDurationSeconds,
      findingId: prepared.findingId,
      expiresAt: new Date(this.now().getTime() + this.ttlMs).toISOString(),
    };
  }

  private get ttlMs(): number {
    return this.options.previewTtlMs ?? DEFAULT_PREVIEW_TTL_MS;
  }

  private rememberPreview(request: PreviewRequest, preview: ActionPreview): void {
    const nowMs = this.now().getTime();
    for (const [id, stored] of this.previews) {
      if (stored.expiresMs < nowMs || this.previews.size >= MAX_STORED_PREVIEWS) {
        this.previews.delete(id);
      }
    }
    this.previews.set(preview.previewId, { request, preview, expiresMs: nowMs + this.ttlMs });
  }

  private emit(event: ActionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error }, 'an action listener failed');
      }
    }
  }

  private start(runId: string, prepared: PreparedAction): void {
    const controller = new AbortController();
    const role = this.options.roles.current;
    const holdsTarget = prepared.definition.risk !== 'read-only';
    if (holdsTarget) this.busyTargets.set(prepared.targetKey, runId);
    this.log.info(
      { runId, action: prepared.definition.id, target: prepared.target, role },
      'run started',
    );
    const done = this.execute(runId, prepared, role, controller.signal).finally(() => {
      if (holdsTarget && this.busyTargets.get(prepared.targetKey) === runId) {
        this.busyTargets.delete(prepared.targetKey);
      }
      this.runs.delete(runId);
    });
    this.runs.set(runId, { prepared, controller, done });
  }

  private async execute(
    runId: string,
    prepared: PreparedAction,
    role: Role,
    signal: AbortSignal,
  ): Promise<ActionResult> {
    const emitOutput = (stream: 'stdout' | 'stderr' | 'info', text: string) =>
      this.emit({ kind: 'output', runId, stream, text });
    let record: RunRecord;
    try {
      record = await this.runner.run(prepared, emitOutput, signal);
    } catch (error) {
      // The runner turns every transport failure into a result; this is a bug, said as one.
      this.log.error({ runId, err: error }, 'the runner failed');
      record = runnerFailure(prepared, error, this.now());
    }
    const digest = outputDigest(record.transcript);
    const auditId = this.writeAudit(runId, prepared, role, { ...record.result, digest });
    const result: ActionResult = { ...record.result, runId, outputDigest: digest, auditId };
    this.results.set(runId, result);
    // Results stay for `finished` and `cancel` answers; the audit keeps them for good.
    if (this.results.size > MAX_KEPT_RESULTS) {
      this.results.delete(this.results.keys().next().value as string);
    }
    this.log.info({ runId, status: result.status, auditId }, result.summary);
    this.emit({ kind: 'finished', runId, result });
    return result;
  }

  private writeAudit(
    runId: string,
    prepared: PreparedAction,
    role: Role,
    result: Omit<ActionResult, 'runId' | 'auditId' | 'outputDigest'> & {
      digest: ActionResult['outputDigest'];
    },
  ): number | null {
    try {
      return this.options.audit.append({
        at: result.startedAt,
        actor: this.actor,
        role,
        actionId: prepared.definition.id,
        risk: prepared.definition.risk,
        target: prepared.target,
        args: prepared.args,
        nodes: prepared.nodes,
        findingId: prepared.findingId,
        runId,
        status: result.status,
        exitCode: result.exitCode,
        outputDigest: result.digest,
        postCheck: result.postCheck,
        startedAt: result.startedAt,
        finishedAt: result.finishedAt,
      });
    } catch (error) {
      this.log.error({ runId, err: error }, 'the audit record could not be written');
      return null;
    }
  }
}

function runnerFailure(prepared: PreparedAction, error: unknown, now: Date): RunRecord {
  const at = now.toISOString();
  const message = `the runner failed: ${(error as Error)?.message ?? String(error)}`;
  return {
    transcript: message,
    result: {
      actionId: prepared.definition.id,
      target: prepared.target,
      status: 'failed',
      exitCode: null,
      steps: [],
      postCheck: { state: 'skipped', detail: message },
      url: null,
      summary: message,
      startedAt: at,
      finishedAt: at,
    },
  };
}

function checkConfirmation(preview: ActionPreview, typed: string | undefined): Refusal | null {
  const expected = preview.confirmation.expected;
  if (preview.confirmation.kind !== 'type-target' || expected === null) return null;
  if (typed === expected) return null;
  const what = preview.target.container ? "the container's name" : "the node's name";
  const given = typed === undefined ? 'nothing was typed' : `${showValue(typed)} was typed`;
  return refusal(
    'confirmation',
    `${preview.actionId} is destructive: type ${what} (${expected}) to confirm; ${given}`,
  );
}
