// What every entry of the contract is made of; the domain tables (requests-*.ts) and
// contract.ts all build on it.
import { z } from 'zod';

/** A request's schemas: what the caller sends and what the core answers. */
export interface RequestSpec {
  args: z.ZodType;
  result: z.ZodType;
  /** A doc line shown in docs and the preload; keep it one sentence. */
  summary: string;
}

export const isoTime = z.string().datetime({ offset: true });
export const noArgs = z.object({}).strict();
