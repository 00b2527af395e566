import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { applyMovement, capRemaining, insufficientCredits, lockAccount } from './account.js';
import { reservationLeft } from './charge-credits.js';
import type { CreditReference } from './constants.js';
import { creditLedger, creditReservations } from './credits.tables.js';
import { utcDay } from './defaults.js';
import { featureSchema, idempotencyKeySchema, milliSchema, reasonSchema, referenceSchema } from './input.js';
import { noticeLowBalance, sendAfter } from './low-balance.js';

const inputSchema = z.object({
  feature: featureSchema,
  reservationId: z.guid('reservationId must be a reservation id').optional(),
  charges: z
    .array(
      z.object({
        amountMilli: milliSchema,
        idempotencyKey: idempotencyKeySchema,
        reference: referenceSchema,
        /** Refund the charge right away (no data found, provider error): charged then refunded, both in the ledger. */
        refundReason: reasonSchema.optional(),
      }),
    )
    .max(10_000),
});

export interface SettleChargesInput {
  feature: string;
  reservationId?: string;
  charges: { amountMilli: number; idempotencyKey: string; reference: CreditReference; refundReason?: string }[];
}

export interface SettleChargesResult {
  /** Charges written now (keys charged before are skipped). */
  charged: number;
  refunded: number;
  /** Net milli-credits taken from the balance by this call (charges − refunds). */
  netChargedMilli: number;
}

/** Rows per INSERT: ~13 bind parameters each, far below PostgreSQL's 65,534. */
const LEDGER_ROWS_PER_INSERT = 1000;

/**
 * Charges many operations of one feature at once — what `chargeCredits` and `refundCredits`
 * do per key, in one locked account update and one multi-row ledger insert. Same rules: once
 * per idempotency key (charged keys are skipped, a refund happens once), the reservation pays
 * first, any excess comes from the free balance or the whole batch is refused with
 * INSUFFICIENT_CREDITS (nothing written). Each ledger row keeps its own reference and the
 * balance after it, as if the charges had been made one by one in the given order.
 */
export async function settleCharges(ctx: Ctx, input: SettleChargesInput): Promise<SettleChargesResult> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(inputSchema, input);
  if (v.charges.length === 0) return { charged: 0, refunded: 0, netChargedMilli: 0 };
  const { result, mails } = await withTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, workspaceId);
    const keys = [...new Set(v.charges.map((c) => c.idempotencyKey))];
    const earlier = await tx.db
      .select({ kind: creditLedger.kind, key: creditLedger.idempotencyKey, amountMilli: creditLedger.amountMilli, createdAt: creditLedger.createdAt })
      .from(creditLedger)
      .where(and(eq(creditLedger.workspaceId, workspaceId), inArray(creditLedger.kind, ['charge', 'refund']), inArray(creditLedger.idempotencyKey, keys)));
    const chargedBefore = new Map(earlier.filter((r) => r.kind === 'charge').map((r) => [r.key!, r]));
    const refundedBefore = new Set(earlier.filter((r) => r.kind === 'refund').map((r) => r.key!));

    const now = tx.clock.now();
    const today = utcDay(now);
    let reservationLeftMilli = v.reservationId ? await reservationLeft(tx, workspaceId, v.reservationId) : 0;
    let balance = account.balanceMilli;
    let reserved = account.reservedMilli;
    let fromReservation = 0;
    let excess = 0;
    let refundedToday = 0;
    let charged = 0;
    let refunded = 0;
    const rows: (typeof creditLedger.$inferInsert)[] = [];
    const row = (kind: 'charge' | 'refund', amountMilli: number, c: (typeof v.charges)[number]) =>
      rows.push({
        workspaceId,
        kind,
        amountMilli,
        feature: v.feature,
        referenceType: c.reference.type,
        referenceId: c.reference.id,
        reservationId: v.reservationId ?? null,
        idempotencyKey: c.idempotencyKey,
        reason: kind === 'refund' ? c.refundReason! : null,
        actorType: tx.actor.type,
        actorUserId: tx.actor.userId ?? null,
        actorApiKeyId: tx.actor.apiKeyId ?? null,
        balanceAfterMilli: balance,
        reservedAfterMilli: reserved,
        createdAt: now,
      });
    const seen = new Set<string>();
    for (const c of v.charges) {
      if (seen.has(c.idempotencyKey)) continue;
      seen.add(c.idempotencyKey);
      let chargeMilli = chargedBefore.get(c.idempotencyKey) ? -chargedBefore.get(c.idempotencyKey)!.amountMilli : null;
      let chargedToday = chargeMilli !== null && utcDay(chargedBefore.get(c.idempotencyKey)!.createdAt) === today;
      if (chargeMilli === null) {
        const paid = Math.min(c.amountMilli, reservationLeftMilli);
        reservationLeftMilli -= paid;
        fromReservation += paid;
        excess += c.amountMilli - paid;
        balance -= c.amountMilli;
        reserved -= paid;
        row('charge', -c.amountMilli, c);
        charged++;
        chargeMilli = c.amountMilli;
        chargedToday = true;
      }
      if (c.refundReason && !refundedBefore.has(c.idempotencyKey)) {
        balance += chargeMilli;
        if (chargedToday) refundedToday += chargeMilli;
        row('refund', chargeMilli, c);
        refunded++;
      }
    }
    if (rows.length === 0) return { result: { charged, refunded, netChargedMilli: 0 }, mails: [] };

    // Checked on the batch as a whole: refunds in it count as back in the free balance.
    const netExcess = excess - refundedToday;
    if (excess > 0 && (balance - reserved < 0 || capRemaining(account, now) < netExcess)) {
      throw insufficientCredits(account, excess, now, `these ${charged} charges`);
    }
    const { account: after, crossedLowBalance } = await applyMovement(tx, account, {
      balanceDelta: balance - account.balanceMilli,
      reservedDelta: -fromReservation,
      capDelta: netExcess,
      effect: charged > 0 ? 'debit' : 'neutral',
    });
    if (fromReservation > 0) {
      await tx.db
        .update(creditReservations)
        .set({ consumedMilli: sql`${creditReservations.consumedMilli} + ${fromReservation}` })
        .where(and(eq(creditReservations.id, v.reservationId!), eq(creditReservations.workspaceId, workspaceId)));
    }
    for (let i = 0; i < rows.length; i += LEDGER_ROWS_PER_INSERT) {
      await tx.db.insert(creditLedger).values(rows.slice(i, i + LEDGER_ROWS_PER_INSERT));
    }
    const mails = crossedLowBalance ? await noticeLowBalance(tx, after) : [];
    return { result: { charged, refunded, netChargedMilli: account.balanceMilli - after.balanceMilli }, mails };
  });
  await sendAfter(ctx, mails);
  return result;
}
