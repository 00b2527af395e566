import type { Ctx } from '../../core/context.js';
import type { CreditFeature } from './constants.js';
export async function getCostMilli(_ctx: Ctx, _input: CreditFeature): Promise<number> {
  throw new Error('not implemented yet');
}
