import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { applyMovement, availableOf, capRemaining, insufficientCredits, lockAccount } from './account.js';
import type { CreditFeature, CreditReference } from './constants.js';
import { creditLedger, creditReservations } from './credits.tables.js';
import { featureSchema, idempotencyKeySchema, milliSchema, referenceSchema } from './input.js';
import { appendLedger } from './ledger.js';
import { noticeLowBalance, sendAfter } from './low-balance.js';

const inputSchema = z.object({
  amountMilli: milliSchema,
  feature: featureSchema,
  idempotencyKey: idempotencyKeySchema,
  reference: referenceSchema,
  reservationId: z.guid('reservationId must be a reservation id').optional(),
});

/**
 * Charges one operation, once per idempotency key: a repeated key charges nothing and answers
 * the first charge's ledger id. With a reservation, its remaining credits pay first and only the
 * excess comes from the free balance (INSUFFICIENT_CREDITS when that cannot cover it).
 */
export async function chargeCredits(
  ctx: Ctx,
  input: { amountMilli: number; feature: CreditFeature; idempotencyKey: string; reference: CreditReference; reservationId?: string },
): Promise<{ charged: boolean; ledgerId: string }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(inputSchema, input);
  const { result, mails } = await withTransaction(ctx, async (tx) => {
    // The lock comes first so that a concurrent charge with the same key is seen below.
    const account = await lockAccount(tx, workspaceId);
    const [previous] = await tx.db
      .select({ id: creditLedger.id })
      .from(creditLedger)
      .where(and(eq(creditLedger.workspaceId, workspaceId), eq(creditLedger.kind, 'charge'), eq(creditLedger.idempotencyKey, v.idempotencyKey)))
      .limit(1);
    if (previous) return { result: { charged: false, ledgerId: String(previous.id) }, mails: [] };

    const fromReservation = v.reservationId ? Math.min(v.amountMilli, await reservationLeft(tx, workspaceId, v.reservationId)) : 0;
    const excess = v.amountMilli - fromReservation;
    const now = tx.clock.now();
    if (excess > 0 && (availableOf(account) < excess || capRemaining(account, now) < excess)) {
      throw insufficientCredits(account, excess, now, 'this charge');
    }
    const { account: after, crossedLowBalance } = await applyMovement(tx, account, {
      balanceDelta: -v.amountMilli,
      reservedDelta: -fromReservation,
      capDelta: excess,
      effect: 'debit',
    });
    if (fromReservation > 0) {
      await tx.db
        .update(creditReservations)
        .set({ consumedMilli: sql`${creditReservations.consumedMilli} + ${fromReservation}` })
        .where(and(eq(creditReservations.id, v.reservationId!), eq(creditReservations.workspaceId, workspaceId)));
    }
    const ledgerId = await appendLedger(tx, {
      workspaceId,
      kind: 'charge',
      amountMilli: -v.amountMilli,
      feature: v.feature,
      reference: v.reference,
      reservationId: v.reservationId ?? null,
      idempotencyKey: v.idempotencyKey,
      balanceAfterMilli: after.balanceMilli,
      reservedAfterMilli: after.reservedMilli,
    });
    const mails = crossedLowBalance ? await noticeLowBalance(tx, after) : [];
    return { result: { charged: true, ledgerId }, mails };
  });
  await sendAfter(ctx, mails);
  return result;
}

/** Credits still held by an open reservation of this workspace (0 once released). */
export async function reservationLeft(tx: Ctx, workspaceId: string, reservationId: string): Promise<number> {
  const [r] = await tx.db
    .select()
    .from(creditReservations)
    .where(and(eq(creditReservations.id, reservationId), eq(creditReservations.workspaceId, workspaceId)))
    .limit(1);
  if (!r) throw notFound('Credit reservation');
  return r.status === 'open' ? r.amountMilli - r.consumedMilli - r.releasedMilli : 0;
}
