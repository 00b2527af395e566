import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import type { OutgoingMail } from '../../core/mailer.js';
import { withTransaction } from '../../core/transaction.js';
import { applyMovement } from './account.js';
import { creditAccounts } from './credits.tables.js';
import { addOneMonth } from './defaults.js';
import { appendLedger } from './ledger.js';
import { noticeLowBalance, sendAfter } from './low-balance.js';

/**
 * System job: every account whose reset date has come gets its balance set back to the monthly
 * allowance (a 'reset' ledger row) and its next reset one month later. Running it again in the
 * same period changes nothing. Credits held by running jobs stay covered.
 */
export async function resetMonthlyCredits(ctx: Ctx, input: { now: Date }): Promise<{ workspacesReset: number }> {
  const due = await ctx.db
    .select({ workspaceId: creditAccounts.workspaceId })
    .from(creditAccounts)
    .where(and(isNotNull(creditAccounts.resetAt), lte(creditAccounts.resetAt, input.now)));
  let workspacesReset = 0;
  const mails: OutgoingMail[] = [];
  for (const { workspaceId } of due) {
    const sent = await withTransaction({ ...ctx, workspaceId }, (tx) => resetOne(tx, workspaceId, input.now));
    if (sent) {
      workspacesReset++;
      mails.push(...sent);
    }
  }
  await sendAfter(ctx, mails);
  return { workspacesReset };
}

/** Resets one account if still due (re-checked under the lock); null when it was not. */
async function resetOne(tx: Ctx, workspaceId: string, now: Date): Promise<OutgoingMail[] | null> {
  const [account] = await tx.db.select().from(creditAccounts).where(eq(creditAccounts.workspaceId, workspaceId)).for('update');
  if (!account?.resetAt || account.resetAt > now) return null;
  const period = account.resetAt;
  let next = addOneMonth(period);
  while (next <= now) next = addOneMonth(next);
  const target = Math.max(account.monthlyAllowanceMilli, account.reservedMilli);
  const delta = target - account.balanceMilli;
  const { account: after, crossedLowBalance } = await applyMovement(tx, account, { balanceDelta: delta, effect: 'reset' });
  await tx.db.update(creditAccounts).set({ resetAt: next }).where(eq(creditAccounts.workspaceId, workspaceId));
  await appendLedger(tx, {
    workspaceId,
    kind: 'reset',
    amountMilli: delta,
    idempotencyKey: `reset:${period.toISOString()}`,
    reason: `Monthly allowance for the period from ${period.toISOString().slice(0, 10)}`,
    balanceAfterMilli: after.balanceMilli,
    reservedAfterMilli: after.reservedMilli,
  });
  return crossedLowBalance ? noticeLowBalance(tx, after) : [];
}
