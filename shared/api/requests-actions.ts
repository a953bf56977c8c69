// The actions part of the contract: requests and pushed events, merged into contract.ts.
// Handlers live in electron/core/handlers-actions.ts.
import type { z } from 'zod';
import type { RequestSpec } from './spec';

export const actionsRequests = {} as const satisfies Record<string, RequestSpec>;

export const actionsEvents = {} as const satisfies Record<string, z.ZodType>;
