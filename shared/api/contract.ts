// The whole API between the core and its clients: every request and every pushed event, by name.
// Both ends are typed from these tables and the core validates every message against them.
// To add a method: add an entry to `requests` (or to the domain table in requests-NAME.ts), then
// a handler in electron/core (typecheck fails until it exists). See docs/architecture.md.
import { z } from 'zod';
import { channelErrorSchema } from '../snapshot';
import { actionsEvents, actionsRequests } from './requests-actions';
import { archiveEvents, archiveRequests } from './requests-archive';
import { findingsEvents, findingsRequests } from './requests-findings';
import { reviewEvents, reviewRequests } from './requests-review';
import { settingsEvents, settingsRequests } from './requests-settings';
import { snapshotEvents, snapshotRequests } from './requests-snapshot';
import { isoTime, noArgs, type RequestSpec } from './spec';

export type { RequestSpec } from './spec';

/** Where the core runs: the desktop app's utility process, `control-room serve`, or a test. */
export const coreModeSchema = z.enum(['desktop', 'browser', 'test']);
export type CoreMode = z.infer<typeof coreModeSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: coreModeSchema,
  startedAt: isoTime,
  pid: z.number().int(),
});

export const fleetNodeSummarySchema = z.object({
  id: z.string(),
  role: z.enum(['processing', 'dashboard']),
  host: z.string(),
});

export const fleetSummarySchema = z.object({
  /** Where the fleet came from: a fleet file, the built-in demo plant, or nothing yet. */
  source: z.enum(['file', 'demo', 'empty']),
  deployment: z.string().nullable(),
  nodes: z.array(fleetNodeSummarySchema),
});

export const healthStateSchema = z.enum(['unknown', 'up', 'degraded', 'down']);

export const channelHealthSchema = z.object({
  state: healthStateSchema,
  consecutiveFailures: z.number().int().nonnegative(),
  consecutiveSuccesses: z.number().int().nonnegative(),
  lastError: channelErrorSchema.nullable(),
  since: isoTime,
});

/** Per node and channel health, plus what the whole picture says about the workstation. */
export const fleetHealthSchema = z.object({
  nodes: z.record(z.string(), z.record(z.string(), channelHealthSchema)),
  verdict: z
    .object({
      kind: z.enum(['all-unreachable', 'ssh-unreachable-everywhere']),
      message: z.string(),
    })
    .nullable(),
});

export const requests = {
  'app.info': {
    summary: 'Name, version and mode of the running core.',
    args: noArgs,
    result: appInfoSchema,
  },
  'app.ping': {
    summary: 'Answers at once with the text it was sent; clients use it to measure the pipe.',
    args: z.object({ echo: z.string().max(512 * 1024) }).strict(),
    result: z.object({ echo: z.string(), at: isoTime }),
  },
  'fleet.summary': {
    summary: 'The deployment being watched and its nodes.',
    args: noArgs,
    result: fleetSummarySchema,
  },
  // The live snapshot, one node per message so none grows with the fleet (requests-snapshot.ts).
  ...snapshotRequests,
  'health.current': {
    summary: 'Health of every channel of every node, and the fleet verdict.',
    args: noArgs,
    result: fleetHealthSchema,
  },
  ...archiveRequests,
  ...reviewRequests,
  ...findingsRequests,
  ...actionsRequests,
  ...settingsRequests,
} as const satisfies Record<string, RequestSpec>;

export const events = {
  /** Sent every second so clients can tell a live core from a silent one. */
  'core.heartbeat': z.object({ at: isoTime, uptimeSeconds: z.number().nonnegative() }),
  'fleet.changed': fleetSummarySchema,
  // A new snapshot on the fast cadence: one `snapshot.node` per node, then `snapshot.new`.
  ...snapshotEvents,
  'health.changed': fleetHealthSchema,
  ...archiveEvents,
  ...reviewEvents,
  ...findingsEvents,
  ...actionsEvents,
  ...settingsEvents,
} as const satisfies Record<string, z.ZodType>;

export type Requests = typeof requests;
export type Events = typeof events;
export type RequestName = keyof Requests;
export type EventName = keyof Events;
/** What a caller passes to a request (before defaults are applied). */
export type ArgsOf<N extends RequestName> = z.input<Requests[N]['args']>;
/** What a handler receives, after validation. */
export type ParsedArgsOf<N extends RequestName> = z.output<Requests[N]['args']>;
export type ResultOf<N extends RequestName> = z.output<Requests[N]['result']>;
export type PayloadOf<E extends EventName> = z.output<Events[E]>;

export const requestNames = Object.keys(requests) as RequestName[];
export const eventNames = Object.keys(events) as EventName[];

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

export type AppInfo = z.infer<typeof appInfoSchema>;
export type FleetSummary = z.infer<typeof fleetSummarySchema>;
export type FleetHealthView = z.infer<typeof fleetHealthSchema>;
