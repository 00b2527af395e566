import type { Ctx } from '../../core/context.js';
import type { CreditFeature, CreditReference } from './constants.js';
export async function reserveCredits(_ctx: Ctx, _input: { amountMilli: number; feature: CreditFeature; reference: CreditReference }): Promise<{ reservationId: string }> {
  throw new Error('not implemented yet');
}
