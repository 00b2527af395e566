import type { Ctx } from '../../core/context.js';
import type { CreditBalance } from './constants.js';

export async function getBalance(_ctx: Ctx): Promise<CreditBalance> {
  throw new Error('not implemented yet');
}
