// The settings part of the contract: "copy diagnostics", the fleet file edited in a form (with
// the CLI's validation messages), host-key approval and the findings' thresholds. Merged into
// contract.ts; handlers live in electron/core/handlers-settings.ts. docs/security.md says how
// host keys and secrets are kept.
import { z } from 'zod';
import { hostKeyPattern, nodeIdPattern } from '../fleet';
import { noArgs, type RequestSpec } from './spec';

/** Largest fleet file the form may validate or save, in characters (real ones are ~5 KB). */
export const MAX_FLEET_TEXT_CHARS = 256 * 1024;

const fleetText = z.string().max(MAX_FLEET_TEXT_CHARS);
const nodeId = z.string().regex(nodeIdPattern, 'a node id such as vk01');
const fingerprint = z.string().regex(hostKeyPattern, 'a fingerprint like SHA256:<43 characters>');

/** One problem of a fleet file, as `control-room` prints it. */
export const fleetProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  /** Dotted path of the field, e.g. `nodes.vk01.ssh.port`; empty for the whole file. */
  field: z.string(),
  message: z.string(),
  /** The whole line the CLI prints: `file:line: field: message`. */
  text: z.string(),
});
export type FleetProblemView = z.infer<typeof fleetProblemSchema>;

export const fleetValidationSchema = z.object({
  ok: z.boolean(),
  problems: z.array(fleetProblemSchema),
});

/** The fleet file being watched; `file` and `text` are null with a reason for the demo plant. */
export const fleetCurrentSchema = z.object({
  file: z.string().nullable(),
  text: z.string().nullable(),
  reason: z.string().nullable(),
});

export const fleetSavedSchema = z.object({
  file: z.string(),
  /** The previous content, kept beside the file. */
  backup: z.string(),
  /** What the operator must know: the running collector keeps the fleet it started with. */
  note: z.string(),
});

export const hostKeyStateSchema = z.enum(['unknown', 'approved', 'changed', 'unreachable']);

export const hostKeyCheckSchema = z.object({
  node: z.string(),
  /** `unreachable`: no key could be fetched; `message` says why and `fingerprint` is null. */
  state: hostKeyStateSchema,
  /** The key the node presents now. */
  fingerprint: z.string().nullable(),
  /** The key the fleet file pins; null when none is. */
  pinned: z.string().nullable(),
  /** What to tell the operator: how to compare, or the change warning with both keys. */
  message: z.string().nullable(),
});
export type HostKeyCheck = z.infer<typeof hostKeyCheckSchema>;

/** The variable name a fleet file gives a secret (`passwordEnv`), as shared/fleet.ts checks it. */
const secretVariable = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'an environment variable name such as VK01_PG_PASSWORD');

/** Longest secret the desktop app accepts, in characters. */
export const MAX_SECRET_CHARS = 4096;

/**
 * Where a secret the fleet file names is now: in the keychain-encrypted store, in memory for this
 * run only (no keychain), inherited from the environment the app was started with, or missing.
 */
export const secretStateSchema = z.enum(['stored', 'session', 'environment', 'missing']);
export type SecretState = z.infer<typeof secretStateSchema>;

/** One secret variable of the fleet file; its value never crosses the contract. */
export const secretEntrySchema = z.object({
  variable: z.string(),
  /** The nodes and channels that use it (ssh: a password or a key's passphrase). */
  uses: z.array(
    z.object({ node: z.string(), channel: z.enum(['ssh', 'postgres', 'redis', 'rabbitmq']) }),
  ),
  state: secretStateSchema,
  /** Why it is missing when something went wrong (a stored one that no longer decrypts). */
  reason: z.string().nullable(),
});
export type SecretEntry = z.infer<typeof secretEntrySchema>;

