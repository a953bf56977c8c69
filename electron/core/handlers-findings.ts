// Handlers for the findings requests of the contract (shared/api/requests-findings.ts). The work
// is the findings service's (electron/findings); without one (an empty fleet) there are no
// findings, and changing one is refused, saying why.
import type { findingsRequests } from '../../shared/api/requests-findings';
import type { FindingsService } from '../findings/service';
import type { HandlerContext } from './core';
import type { Handlers } from './router';

const noEngine = {
  ok: false as const,
  reason: 'no findings engine runs in this session (no fleet is watched)',
};

export function findingsHandlers(
  context: HandlerContext,
): Pick<Handlers, keyof typeof findingsRequests> {
  const service: FindingsService | undefined = context.options.findings;
  service?.subscribe((changed) => context.broadcast('findings.changed', changed));
  return {
    'findings.list': (filter) => service?.list(filter) ?? [],
    'findings.acknowledge': ({ id, by, note }) => service?.acknowledge(id, by, note) ?? noEngine,
    'findings.silence': ({ id, until }) => service?.silence(id, Date.parse(until)) ?? noEngine,
    'findings.maintenance': ({ node, from, until }) =>
      service?.maintenance(node, Date.parse(from), Date.parse(until)) ?? noEngine,
    'report.render': ({ since, until, format }) => ({
      format,
      text:
        service?.report({
          sinceMs: since === undefined ? undefined : Date.parse(since),
          untilMs: until === undefined ? undefined : Date.parse(until),
          format,
        }) ?? '',
    }),
  };
}
