import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { assertRole } from '../../core/roles.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { lockAccount, toBalance } from './account.js';
import type { CreditBalance } from './constants.js';
import { creditAccounts } from './credits.tables.js';
import { milliSchema } from './input.js';

const inputSchema = z.object({
  monthlyAllowanceMilli: milliSchema.optional(),
  /** null: no daily cap. */
  dailyCapMilli: milliSchema.nullable().optional(),
  /** null: no low-balance notice. */
  lowBalanceThresholdMilli: milliSchema.nullable().optional(),
  /** Next monthly reset; null: the balance is never reset. */
  resetAt: z.date().nullable().optional(),
});

export type CreditSettingsInput = z.input<typeof inputSchema>;

/** Changes the workspace's allowance, daily cap, low-balance threshold or reset date (admin). */
export async function updateCreditSettings(ctx: Ctx, input: CreditSettingsInput): Promise<CreditBalance> {
  const workspaceId = requireWorkspaceId(ctx);
  if (ctx.actor.type !== 'system') assertRole(ctx.actor.role, 'admin', 'change credit settings');
  const v = parseInput(inputSchema, input);
  return withTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, workspaceId);
    const threshold = v.lowBalanceThresholdMilli === undefined ? account.lowBalanceThresholdMilli : v.lowBalanceThresholdMilli;
    // A threshold at or under the balance re-arms the notice; one above it waits for the next debit.
    const rearm = threshold === null || account.balanceMilli >= threshold;
    const [after] = await tx.db
      .update(creditAccounts)
      .set({
        ...(v.monthlyAllowanceMilli === undefined ? {} : { monthlyAllowanceMilli: v.monthlyAllowanceMilli }),
        ...(v.dailyCapMilli === undefined ? {} : { dailyCapMilli: v.dailyCapMilli }),
        ...(v.resetAt === undefined ? {} : { resetAt: v.resetAt }),
        lowBalanceThresholdMilli: threshold,
        lowBalanceNotifiedAt: rearm ? null : account.lowBalanceNotifiedAt,
        updatedAt: tx.clock.now(),
      })
      .where(eq(creditAccounts.workspaceId, workspaceId))
      .returning();
    await recordAudit(tx, {
      action: 'credits.settings_changed',
      targetType: 'workspace',
      targetId: workspaceId,
      metadata: { ...v, resetAt: v.resetAt?.toISOString() ?? v.resetAt },
    });
    return toBalance(after!);
  });
}
