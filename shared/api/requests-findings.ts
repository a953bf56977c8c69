// The findings part of the contract: requests and pushed events, merged into contract.ts.
// Handlers live in electron/core/handlers-findings.ts.
import type { z } from 'zod';
import type { RequestSpec } from './spec';

export const findingsRequests = {} as const satisfies Record<string, RequestSpec>;

export const findingsEvents = {} as const satisfies Record<string, z.ZodType>;
