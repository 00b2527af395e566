import type { Ctx } from '../../core/context.js';

export async function resetMonthlyCredits(_ctx: Ctx, _input: { now: Date }): Promise<{ workspacesReset: number }> {
  throw new Error('not implemented yet');
}
