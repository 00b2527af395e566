import { z } from 'zod';
import { featureSchema } from './get-cost.js';

/** A whole number of milli-credits (1 credit = 1000). */
export const milliSchema = z.number().int('amounts are whole milli-credits').min(0).max(Number.MAX_SAFE_INTEGER);
export const positiveMilliSchema = milliSchema.min(1, 'amount must be positive');

export const referenceSchema = z.object({
  type: z.string().trim().min(1).max(50),
  id: z.string().trim().min(1).max(200),
});

export const idempotencyKeySchema = z.string().min(1).max(300);
export const reasonSchema = z.string().trim().min(1, 'a reason is required').max(500);
export { featureSchema };
