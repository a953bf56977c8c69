// Handlers for the review requests of the contract (shared/api/requests-review.ts).
import type { reviewRequests } from '../../shared/api/requests-review';
import type { HandlerContext } from './core';
import type { Handlers } from './router';

export function reviewHandlers(
  _context: HandlerContext,
): Pick<Handlers, keyof typeof reviewRequests> {
  return {};
}
