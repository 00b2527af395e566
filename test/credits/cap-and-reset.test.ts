import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/core/clock.js';
import {
  chargeCredits,
  getBalance,
  grantCredits,
  listCreditTransactions,
  refundCredits,
  releaseReservation,
  reserveCredits,
  resetMonthlyCredits,
  updateCreditSettings,
} from '../../src/domains/credits/index.js';
import type { TestApp } from '../helpers/app.js';
import { creditsTestApp, domainError, expectBooksBalance, fundedWorkspace, item, job, START } from './helpers.js';

describe('daily cap', () => {
  let t: TestApp;
  let clock: ManualClock;
  beforeAll(async () => {
    ({ t, clock } = await creditsTestApp());
  });
  afterAll(async () => t.close());

  it('refuses what would pass the daily cap, with the numbers, and allows it again the next UTC day', async () => {
    clock.set('2026-03-10T08:00:00Z');
    const { ctx } = await fundedWorkspace(t, 100_000);
    await updateCreditSettings(ctx, { dailyCapMilli: 5_000 });
    await reserveCredits(ctx, { amountMilli: 3_000, feature: 'email_find', reference: job('a') });
    await chargeCredits(ctx, { amountMilli: 1_500, feature: 'email_find', idempotencyKey: 'direct-1', reference: item('1') });
    const err = await domainError(reserveCredits(ctx, { amountMilli: 1_000, feature: 'email_find', reference: job('b') }), 'INSUFFICIENT_CREDITS');
    expect(err.details).toMatchObject({ requiredMilli: 1_000, availableMilli: 500, dailyCapMilli: 5_000, dailyRemainingMilli: 500, reason: 'daily_cap' });
    expect(err.message).toMatch(/daily credit cap/i);
    await domainError(chargeCredits(ctx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'direct-2', reference: item('2') }), 'INSUFFICIENT_CREDITS');
    await chargeCredits(ctx, { amountMilli: 500, feature: 'email_find', idempotencyKey: 'direct-3', reference: item('3') });

    clock.set('2026-03-11T00:00:01Z');
    await reserveCredits(ctx, { amountMilli: 5_000, feature: 'email_find', reference: job('c') });
    await domainError(reserveCredits(ctx, { amountMilli: 1, feature: 'email_find', reference: job('d') }), 'INSUFFICIENT_CREDITS');
    await expectBooksBalance(ctx);
  });

  it("gives today's cap back when a reservation is released or a charge refunded", async () => {
    clock.set('2026-03-12T10:00:00Z');
    const { ctx } = await fundedWorkspace(t, 100_000);
    await updateCreditSettings(ctx, { dailyCapMilli: 4_000 });
    const { reservationId } = await reserveCredits(ctx, { amountMilli: 4_000, feature: 'email_find', reference: job() });
    await chargeCredits(ctx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'x1', reference: item('1'), reservationId });
    await releaseReservation(ctx, { reservationId });
    await refundCredits(ctx, { idempotencyKey: 'x1', reason: 'no data found' });
    // 4 reserved − 3 released − 1 refunded: the whole cap is free again.
    await reserveCredits(ctx, { amountMilli: 4_000, feature: 'email_find', reference: job('again') });
    await expectBooksBalance(ctx);
  });

  it('does not limit charges paid by a reservation made within the cap', async () => {
    clock.set('2026-03-13T10:00:00Z');
    const { ctx } = await fundedWorkspace(t, 100_000);
    await updateCreditSettings(ctx, { dailyCapMilli: 3_000 });
    const { reservationId } = await reserveCredits(ctx, { amountMilli: 3_000, feature: 'email_find', reference: job() });
    for (let i = 0; i < 3; i++) {
      await chargeCredits(ctx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: `r${i}`, reference: item(String(i)), reservationId });
    }
    await domainError(
      chargeCredits(ctx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'r3', reference: item('3'), reservationId }),
      'INSUFFICIENT_CREDITS',
    );
    await updateCreditSettings(ctx, { dailyCapMilli: null });
    await chargeCredits(ctx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'r3', reference: item('3'), reservationId });
    expect((await getBalance(ctx)).balanceMilli).toBe(96_000);
  });
});

describe('monthly reset', () => {
  let t: TestApp;
  let clock: ManualClock;
  beforeAll(async () => {
    ({ t, clock } = await creditsTestApp());
  });
  afterAll(async () => t.close());

  it('sets due balances back to the allowance once per period and moves the reset date a month on', async () => {
    clock.set(START);
    const { ctx } = await fundedWorkspace(t, 0);
    await updateCreditSettings(ctx, { monthlyAllowanceMilli: 50_000 });
    const { ctx: notDue } = await fundedWorkspace(t, 7_000);
    await updateCreditSettings(notDue, { resetAt: new Date('2026-05-01T00:00:00Z') });
    await grantCredits(ctx, { amountMilli: 12_000, reason: 'bought' });

    expect(await resetMonthlyCredits(t.ctx(), { now: new Date('2026-04-10T11:59:59Z') })).toEqual({ workspacesReset: 0 });
    const due = new Date('2026-04-10T12:00:00Z');
    expect((await resetMonthlyCredits(t.ctx(), { now: due })).workspacesReset).toBe(1);
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 50_000, resetAt: new Date('2026-05-10T12:00:00Z') });
    expect((await getBalance(notDue)).balanceMilli).toBe(7_000);
    // The scheduler fires twice, or another instance runs it too: nothing more happens.
    expect(await resetMonthlyCredits(t.ctx(), { now: new Date('2026-04-11T00:00:00Z') })).toEqual({ workspacesReset: 0 });
    const resets = (await listCreditTransactions(ctx, { kind: 'reset' })).items;
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatchObject({ amountMilli: 38_000, balanceAfterMilli: 50_000, actorType: 'system' });
    await expectBooksBalance(ctx);
  });

  it('skips missed periods to the next future date and keeps what running jobs hold', async () => {
    const { ctx } = await fundedWorkspace(t, 10_000);
    await updateCreditSettings(ctx, { monthlyAllowanceMilli: 2_000, resetAt: new Date('2026-01-31T00:00:00Z') });
    await reserveCredits(ctx, { amountMilli: 6_000, feature: 'email_find', reference: job() });
    await resetMonthlyCredits(t.ctx(), { now: new Date('2026-04-15T00:00:00Z') });
    // Jan 31 → Feb 28 → Mar 28 → Apr 28.
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 6_000, reservedMilli: 6_000, availableMilli: 0, resetAt: new Date('2026-04-28T00:00:00Z') });
    await expectBooksBalance(ctx);
  });

  it('never resets an account without a reset date', async () => {
    const { ctx } = await fundedWorkspace(t, 3_000);
    await updateCreditSettings(ctx, { resetAt: null });
    await resetMonthlyCredits(t.ctx(), { now: new Date('2030-01-01T00:00:00Z') });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 3_000, resetAt: null });
  });
});
