// What the core sees of the action runner (electron/actions/service.ts builds it): the requests of
// shared/api/requests-actions.ts, answered, and the events of a run, pushed to a listener.
import type {
  ActionPreview,
  ActionResult,
  AuditRecord,
  CatalogEntryView,
  PreviewRequest,
  Refusal,
  Role,
  RoleState,
  RunRequest,
} from '../../shared/api/requests-actions';

export type PreviewOutcome = { ok: true; preview: ActionPreview } | Refusal;
export type RunOutcome = { ok: true; runId: string; preview: ActionPreview } | Refusal;
export type RoleOutcome = { ok: true; state: RoleState } | Refusal;
export type Done = { ok: true } | Refusal;

export type ActionEvent =
  | { kind: 'output'; runId: string; stream: 'stdout' | 'stderr' | 'info'; text: string }
  | { kind: 'finished'; runId: string; result: ActionResult };

export interface ActionService {
  catalog(): CatalogEntryView[];
  preview(request: PreviewRequest): Promise<PreviewOutcome>;
  /** Starts a run and answers at once; output and the result arrive as events. */
  run(request: RunRequest): Promise<RunOutcome>;
  cancel(runId: string): Done;
  /** The result of a run once it finished (null for an unknown run). */
  finished(runId: string): Promise<ActionResult | null>;
  audit(since?: Date): AuditRecord[];
  roleState(): RoleState;
  setRole(role: Role, pin?: string): RoleOutcome;
  setPin(pin: string, currentPin?: string): Done;
  /** Hears every run's events; returns a function that stops listening. */
  subscribe(listener: (event: ActionEvent) => void): () => void;
  /** Cancels runs in progress and waits for them to settle. */
  stop(): Promise<void>;
}
