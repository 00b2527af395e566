import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { applyMovement, lockAccount } from './account.js';
import { creditLedger } from './credits.tables.js';
import { utcDay } from './defaults.js';
import { idempotencyKeySchema, reasonSchema } from './input.js';
import { appendLedger } from './ledger.js';

const inputSchema = z.object({ idempotencyKey: idempotencyKeySchema, reason: reasonSchema });

/**
 * Gives back the charge made under an idempotency key (no data found, provider error), once.
 * The credits return to the free balance; NOT_FOUND when nothing was charged under the key.
 */
export async function refundCredits(ctx: Ctx, input: { idempotencyKey: string; reason: string }): Promise<{ refunded: boolean }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(inputSchema, input);
  return withTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, workspaceId);
    const byKey = (kind: 'charge' | 'refund') =>
      tx.db
        .select()
        .from(creditLedger)
        .where(and(eq(creditLedger.workspaceId, workspaceId), eq(creditLedger.kind, kind), eq(creditLedger.idempotencyKey, v.idempotencyKey)))
        .limit(1);
    const [charge] = await byKey('charge');
    if (!charge) throw notFound('Charge for this idempotency key');
    const [refund] = await byKey('refund');
    if (refund) return { refunded: false };
    const amount = -charge.amountMilli;
    const now = tx.clock.now();
    const { account: after } = await applyMovement(tx, account, {
      balanceDelta: amount,
      capDelta: utcDay(charge.createdAt) === utcDay(now) ? -amount : 0,
      effect: 'neutral',
    });
    await appendLedger(tx, {
      workspaceId,
      kind: 'refund',
      amountMilli: amount,
      feature: charge.feature,
      reference: charge.referenceType && charge.referenceId ? { type: charge.referenceType, id: charge.referenceId } : null,
      reservationId: charge.reservationId,
      idempotencyKey: v.idempotencyKey,
      reason: v.reason,
      balanceAfterMilli: after.balanceMilli,
      reservedAfterMilli: after.reservedMilli,
    });
    return { refunded: true };
  });
}
