import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { applyMovement, availableOf, capRemaining, insufficientCredits, lockAccount } from './account.js';
import type { CreditFeature, CreditReference } from './constants.js';
import { creditReservations } from './credits.tables.js';
import { featureSchema, milliSchema, referenceSchema } from './input.js';
import { appendLedger } from './ledger.js';

const inputSchema = z.object({ amountMilli: milliSchema, feature: featureSchema, reference: referenceSchema });

/**
 * Holds a job's estimated cost before it starts. Refused with INSUFFICIENT_CREDITS (and the
 * numbers) when the available credits or what is left of today's cap cannot cover it.
 */
export async function reserveCredits(
  ctx: Ctx,
  input: { amountMilli: number; feature: CreditFeature; reference: CreditReference },
): Promise<{ reservationId: string }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(inputSchema, input);
  return withTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, workspaceId);
    const now = tx.clock.now();
    if (availableOf(account) < v.amountMilli || capRemaining(account, now) < v.amountMilli) {
      throw insufficientCredits(account, v.amountMilli, now, 'this job');
    }
    const { account: after } = await applyMovement(tx, account, {
      balanceDelta: 0,
      reservedDelta: v.amountMilli,
      capDelta: v.amountMilli,
      effect: 'neutral',
    });
    const [reservation] = await tx.db
      .insert(creditReservations)
      .values({
        workspaceId,
        feature: v.feature,
        referenceType: v.reference.type,
        referenceId: v.reference.id,
        amountMilli: v.amountMilli,
        createdAt: now,
      })
      .returning({ id: creditReservations.id });
    await appendLedger(tx, {
      workspaceId,
      kind: 'reserve',
      amountMilli: -v.amountMilli,
      feature: v.feature,
      reference: v.reference,
      reservationId: reservation!.id,
      balanceAfterMilli: after.balanceMilli,
      reservedAfterMilli: after.reservedMilli,
    });
    return { reservationId: reservation!.id };
  });
}
