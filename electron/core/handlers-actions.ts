// Handlers for the actions requests of the contract (shared/api/requests-actions.ts). The work is
// the action service's (electron/actions); without one (review sessions, an empty fleet) the
// operator is a viewer by construction and every action is refused, saying why.
import type { actionsRequests, Refusal, RoleState } from '../../shared/api/requests-actions';
import type { ActionService } from '../actions/types';
import type { HandlerContext } from './core';
import type { Handlers } from './router';

const AUDIT_DEFAULT_DAYS = 30;

const noRunner: Refusal = {
  ok: false,
  code: 'unavailable',
  reason: 'actions need a live fleet; this session (a review or no fleet) is read-only',
};
const viewerOnly: RoleState = { role: 'viewer', pinSet: false, actionsAvailable: false };

export function actionsHandlers(
  context: HandlerContext,
): Pick<Handlers, keyof typeof actionsRequests> {
  const service: ActionService | undefined = context.options.actions;
  service?.subscribe((event) => {
    if (event.kind === 'output') {
      const { runId, stream, text } = event;
      context.broadcast('action.output', { runId, stream, text });
    } else context.broadcast('action.finished', { runId: event.runId, result: event.result });
  });
  return {
    'actions.catalog': () => service?.catalog() ?? [],
    'actions.preview': (args) => service?.preview(args) ?? noRunner,
    'actions.run': (args) => service?.run(args) ?? noRunner,
    'actions.cancel': ({ runId }) => service?.cancel(runId) ?? noRunner,
    'actions.audit': ({ since }) => {
      const from = since
        ? new Date(since)
        : new Date(context.now().getTime() - AUDIT_DEFAULT_DAYS * 86_400_000);
      return service?.audit(from) ?? [];
    },
    'role.current': () => service?.roleState() ?? viewerOnly,
    'role.set': ({ role, pin }) => service?.setRole(role, pin) ?? noRunner,
    'role.setPin': ({ pin, currentPin }) => service?.setPin(pin, currentPin) ?? noRunner,
  };
}