export const secretsStatusSchema = z.object({
  /** The fleet file the secrets are for; null with `fleetReason` when there is none. */
  fleetFile: z.string().nullable(),
  fleetReason: z.string().nullable(),
  /** False where only an unprotected store exists: secrets are then kept for this run only. */
  persistent: z.boolean(),
  /** Why secrets are not kept (no keychain), for the operator; null when they are. */
  persistenceReason: z.string().nullable(),
  secrets: z.array(secretEntrySchema),
});
export type SecretsStatus = z.infer<typeof secretsStatusSchema>;

export const thresholdViewSchema = z.object({
  name: z.string(),
  /** `min`, `%`, `MB/h`, `count`, ... */
  unit: z.string(),
  doc: z.string(),
  defaultValue: z.number(),
  /** The value the findings engine uses now (the default unless overridden). */
  value: z.number(),
});

export const ruleThresholdsSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  thresholds: z.array(thresholdViewSchema),
});
export type RuleThresholds = z.infer<typeof ruleThresholdsSchema>;

export const thresholdsAnswerSchema = z.object({
  rules: z.array(ruleThresholdsSchema),
  /** Where overrides are kept; null with `reason` when this core runs no findings engine. */
  file: z.string().nullable(),
  reason: z.string().nullable(),
});

/** Rule id -> threshold name -> value; what is not named is the default. */
const thresholdOverrides = z.record(z.string().max(100), z.record(z.string().max(100), z.number()));

export const settingsRequests = {
  'thresholds.list': {
    summary: "Every rule's thresholds: name, unit, doc, default and the value in use.",
    args: noArgs,
    result: thresholdsAnswerSchema,
  },
  'thresholds.save': {
    summary: 'Replaces the threshold overrides (checked, kept, applied to the live findings).',
    args: z.object({ overrides: thresholdOverrides }).strict(),
    result: thresholdsAnswerSchema,
  },
  'settings.diagnostics': {
    summary: 'The "copy diagnostics" text: versions, fleet file without secrets, health, log.',
    args: noArgs,
    result: z.object({ text: z.string() }),
  },
  'fleet.validate': {
    summary: 'Checks a fleet file text and lists every problem with the CLI messages.',
    args: z.object({ text: fleetText }).strict(),
    result: fleetValidationSchema,
  },
  'fleet.current': {
    summary: 'The text of the fleet file being watched, for the form to edit.',
    args: noArgs,
    result: fleetCurrentSchema,
  },
  'fleet.save': {
    summary: 'Replaces the watched fleet file with a text that validates, keeping a .bak.',
    args: z.object({ text: fleetText }).strict(),
    result: fleetSavedSchema,
  },
  'hostKey.check': {
    summary: 'Fetches the host key a node presents and compares it with the pinned one.',
    args: z.object({ node: nodeId }).strict(),
    result: hostKeyCheckSchema,
  },
  'hostKey.approve': {
    summary: 'Pins an approved host key in the fleet file; replacing names the key it replaces.',
    args: z.object({ node: nodeId, fingerprint, replacing: fingerprint.optional() }).strict(),
    result: z.object({ changed: z.boolean(), previous: z.string().nullable(), note: z.string() }),
  },
  'secrets.status': {
    summary: 'Which secrets the fleet file names and whether each is stored (desktop app only).',
    args: noArgs,
    result: secretsStatusSchema,
  },
  'secrets.store': {
    summary: 'Keeps a secret for the variable (keychain, else this run) and restarts the core.',
    args: z
      .object({ variable: secretVariable, value: z.string().min(1).max(MAX_SECRET_CHARS) })
      .strict(),
    result: z.object({ state: secretStateSchema, message: z.string() }),
  },
  'secrets.forget': {
    summary: 'Removes the stored secret of the variable everywhere and restarts the core.',
    args: z.object({ variable: secretVariable }).strict(),
    result: z.object({ forgotten: z.boolean(), message: z.string() }),
  },
} as const satisfies Record<string, RequestSpec>;

export const settingsEvents = {} as const satisfies Record<string, z.ZodType>;
