import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/core/db.js';
import { withTransaction } from '../../src/core/transaction.js';
import {
  chargeCredits,
  getBalance,
  listCreditTransactions,
  releaseReservation,
  reserveCredits,
  settleCharges,
  updateCreditSettings,
} from '../../src/domains/credits/index.js';
import { listNotifications } from '../../src/domains/notifications/index.js';
import type { TestApp } from '../helpers/app.js';
import { creditsTestApp, domainError, expectBooksBalance, fundedWorkspace, item, job } from './helpers.js';

const charge = (id: string, amountMilli = 1000, refundReason?: string) => ({
  amountMilli,
  idempotencyKey: `job_item:${id}:email_find`,
  reference: item(id),
  refundReason,
});

describe('settleCharges: a batch of charges and refunds in one ledger operation', () => {
  let t: TestApp;
  beforeAll(async () => {
    ({ t } = await creditsTestApp());
  });
  afterAll(async () => t.close());

  it('charges a batch from the reservation and refunds the empty ones, one ledger row per item and operation', async () => {
    const { ctx } = await fundedWorkspace(t, 20_000);
    const { reservationId } = await reserveCredits(ctx, { amountMilli: 5000, feature: 'email_find', reference: job() });
    const result = await settleCharges(ctx, {
      feature: 'email_find',
      reservationId,
      charges: [charge('1'), charge('2', 1000, 'not_found'), charge('3'), charge('4', 1000, 'provider_error')],
    });
    expect(result).toEqual({ charged: 4, refunded: 2, netChargedMilli: 2000 });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 18_000, reservedMilli: 1000 });

    const rows = (await listCreditTransactions(ctx, { limit: 200 })).items.filter((r) => r.kind === 'charge' || r.kind === 'refund').reverse();
    // The rows read as if the charges had been made one by one, in order.
    expect(rows.map((r) => [r.kind, r.reference?.id, r.amountMilli, r.balanceAfterMilli, r.reservedAfterMilli, r.reason])).toEqual([
      ['charge', '1', -1000, 19_000, 4000, null],
      ['charge', '2', -1000, 18_000, 3000, null],
      ['refund', '2', 1000, 19_000, 3000, 'not_found'],
      ['charge', '3', -1000, 18_000, 2000, null],
      ['charge', '4', -1000, 17_000, 1000, null],
      ['refund', '4', 1000, 18_000, 1000, 'provider_error'],
    ]);
    expect(rows.every((r) => r.reservationId === reservationId)).toBe(true);

    // Replayed (a chunk run twice): nothing more is charged or refunded.
    expect(await settleCharges(ctx, { feature: 'email_find', reservationId, charges: [charge('1'), charge('2', 1000, 'not_found')] })).toEqual({
      charged: 0,
      refunded: 0,
      netChargedMilli: 0,
    });
    await releaseReservation(ctx, { reservationId });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 18_000, reservedMilli: 0 });
    await expectBooksBalance(ctx);
  });

  it('shares its keys with chargeCredits: a key charged one way is not charged again the other way', async () => {
    const { ctx } = await fundedWorkspace(t, 10_000);
    await chargeCredits(ctx, { amountMilli: 1000, feature: 'email_find', idempotencyKey: charge('a').idempotencyKey, reference: item('a') });
    // The earlier charge is refunded by the batch (once), the new key charged.
    const result = await settleCharges(ctx, { feature: 'email_find', charges: [charge('a', 1000, 'not_found'), charge('b'), charge('b')] });
    expect(result).toEqual({ charged: 1, refunded: 1, netChargedMilli: 0 });
    expect((await chargeCredits(ctx, { amountMilli: 1000, feature: 'email_find', idempotencyKey: charge('b').idempotencyKey, reference: item('b') })).charged).toBe(false);
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 9000 });
    await expectBooksBalance(ctx);
  });

  it('takes the excess over the reservation from the free balance, or refuses the whole batch and writes nothing', async () => {
    const { ctx } = await fundedWorkspace(t, 4000);
    const { reservationId } = await reserveCredits(ctx, { amountMilli: 2000, feature: 'email_find', reference: job() });
    // 3 credits: 2 from the reservation, 1 from the free 2.
    await settleCharges(ctx, { feature: 'email_find', reservationId, charges: [charge('1'), charge('2'), charge('3')] });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 1000, reservedMilli: 0, availableMilli: 1000 });

    const before = (await listCreditTransactions(ctx, { limit: 200 })).items.length;
    const err = await domainError(settleCharges(ctx, { feature: 'email_find', reservationId, charges: [charge('4'), charge('5')] }), 'INSUFFICIENT_CREDITS');
    expect(err.details).toMatchObject({ requiredMilli: 2000, availableMilli: 1000, reason: 'balance' });
    expect((await listCreditTransactions(ctx, { limit: 200 })).items).toHaveLength(before);
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 1000 });

    // A refund in the batch frees what a later charge of the batch needs.
    await settleCharges(ctx, { feature: 'email_find', charges: [charge('4', 1000, 'not_found'), charge('5')] });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 0 });
    await expectBooksBalance(ctx);
  });

  it("counts against the daily cap, joins the caller's transaction and fires the low-balance notice once", async () => {
    const { ctx } = await fundedWorkspace(t, 10_000, { thresholdMilli: 5000 });
    await updateCreditSettings(ctx, { dailyCapMilli: 3000 });
    const err = await domainError(settleCharges(ctx, { feature: 'email_find', charges: ['1', '2', '3', '4'].map((i) => charge(i)) }), 'INSUFFICIENT_CREDITS');
    expect(err.details).toMatchObject({ reason: 'daily_cap', dailyRemainingMilli: 3000 });
    await updateCreditSettings(ctx, { dailyCapMilli: null });

    await withTransaction(ctx, async (tx) => {
      await settleCharges(tx, { feature: 'email_find', charges: ['1', '2'].map((i) => charge(i)) });
      await tx.db.execute(sql`select 1`);
    });
    await expect(
      withTransaction(ctx, async (tx) => {
        await settleCharges(tx, { feature: 'email_find', charges: ['3', '4'].map((i) => charge(i)) });
        throw new Error('the chunk failed after charging');
      }),
    ).rejects.toThrow('the chunk failed');
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 8000 });

    await settleCharges(ctx, { feature: 'email_find', charges: ['3', '4', '5', '6'].map((i) => charge(i)) });
    await settleCharges(ctx, { feature: 'email_find', charges: ['7'].map((i) => charge(i)) });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 3000 });
    const notices = await listNotifications(ctx, {});
    expect(notices.items.filter((n) => n.kind === 'credits.low_balance')).toHaveLength(1);
    const [{ n }] = (await queryRows<{ n: string }>(
      ctx.db,
      sql`select count(*) as n from credit_ledger where workspace_id = ${ctx.workspaceId} and kind = 'charge'`,
    )) as [{ n: string }];
    expect(Number(n)).toBe(7);
    await expectBooksBalance(ctx);
  });

  it('validates its input', async () => {
    const { ctx } = await fundedWorkspace(t, 1000);
    await domainError(settleCharges(ctx, { feature: 'email_find', charges: [{ ...charge('x'), amountMilli: 0.5 }] }), 'VALIDATION');
    await domainError(settleCharges(ctx, { feature: 'email_find', charges: [{ ...charge('x'), idempotencyKey: '' }] }), 'VALIDATION');
    expect(await settleCharges(ctx, { feature: 'email_find', charges: [] })).toEqual({ charged: 0, refunded: 0, netChargedMilli: 0 });
  });
});
