import type { Ctx } from '../../core/context.js';
import type { CreditBalance } from './constants.js';
export async function grantCredits(_ctx: Ctx, _input: { amountMilli: number; reason: string }): Promise<{ ledgerId: string; balance: CreditBalance }> {
  throw new Error('not implemented yet');
}
