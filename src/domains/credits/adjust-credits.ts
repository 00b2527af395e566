import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { reasonSchema } from './input.js';
import { manualMovement, type ManualMovementResult } from './manual-movement.js';

const inputSchema = z.object({
  amountMilli: z
    .number()
    .int('amounts are whole milli-credits')
    .min(-Number.MAX_SAFE_INTEGER)
    .max(Number.MAX_SAFE_INTEGER)
    .refine((n) => n !== 0, 'an adjustment cannot be zero'),
  reason: reasonSchema,
});

/**
 * Corrects the balance up or down (admin). It never goes below zero, nor below the credits
 * running jobs hold: that is refused with INSUFFICIENT_CREDITS and the numbers.
 */
export async function adjustCredits(ctx: Ctx, input: { amountMilli: number; reason: string }): Promise<ManualMovementResult> {
  const v = parseInput(inputSchema, input);
  return manualMovement(ctx, 'adjust', v.amountMilli, v.reason);
}
