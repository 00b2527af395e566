import { eq } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { ensureAccount, toBalance } from './account.js';
import type { CreditBalance } from './constants.js';
import { creditAccounts } from './credits.tables.js';

/** The workspace's balance, what running jobs hold, and its credit settings. */
export async function getBalance(ctx: Ctx): Promise<CreditBalance> {
  const workspaceId = requireWorkspaceId(ctx);
  await ensureAccount(ctx, workspaceId);
  const [row] = await ctx.db.select().from(creditAccounts).where(eq(creditAccounts.workspaceId, workspaceId)).limit(1);
  return toBalance(row!);
}
