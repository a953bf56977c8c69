// Handlers for the actions requests of the contract (shared/api/requests-actions.ts).
import type { actionsRequests } from '../../shared/api/requests-actions';
import type { HandlerContext } from './core';
import type { Handlers } from './router';

export function actionsHandlers(
  _context: HandlerContext,
): Pick<Handlers, keyof typeof actionsRequests> {
  return {};
}
