// The actions part of the contract (issue #8, DESIGN.md section 6): the catalog, preview, run,
// cancel, the audit trail and the operator's role. Handlers live in
// electron/core/handlers-actions.ts; the logic in electron/actions. Refusals are answers
// (`{ ok: false, code, reason }`), not errors, so the UI can show why in place.
import { z } from 'zod';
import { isoTime, noArgs, type RequestSpec } from './spec';

/** Every action of the catalog; the findings rules name these exactly. */
export const actionIds = [
  'container.logs',
  'container.restart',
  'gunicorn.recycle',
  'inference.stop',
  'inference.start',
  'container.remove',
  'gpu.diagnostics',
  'clock.check',
  'clock.enableNtp',
  'postgres.diagnostics',
  'redis.diagnostics',
  'disk.usage',
  'versions.compare',
  'node.openPortainer',
  'node.openPgadmin',
] as const;
export const actionIdSchema = z.enum(actionIds);
export type ActionId = z.infer<typeof actionIdSchema>;

export const riskSchema = z.enum(['read-only', 'disruptive', 'destructive']);
export type Risk = z.infer<typeof riskSchema>;

export const targetKindSchema = z.enum(['node', 'container', 'database', 'redis']);
export type TargetKind = z.infer<typeof targetKindSchema>;

export const roleSchema = z.enum(['viewer', 'technician', 'supervisor']);
export type Role = z.infer<typeof roleSchema>;

/**
 * What an action acts on. Only sizes are bounded here; the action service checks the text
 * itself strictly and answers a refusal naming the field, so a bad name never reaches a node.
 */
export const actionTargetSchema = z
  .object({
    node: z.string().max(4096),
    container: z.string().max(4096).optional(),
  })
  .strict();
export type ActionTarget = z.infer<typeof actionTargetSchema>;

export const commandViaSchema = z.enum(['ssh', 'postgres', 'redis', 'browser']);

export const catalogEntrySchema = z.object({
  id: actionIdSchema,
  title: z.string(),
  what: z.string(),
  why: z.string(),
  risk: riskSchema,
  targetKind: targetKindSchema,
  /** Runs on every node of the fleet rather than the target's only. */
  allNodes: z.boolean(),
  minimumRole: roleSchema,
  /** JSON Schema of the arguments (from the catalog's zod schema). */
  arguments: z.record(z.string(), z.unknown()),
  /** The command plan with placeholders (`<container>`), as the docs show it. */
  commands: z.array(z.object({ via: commandViaSchema, text: z.string() })),
  preconditions: z.array(z.string()),
  postCheck: z.string().nullable(),
  expectedDurationSeconds: z.number().nonnegative(),
  confirmation: z.enum(['click', 'type-target']),
});
export type CatalogEntryView = z.infer<typeof catalogEntrySchema>;

export const refusalCodeSchema = z.enum([
  'unavailable',
  'unknown-action',
  'invalid-target',
  'invalid-arguments',
  'role',
  'no-such-node',
  'no-such-container',
  'precondition',
  'unreachable',
  'busy',
  'confirmation',
  'expired',
  'not-found',
]);
export type RefusalCode = z.infer<typeof refusalCodeSchema>;

export const refusalSchema = z.object({
  ok: z.literal(false),
  code: refusalCodeSchema,
  /** A sentence for the operator: what was refused and why. */
  reason: z.string(),
});
export type Refusal = z.infer<typeof refusalSchema>;

export const plannedStepSchema = z.object({
  node: z.string(),
  via: commandViaSchema,
  /** What the step does, in a few words. */
  label: z.string(),
  /** The exact argv for SSH steps; null for database, Redis and browser steps. */
  argv: z.array(z.string()).nullable(),
  /** The exact text sent: shell-quoted argv, SQL, a Redis command or a URL. */
  text: z.string(),
});
export type PlannedStep = z.infer<typeof plannedStepSchema>;

export const actionPreviewSchema = z.object({
  previewId: z.string(),
  actionId: actionIdSchema,
  title: z.string(),
  risk: riskSchema,
  what: z.string(),
  willHappen: z.string(),
  target: actionTargetSchema,
  args: z.record(z.string(), z.unknown()),
  nodes: z.array(z.string()),
  steps: z.array(plannedStepSchema),
  /** type-target: the operator must type `expected` (the target's name) to go ahead. */
  confirmation: z.object({
    kind: z.enum(['click', 'type-target']),
    expected: z.string().nullable(),
  }),
  postCheck: z.string().nullable(),
  expectedDurationSeconds: z.number().nonnegative(),
  findingId: z.string().nullable(),
  expiresAt: isoTime,
});
export type ActionPreview = z.infer<typeof actionPreviewSchema>;

export const outputDigestSchema = z.object({
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  firstLines: z.array(z.string()),
  lastLines: z.array(z.string()),
});
export type OutputDigest = z.infer<typeof outputDigestSchema>;

export const postCheckResultSchema = z.object({
  state: z.enum(['passed', 'failed', 'skipped', 'none']),
  detail: z.string(),
});
export type PostCheckResult = z.infer<typeof postCheckResultSchema>;

