// The review part of the contract: requests and pushed events, merged into contract.ts.
// Handlers live in electron/core/handlers-review.ts.
import type { z } from 'zod';
import type { RequestSpec } from './spec';

export const reviewRequests = {} as const satisfies Record<string, RequestSpec>;

export const reviewEvents = {} as const satisfies Record<string, z.ZodType>;
