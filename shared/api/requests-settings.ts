// The settings part of the contract: requests and pushed events, merged into contract.ts.
// Handlers live in electron/core/handlers-settings.ts.
import type { z } from 'zod';
import type { RequestSpec } from './spec';

export const settingsRequests = {} as const satisfies Record<string, RequestSpec>;

export const settingsEvents = {} as const satisfies Record<string, z.ZodType>;
