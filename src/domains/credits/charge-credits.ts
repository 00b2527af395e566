import type { Ctx } from '../../core/context.js';
import type { CreditFeature, CreditReference } from './constants.js';
export async function chargeCredits(_ctx: Ctx, _input: { amountMilli: number; feature: CreditFeature; idempotencyKey: string; reference: CreditReference; reservationId?: string }): Promise<{ charged: boolean; ledgerId: string }> {
  throw new Error('not implemented yet');
}
