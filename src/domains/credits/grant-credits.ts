import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { positiveMilliSchema, reasonSchema } from './input.js';
import { manualMovement, type ManualMovementResult } from './manual-movement.js';

const inputSchema = z.object({ amountMilli: positiveMilliSchema, reason: reasonSchema });

/** Adds credits to the workspace (admin): a purchase, a goodwill gesture, a top-up. */
export async function grantCredits(ctx: Ctx, input: { amountMilli: number; reason: string }): Promise<ManualMovementResult> {
  const v = parseInput(inputSchema, input);
  return manualMovement(ctx, 'grant', v.amountMilli, v.reason);
}
