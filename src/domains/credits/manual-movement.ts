import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { assertRole } from '../../core/roles.js';
import { recordAudit } from '../audit/index.js';
import { applyMovement, insufficientCredits, lockAccount, toBalance } from './account.js';
import type { CreditBalance } from './constants.js';
import { appendLedger } from './ledger.js';
import { noticeLowBalance, sendAfter } from './low-balance.js';

export interface ManualMovementResult {
  ledgerId: string;
  balance: CreditBalance;
}

/** Grants and adjustments by an admin (or the system): one ledger row, one audit event. */
export async function manualMovement(ctx: Ctx, kind: 'grant' | 'adjust', amountMilli: number, reason: string): Promise<ManualMovementResult> {
  const workspaceId = requireWorkspaceId(ctx);
  if (ctx.actor.type !== 'system') assertRole(ctx.actor.role, 'admin', `${kind} credits`);
  const { result, mails } = await withTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, workspaceId);
    // Credits held for running jobs stay covered: the balance never drops below them.
    if (account.balanceMilli + amountMilli < account.reservedMilli) {
      throw insufficientCredits(account, -amountMilli, tx.clock.now(), 'this adjustment');
    }
    const { account: after, crossedLowBalance } = await applyMovement(tx, account, {
      balanceDelta: amountMilli,
      effect: amountMilli >= 0 ? 'topup' : 'debit',
    });
    const ledgerId = await appendLedger(tx, {
      workspaceId,
      kind,
      amountMilli,
      reason,
      balanceAfterMilli: after.balanceMilli,
      reservedAfterMilli: after.reservedMilli,
    });
    await recordAudit(tx, {
      action: `credits.${kind === 'grant' ? 'granted' : 'adjusted'}`,
      targetType: 'credit_ledger',
      targetId: ledgerId,
      metadata: { amountMilli, balanceAfterMilli: after.balanceMilli },
    });
    const mails = crossedLowBalance ? await noticeLowBalance(tx, after) : [];
    return { result: { ledgerId, balance: toBalance(after) }, mails };
  });
  await sendAfter(ctx, mails);
  return result;
}
