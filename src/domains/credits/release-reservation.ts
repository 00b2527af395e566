import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { applyMovement, lockAccount } from './account.js';
import { creditReservations } from './credits.tables.js';
import { utcDay } from './defaults.js';
import { appendLedger } from './ledger.js';

const inputSchema = z.object({ reservationId: z.guid('reservationId must be a reservation id') });

/** Gives back what a reservation still holds and closes it. Releasing again frees nothing. */
export async function releaseReservation(ctx: Ctx, input: { reservationId: string }): Promise<{ releasedMilli: number }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(inputSchema, input);
  return withTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, workspaceId);
    const mine = and(eq(creditReservations.id, v.reservationId), eq(creditReservations.workspaceId, workspaceId));
    const [r] = await tx.db.select().from(creditReservations).where(mine).limit(1);
    if (!r) throw notFound('Credit reservation');
    if (r.status === 'released') return { releasedMilli: 0 };
    const now = tx.clock.now();
    const left = r.amountMilli - r.consumedMilli - r.releasedMilli;
    await tx.db
      .update(creditReservations)
      .set({ status: 'released', releasedMilli: r.releasedMilli + left, releasedAt: now })
      .where(mine);
    if (left === 0) return { releasedMilli: 0 };
    const { account: after } = await applyMovement(tx, account, {
      balanceDelta: 0,
      reservedDelta: -left,
      // What was held today and not used no longer counts against today's cap.
      capDelta: utcDay(r.createdAt) === utcDay(now) ? -left : 0,
      effect: 'neutral',
    });
    await appendLedger(tx, {
      workspaceId,
      kind: 'release',
      amountMilli: left,
      feature: r.feature,
      reference: { type: r.referenceType, id: r.referenceId },
      reservationId: r.id,
      balanceAfterMilli: after.balanceMilli,
      reservedAfterMilli: after.reservedMilli,
    });
    return { releasedMilli: left };
  });
}
