import { z } from 'zod';
import { REASON_PRIORITY, VERIFY_STATUSES } from '../../../domains/verify/index.js';

/** The verification contract as a response schema (DESIGN.md "Email verification contract"). */
export const verifyResultView = z.object({
  email: z.string(),
  status: z.enum(VERIFY_STATUSES),
  reason: z.enum(REASON_PRIORITY),
  score: z.number().int().min(0).max(100),
  suggestion: z.string().nullable(),
  checks: z.object({
    syntax: z.boolean(),
    domain: z.boolean().nullable(),
    mx: z.array(z.object({ exchange: z.string(), priority: z.number().int() })),
    smtp: z.string(),
    catchAll: z.boolean().nullable(),
    disposable: z.boolean(),
    role: z.boolean(),
    free: z.boolean(),
    gibberish: z.boolean(),
    provider: z.string().nullable(),
  }),
});
