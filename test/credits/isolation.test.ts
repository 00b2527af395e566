import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chargeCredits,
  getBalance,
  getCostMilli,
  getCreditUsage,
  listCreditTransactions,
  refundCredits,
  releaseReservation,
  reserveCredits,
  setCreditCosts,
} from '../../src/domains/credits/index.js';
import { createNotification, listNotifications, markNotificationRead } from '../../src/domains/notifications/index.js';
import type { TestApp } from '../helpers/app.js';
import { creditsTestApp, domainError, fundedWorkspace, item, job } from './helpers.js';

describe('credits and notifications are per workspace', () => {
  let t: TestApp;
  beforeAll(async () => {
    ({ t } = await creditsTestApp());
  });
  afterAll(async () => t.close());

  it("does not let workspace A see or spend B's credits", async () => {
    const { ctx: a } = await fundedWorkspace(t, 1_000);
    const { ctx: b } = await fundedWorkspace(t, 9_000);
    const { reservationId } = await reserveCredits(b, { amountMilli: 5_000, feature: 'email_find', reference: job('b-job') });
    await chargeCredits(b, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'shared-key', reference: item('b1') });

    // A cannot use B's reservation, refund B's charge, nor release B's hold.
    await domainError(
      chargeCredits(a, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'a1', reference: item('a1'), reservationId }),
      'NOT_FOUND',
    );
    await domainError(refundCredits(a, { idempotencyKey: 'shared-key', reason: 'steal' }), 'NOT_FOUND');
    await domainError(releaseReservation(a, { reservationId }), 'NOT_FOUND');
    // The same idempotency key in A is A's own charge, against A's balance.
    expect((await chargeCredits(a, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'shared-key', reference: item('a2') })).charged).toBe(true);
    await domainError(chargeCredits(a, { amountMilli: 1, feature: 'email_find', idempotencyKey: 'a3', reference: item('a3') }), 'INSUFFICIENT_CREDITS');

    expect(await getBalance(a)).toMatchObject({ balanceMilli: 0, reservedMilli: 0 });
    expect(await getBalance(b)).toMatchObject({ balanceMilli: 8_000, reservedMilli: 5_000 });
    const aRows = (await listCreditTransactions(a, { limit: 200 })).items;
    expect(aRows.every((r) => r.reference?.id !== 'b1' && r.reservationId !== reservationId)).toBe(true);
    expect((await getCreditUsage(a, { from: '2026-03-10', to: '2026-03-10' })).totalUsedMilli).toBe(1_000);
    expect((await getCreditUsage(b, { from: '2026-03-10', to: '2026-03-10' })).totalUsedMilli).toBe(1_000);
  });

  it('keeps cost overrides per workspace', async () => {
    const { ctx: a } = await fundedWorkspace(t, 0);
    const { ctx: b } = await fundedWorkspace(t, 0);
    await setCreditCosts(a, { costs: { email_find: 2_000 } });
    expect(await getCostMilli(a, 'email_find')).toBe(2_000);
    expect(await getCostMilli(b, 'email_find')).toBe(1_000);
  });

  it("does not let a workspace read or mark another's notifications", async () => {
    const { ctx: a } = await fundedWorkspace(t, 0);
    const { ctx: b } = await fundedWorkspace(t, 0);
    const n = await createNotification(b, { kind: 'test', title: 'for B only' });
    expect((await listNotifications(a)).items).toEqual([]);
    await domainError(markNotificationRead(a, { id: n.id }), 'NOT_FOUND');
    expect((await listNotifications(b)).items[0]).toMatchObject({ id: n.id, readAt: null });
  });
});
