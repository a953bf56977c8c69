// Handlers for the archive requests of the contract (shared/api/requests-archive.ts).
import type { archiveRequests } from '../../shared/api/requests-archive';
import type { HandlerContext } from './core';
import type { Handlers } from './router';

export function archiveHandlers(
  _context: HandlerContext,
): Pick<Handlers, keyof typeof archiveRequests> {
  return {};
}
