// Handlers for the findings requests of the contract (shared/api/requests-findings.ts).
import type { findingsRequests } from '../../shared/api/requests-findings';
import type { HandlerContext } from './core';
import type { Handlers } from './router';

export function findingsHandlers(
  _context: HandlerContext,
): Pick<Handlers, keyof typeof findingsRequests> {
  return {};
}
