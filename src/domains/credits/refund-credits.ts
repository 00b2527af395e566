import type { Ctx } from '../../core/context.js';

export async function refundCredits(_ctx: Ctx, _input: { idempotencyKey: string; reason: string }): Promise<{ refunded: boolean }> {
  throw new Error('not implemented yet');
}
