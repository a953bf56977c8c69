// The archive part of the contract: requests and pushed events, merged into contract.ts.
// Handlers live in electron/core/handlers-archive.ts.
import type { z } from 'zod';
import type { RequestSpec } from './spec';

export const archiveRequests = {} as const satisfies Record<string, RequestSpec>;

export const archiveEvents = {} as const satisfies Record<string, z.ZodType>;
