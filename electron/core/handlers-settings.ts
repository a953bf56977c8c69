// Handlers for the settings requests of the contract (shared/api/requests-settings.ts).
import type { settingsRequests } from '../../shared/api/requests-settings';
import type { HandlerContext } from './core';
import type { Handlers } from './router';

export function settingsHandlers(
  _context: HandlerContext,
): Pick<Handlers, keyof typeof settingsRequests> {
  return {};
}
