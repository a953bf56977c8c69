// Handlers for the actions requests of the contract (shared/api/requests-actions.ts). The work is
// the action service's (electron/actions); without one (an empty fleet, a core made for review)
// or while a review session is open, the operator is a viewer by construction and every action
// is refused, saying why.
import type { actionsRequests, Refusal, RoleState } from '../../shared/api/requests-actions';
import { catalogView } from '../actions/catalog-view';
import type { ActionService } from '../actions/types';
import type { HandlerContext } from './core';
import { currentReview } from './handlers-review';
import type { Handlers } from './router';

const AUDIT_DEFAULT_DAYS = 30;

const noRunner: Refusal = {
  ok: false,
  code: 'unavailable',
  reason: 'actions need a live fleet; this session (a review or no fleet) is read-only',
};
const inReview: Refusal = {
  ok: false,
  code: 'unavailable',
  reason: 'a review session is open: it shows the past, so nothing can be run; close it first',
};
const viewerOnly: RoleState = { role: 'viewer', pinSet: false, actionsAvailable: false };

export function actionsHandlers(
  context: HandlerContext,
): Pick<Handlers, keyof typeof actionsRequests> {
  const live: ActionService | undefined = context.options.actions;
  /** The runner, or why there is none now. */
  const runner = (): ActionService | Refusal => {
    if (!live) return noRunner;
    return currentReview(context) ? inReview : live;
  };
  const withRunner = <T>(work: (service: ActionService) => T): T | Refusal => {
    const found = runner();
    return 'ok' in found ? found : work(found);
  };
  live?.subscribe((event) => {
    if (event.kind === 'output') {
      const { runId, stream, text } = event;
      context.broadcast('action.output', { runId, stream, text });
    } else context.broadcast('action.finished', { runId: event.runId, result: event.result });
  });
  return {
    // The catalog is documentation as much as a menu: every session may read it.
    'actions.catalog': () => live?.catalog() ?? catalogView(),
    'actions.preview': (args) => withRunner((service) => service.preview(args)),
    'actions.run': (args) => withRunner((service) => service.run(args)),
    // A run started before a review was opened can still be stopped.
    'actions.cancel': ({ runId }) => live?.cancel(runId) ?? noRunner,
    'actions.audit': ({ since }) => {
      const from = since
        ? new Date(since)
        : new Date(context.now().getTime() - AUDIT_DEFAULT_DAYS * 86_400_000);
      return live?.audit(from) ?? [];
    },
    'role.current': () => {
      const found = runner();
      return 'ok' in found
        ? { ...viewerOnly, pinSet: live?.roleState().pinSet ?? false }
        : found.roleState();
    },
    'role.set': ({ role, pin }) => withRunner((service) => service.setRole(role, pin)),
    'role.setPin': ({ pin, currentPin }) => live?.setPin(pin, currentPin) ?? noRunner,
  };
}
