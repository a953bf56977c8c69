// The findings part of the contract (issue #6, DESIGN.md section 5): the findings of the engine
// with their lifecycle, acknowledging, silencing, maintenance windows and the Live Improvements
// Report. Handlers live in electron/core/handlers-findings.ts; the logic in electron/findings.
// Refusals are answers (`{ ok: false, reason }`), not errors, so the UI can show why in place.
import { z } from 'zod';
import { isoTime, type RequestSpec } from './spec';

export const severitySchema = z.enum(['WARNING', 'INFO', 'SUGGESTION']);
export const findingStateSchema = z.enum(['new', 'ongoing', 'resolved']);
export const suppressionSchema = z.enum(['silenced', 'maintenance']);

const sampleSchema = z.object({
  atMs: z.number(),
  value: z.number().nullable(),
  nullKind: z.string().nullable(),
});

export const evidenceSchema = z.object({
  series: z.array(
    z.object({
      key: z.string(),
      fromMs: z.number(),
      toMs: z.number(),
      samples: z.array(sampleSchema).optional(),
    }),
  ),
  logLines: z.array(
    z.object({
      node: z.string(),
      container: z.string(),
      at: z.string().nullable(),
      text: z.string(),
    }),
  ),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
});

export const acknowledgementSchema = z.object({ by: z.string(), note: z.string(), at: isoTime });

/** A finding as the UI sees it: what the rule said, plus its lifecycle. */
export const findingViewSchema = z.object({
  id: z.number().int(),
  /** `ruleId|subject`: the same problem keeps the same key tick after tick. */
  key: z.string(),
  ruleId: z.string(),
  findingClass: z.string(),
  subject: z.string(),
  severity: severitySchema,
  title: z.string(),
  detail: z.string(),
  numbers: z.record(z.string(), z.number().nullable()),
  evidence: evidenceSchema,
  nodes: z.array(z.string()),
  containers: z.array(z.string()),
  actions: z.array(z.string()),
  state: findingStateSchema,
  firstSeen: isoTime,
  lastSeen: isoTime,
  resolvedAt: isoTime.nullable(),
  acknowledged: acknowledgementSchema.nullable(),
  silencedUntil: isoTime.nullable(),
  /** Why it is not alarming now (a silence or a maintenance window of one of its nodes). */
  suppressed: suppressionSchema.nullable(),
});
export type FindingView = z.infer<typeof findingViewSchema>;

export const maintenanceWindowSchema = z.object({
  node: z.string(),
  from: isoTime,
  until: isoTime,
});
export type MaintenanceWindowView = z.infer<typeof maintenanceWindowSchema>;

const refusalSchema = z.object({ ok: z.literal(false), reason: z.string() });
const findingAnswerSchema = z.union([
  z.object({ ok: z.literal(true), finding: findingViewSchema }),
  refusalSchema,
]);
export type FindingAnswer = z.infer<typeof findingAnswerSchema>;

export const reportFormatSchema = z.enum(['md', 'json']);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

export const findingChangeKindSchema = z.enum([
  'opened',
  'changed',
  'reopened',
  'resolved',
  'realarmed',
  'acknowledged',
  'silenced',
]);

export const findingsRequests = {
  'findings.list': {
    summary: 'Findings, newest first; filtered by state (open: new or ongoing), severity, node.',
    args: z
      .object({
        state: z.enum(['new', 'ongoing', 'resolved', 'open']).optional(),
        severity: severitySchema.optional(),
        node: z.string().max(256).optional(),
      })
      .strict(),
    result: z.array(findingViewSchema),
  },
  'findings.acknowledge': {
    summary: 'Acknowledges a finding (who and a note); an acknowledged WARNING stops re-alarming.',
    args: z
      .object({
        id: z.number().int(),
        by: z.string().trim().min(1).max(200),
        note: z.string().max(4000),
      })
      .strict(),
    result: findingAnswerSchema,
  },
  'findings.silence': {
    summary:
      'Silences a finding until a time: it is still tracked but neither reported nor alarmed.',
    args: z.object({ id: z.number().int(), until: isoTime }).strict(),
    result: findingAnswerSchema,
  },
  'findings.maintenance': {
    summary: "A maintenance window on a node: its findings are suppressed from 'from' to 'until'.",
    args: z.object({ node: z.string().min(1).max(256), from: isoTime, until: isoTime }).strict(),
    result: z.union([
      z.object({ ok: z.literal(true), window: maintenanceWindowSchema }),
      refusalSchema,
    ]),
  },
  'report.render': {
    summary: 'The Live Improvements Report of a time range, as Markdown or JSON text.',
    args: z
      .object({ since: isoTime.optional(), until: isoTime.optional(), format: reportFormatSchema })
      .strict(),
    result: z.object({ format: reportFormatSchema, text: z.string() }),
  },
} as const satisfies Record<string, RequestSpec>;

export const findingsEvents = {
  /** Findings opened, changed, resolved, re-alarmed, acknowledged or silenced at one moment. */
  'findings.changed': z.object({
    at: isoTime,
    changes: z.array(z.object({ change: findingChangeKindSchema, finding: findingViewSchema })),
  }),
} as const satisfies Record<string, z.ZodType>;