export const runStatusSchema = z.enum(['succeeded', 'failed', 'cancelled', 'post-check-failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const stepResultSchema = z.object({
  node: z.string(),
  text: z.string(),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().nonnegative(),
  /** Why the step has no exit code (connection lost, timeout, cancelled); null otherwise. */
  error: z.string().nullable(),
});
export type StepResult = z.infer<typeof stepResultSchema>;

export const actionResultSchema = z.object({
  runId: z.string(),
  actionId: actionIdSchema,
  target: actionTargetSchema,
  status: runStatusSchema,
  /** The first non-zero exit code of the steps, else 0; null when a step never finished. */
  exitCode: z.number().int().nullable(),
  steps: z.array(stepResultSchema),
  postCheck: postCheckResultSchema,
  /** node.open*: the URL from the fleet file, for the shell to open. */
  url: z.string().nullable(),
  summary: z.string(),
  startedAt: isoTime,
  finishedAt: isoTime,
  outputDigest: outputDigestSchema,
  /** The audit record written for this run; null when the audit could not be written. */
  auditId: z.number().int().nullable(),
});
export type ActionResult = z.infer<typeof actionResultSchema>;

export const auditRecordSchema = z.object({
  id: z.number().int(),
  at: isoTime,
  actor: z.string(),
  role: roleSchema,
  actionId: actionIdSchema,
  risk: riskSchema,
  target: actionTargetSchema,
  args: z.record(z.string(), z.unknown()),
  nodes: z.array(z.string()),
  findingId: z.string().nullable(),
  runId: z.string(),
  status: runStatusSchema,
  exitCode: z.number().int().nullable(),
  outputDigest: outputDigestSchema,
  postCheck: postCheckResultSchema,
  startedAt: isoTime,
  finishedAt: isoTime,
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const roleStateSchema = z.object({
  role: roleSchema,
  pinSet: z.boolean(),
  /** False in review sessions and without a live fleet: every action is refused. */
  actionsAvailable: z.boolean(),
});
export type RoleState = z.infer<typeof roleStateSchema>;

const actionRequestFields = {
  actionId: z.string().max(200),
  target: actionTargetSchema,
  args: z.record(z.string(), z.unknown()).default({}),
  /** The finding the action came from: its id as text, or its key (`ruleId|subject`). */
  findingId: z.string().max(200).optional(),
};

export const previewArgsSchema = z.object(actionRequestFields).strict();
export type PreviewRequest = z.output<typeof previewArgsSchema>;

export const runArgsSchema = z
  .object({
    previewId: z.string().max(200).optional(),
    actionId: actionRequestFields.actionId.optional(),
    target: actionTargetSchema.optional(),
    args: z.record(z.string(), z.unknown()).optional(),
    findingId: actionRequestFields.findingId,
    /** For destructive actions: the target's name, typed by the operator. */
    confirmation: z.string().max(4096).optional(),
  })
  .strict();
export type RunRequest = z.output<typeof runArgsSchema>;

const pin = z.string().max(64);
const ok = z.object({ ok: z.literal(true) });

export const actionsRequests = {
  'actions.catalog': {
    summary: 'Every action: what it does, its risk, arguments, commands and checks.',
    args: noArgs,
    result: z.array(catalogEntrySchema),
  },
  'actions.preview': {
    summary: 'Checks an action against role, snapshot and health; answers the exact commands.',
    args: previewArgsSchema,
    result: z.union([
      z.object({ ok: z.literal(true), preview: actionPreviewSchema }),
      refusalSchema,
    ]),
  },
  'actions.run': {
    summary: 'Runs a previewed action (or one given in full); output and result come as events.',
    args: runArgsSchema,
    result: z.union([
      z.object({ ok: z.literal(true), runId: z.string(), preview: actionPreviewSchema }),
      refusalSchema,
    ]),
  },
  'actions.cancel': {
    summary: 'Cancels a run in progress; its result says cancelled.',
    args: z.object({ runId: z.string().max(200) }).strict(),
    result: z.union([ok, refusalSchema]),
  },
  'actions.audit': {
    summary: 'Audit records of action runs since a time (default: the last 30 days).',
    args: z.object({ since: isoTime.optional() }).strict(),
    result: z.array(auditRecordSchema),
  },
  'role.current': {
    summary: "The operator's role, whether a PIN is set and whether actions are available.",
    args: noArgs,
    result: roleStateSchema,
  },
  'role.set': {
    summary: 'Changes the role; a higher one needs the PIN.',
    args: z.object({ role: roleSchema, pin: pin.optional() }).strict(),
    result: z.union([z.object({ ok: z.literal(true), state: roleStateSchema }), refusalSchema]),
  },
  'role.setPin': {
    summary: 'Sets the PIN (4 to 12 digits); changing one needs the current PIN.',
    args: z.object({ pin, currentPin: pin.optional() }).strict(),
    result: z.union([ok, refusalSchema]),
  },
} as const satisfies Record<string, RequestSpec>;

export const actionsEvents = {
  /** Output of a run as it arrives; `info` lines are the runner's own (step started, checks). */
  'action.output': z.object({
    runId: z.string(),
    stream: z.enum(['stdout', 'stderr', 'info']),
    text: z.string(),
  }),
  'action.finished': z.object({ runId: z.string(), result: actionResultSchema }),
} as const satisfies Record<string, z.ZodType>;
