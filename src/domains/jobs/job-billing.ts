import type { Ctx } from '../../core/context.js';
import { getCostMilli, releaseReservation, reserveCredits, settleCharges, type SettleChargesInput } from '../credits/index.js';
import type { ItemOutcome, JobKind } from './job-kind.js';

/** The credits side of the engine, on the contract of the credits domain (caller's transaction). */

/** Key of an item's charge: one per (job item, feature), so a replayed chunk charges nothing twice. */
export const itemChargeKey = (itemId: number, feature: string) => `job_item:${itemId}:${feature}`;

/** Cost of one item, fixed when the job starts. */
export async function costPerItemMilli<P>(tx: Ctx, kind: JobKind<P>, payload: P): Promise<number> {
  if (!kind.billing) return 0;
  const cost = kind.billing.costMilli ? await kind.billing.costMilli(tx, payload) : await getCostMilli(tx, kind.billing.feature);
  if (!Number.isInteger(cost) || cost < 0) throw new Error(`job kind ${kind.kind}: cost per item must be a non-negative integer of milli-credits`);
  return cost;
}

/** Holds `items × cost` for a job (INSUFFICIENT_CREDITS refuses the start). */
export async function reserveForJob(tx: Ctx, input: { jobId: string; feature: string; items: number; costMilli: number }): Promise<string | null> {
  const amountMilli = input.items * input.costMilli;
  if (amountMilli <= 0) return null;
  const { reservationId } = await reserveCredits(tx, { amountMilli, feature: input.feature, reference: { type: 'job', id: input.jobId } });
  return reservationId;
}

export async function releaseJobReservation(tx: Ctx, reservationId: string | null): Promise<void> {
  if (reservationId) await releaseReservation(tx, { reservationId });
}

type FinalOutcome = Exclude<ItemOutcome, { status: 'retry' }>;

/**
 * Charges the billable items of a chunk inside the chunk's transaction (succeeded ones unless
 * they say `free`, skipped ones only when they ask) and refunds those reported as no data /
 * provider error — one ledger operation for the whole chunk (`settleCharges`: one account
 * update, one multi-row ledger insert), each row still keyed by its item. Failed items are
 * never charged.
 */
export async function chargeChunk(
  tx: Ctx,
  job: { feature: string | null; costPerItemMilli: number; reservationId: string | null },
  outcomes: FinalOutcome[],
): Promise<{ chargedMilli: number }> {
  const feature = job.feature;
  if (!feature || job.costPerItemMilli <= 0) return { chargedMilli: 0 };
  const charges: SettleChargesInput['charges'] = [];
  for (const o of outcomes) {
    if (o.status === 'failed') continue;
    const billing = o.billing ?? (o.status === 'succeeded' ? 'charge' : 'free');
    if (billing === 'free') continue;
    charges.push({
      amountMilli: job.costPerItemMilli,
      idempotencyKey: itemChargeKey(o.itemId, feature),
      reference: { type: 'job_item', id: String(o.itemId) },
      refundReason: typeof billing === 'object' ? billing.refund : undefined,
    });
  }
  const settled = await settleCharges(tx, { feature, reservationId: job.reservationId ?? undefined, charges });
  return { chargedMilli: settled.netChargedMilli };
}
