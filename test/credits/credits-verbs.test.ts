import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../src/core/context.js';
import { withTransaction } from '../../src/core/transaction.js';
import {
  adjustCredits,
  chargeCredits,
  getBalance,
  getCostMilli,
  grantCredits,
  listCreditTransactions,
  refundCredits,
  releaseReservation,
  reserveCredits,
  setCreditCosts,
} from '../../src/domains/credits/index.js';
import type { TestApp } from '../helpers/app.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { creditsTestApp, domainError, expectBooksBalance, fundedWorkspace, item, job } from './helpers.js';

describe('credits verbs', () => {
  let t: TestApp;

  beforeAll(async () => {
    ({ t } = await creditsTestApp());
  });
  afterAll(async () => t.close());

  it('opens an account lazily with the monthly allowance, a reset a month later and a ledger row', async () => {
    const owner = await createUserWithWorkspace(t);
    const ctx = t.ctx(owner.workspaceId);
    const b = await getBalance(ctx);
    expect(b).toEqual({
      balanceMilli: 1_000_000,
      reservedMilli: 0,
      availableMilli: 1_000_000,
      monthlyAllowanceMilli: 1_000_000,
      resetAt: new Date('2026-04-10T12:00:00Z'),
      dailyCapMilli: null,
      lowBalanceThresholdMilli: 100_000,
    });
    const { items } = await listCreditTransactions(ctx);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'grant', amountMilli: 1_000_000, balanceAfterMilli: 1_000_000, actorType: 'system' });
    // Asking again opens nothing new.
    await getBalance(ctx);
    expect((await listCreditTransactions(ctx)).items).toHaveLength(1);
  });

  it('knows the cost of each feature: workspace override, else default, else VALIDATION', async () => {
    const { ctx } = await fundedWorkspace(t, 0);
    expect(await getCostMilli(ctx, 'email_find')).toBe(1000);
    expect(await getCostMilli(ctx, 'email_verify')).toBe(500);
    await domainError(getCostMilli(ctx, 'enrich:clearbit'), 'VALIDATION');
    await domainError(getCostMilli(ctx, 'toString'), 'VALIDATION');
    await setCreditCosts(ctx, { costs: { email_verify: 250, 'enrich:clearbit': 3000 } });
    expect(await getCostMilli(ctx, 'email_verify')).toBe(250);
    expect(await getCostMilli(ctx, 'enrich:clearbit')).toBe(3000);
    await setCreditCosts(ctx, { costs: { email_verify: null } });
    expect(await getCostMilli(ctx, 'email_verify')).toBe(500);
  });

  it('refuses a reservation it cannot cover, with the numbers, and changes nothing', async () => {
    const { ctx } = await fundedWorkspace(t, 5_000);
    await reserveCredits(ctx, { amountMilli: 2_000, feature: 'email_find', reference: job('a') });
    const err = await domainError(reserveCredits(ctx, { amountMilli: 3_500, feature: 'email_find', reference: job('b') }), 'INSUFFICIENT_CREDITS');
    expect(err.details).toMatchObject({ requiredMilli: 3_500, availableMilli: 3_000, balanceMilli: 5_000, reservedMilli: 2_000, reason: 'balance' });
    expect(err.message).toContain('3.5');
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 5_000, reservedMilli: 2_000, availableMilli: 3_000 });
    await expectBooksBalance(ctx);
  });

  it('reserves, charges items from the reservation, refunds the empty ones and releases the rest', async () => {
    const { ctx } = await fundedWorkspace(t, 20_000);
    const { reservationId } = await reserveCredits(ctx, { amountMilli: 10_000, feature: 'email_find', reference: job('j1') });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 20_000, reservedMilli: 10_000, availableMilli: 10_000 });
    for (let i = 0; i < 6; i++) {
      const r = await chargeCredits(ctx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: `j1:${i}:find`, reference: item(`i${i}`), reservationId });
      expect(r.charged).toBe(true);
    }
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 14_000, reservedMilli: 4_000, availableMilli: 10_000 });
    // Two items found nothing.
    expect(await refundCredits(ctx, { idempotencyKey: 'j1:2:find', reason: 'no data found' })).toEqual({ refunded: true });
    expect(await refundCredits(ctx, { idempotencyKey: 'j1:5:find', reason: 'provider error' })).toEqual({ refunded: true });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 16_000, reservedMilli: 4_000, availableMilli: 12_000 });
    expect(await releaseReservation(ctx, { reservationId })).toEqual({ releasedMilli: 4_000 });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 16_000, reservedMilli: 0, availableMilli: 16_000 });
    expect(await releaseReservation(ctx, { reservationId })).toEqual({ releasedMilli: 0 });
    const kinds = (await listCreditTransactions(ctx, { limit: 200 })).items.map((i) => i.kind);
    expect(kinds.filter((k) => k === 'charge')).toHaveLength(6);
    expect(kinds.filter((k) => k === 'refund')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'release')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'reserve')).toHaveLength(1);
    await expectBooksBalance(ctx);
  });

  it('charges once per idempotency key', async () => {
    const { ctx } = await fundedWorkspace(t, 3_000);
    const input = { amountMilli: 500, feature: 'email_verify', idempotencyKey: 'item-9:verify', reference: item('9') };
    const first = await chargeCredits(ctx, input);
    const again = await chargeCredits(ctx, input);
    expect(first.charged).toBe(true);
    expect(again).toEqual({ charged: false, ledgerId: first.ledgerId });
    expect((await getBalance(ctx)).balanceMilli).toBe(2_500);
    // The same key for another operation of the same item is another charge.
    expect((await chargeCredits(ctx, { ...input, idempotencyKey: 'item-9:find', feature: 'email_find' })).charged).toBe(true);
    expect((await getBalance(ctx)).balanceMilli).toBe(2_000);
  });

  it('takes what a reservation cannot pay from the free balance, or refuses with the numbers', async () => {
    const { ctx } = await fundedWorkspace(t, 3_000);
    const { reservationId } = await reserveCredits(ctx, { amountMilli: 1_000, feature: 'email_find', reference: job() });
    await chargeCredits(ctx, { amountMilli: 1_500, feature: 'email_find', idempotencyKey: 'k1', reference: item('1'), reservationId });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 1_500, reservedMilli: 0, availableMilli: 1_500 });
    const err = await domainError(
      chargeCredits(ctx, { amountMilli: 2_000, feature: 'email_find', idempotencyKey: 'k2', reference: item('2'), reservationId }),
      'INSUFFICIENT_CREDITS',
    );
    expect(err.details).toMatchObject({ requiredMilli: 2_000, availableMilli: 1_500 });
    // A refused charge leaves no trace, so the key can be charged later.
    expect((await chargeCredits(ctx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'k2', reference: item('2') })).charged).toBe(true);
    // A released reservation pays nothing any more.
    await releaseReservation(ctx, { reservationId });
    await domainError(
      chargeCredits(ctx, { amountMilli: 600, feature: 'email_find', idempotencyKey: 'k3', reference: item('3'), reservationId }),
      'INSUFFICIENT_CREDITS',
    );
    await expectBooksBalance(ctx);
  });

  it('refunds a charge once, and only a charge that exists', async () => {
    const { ctx } = await fundedWorkspace(t, 2_000);
    await chargeCredits(ctx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'r1', reference: item('r1') });
    expect(await refundCredits(ctx, { idempotencyKey: 'r1', reason: 'no data found' })).toEqual({ refunded: true });
    expect(await refundCredits(ctx, { idempotencyKey: 'r1', reason: 'no data found' })).toEqual({ refunded: false });
    expect((await getBalance(ctx)).balanceMilli).toBe(2_000);
    // A refunded charge is still the charge of that key: charging it again does nothing.
    expect((await chargeCredits(ctx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'r1', reference: item('r1') })).charged).toBe(false);
    await domainError(refundCredits(ctx, { idempotencyKey: 'never-charged', reason: 'x' }), 'NOT_FOUND');
    const refund = (await listCreditTransactions(ctx, { kind: 'refund' })).items[0]!;
    expect(refund).toMatchObject({ amountMilli: 1_000, feature: 'email_find', reference: item('r1'), reason: 'no data found' });
    await expectBooksBalance(ctx);
  });

  it('grants and adjusts, never below zero nor below what jobs hold', async () => {
    const { ctx } = await fundedWorkspace(t, 1_000);
    const g = await grantCredits(ctx, { amountMilli: 4_000, reason: 'purchase #12' });
    expect(g.balance.balanceMilli).toBe(5_000);
    await reserveCredits(ctx, { amountMilli: 3_000, feature: 'email_find', reference: job() });
    const err = await domainError(adjustCredits(ctx, { amountMilli: -2_500, reason: 'correction' }), 'INSUFFICIENT_CREDITS');
    expect(err.details).toMatchObject({ requiredMilli: 2_500, availableMilli: 2_000 });
    const a = await adjustCredits(ctx, { amountMilli: -2_000, reason: 'correction' });
    expect(a.balance).toMatchObject({ balanceMilli: 3_000, reservedMilli: 3_000, availableMilli: 0 });
    await domainError(grantCredits(ctx, { amountMilli: 0, reason: 'nothing' }), 'VALIDATION');
    await domainError(grantCredits(ctx, { amountMilli: 1.5, reason: 'fraction of a milli' }), 'VALIDATION');
    await domainError(adjustCredits(ctx, { amountMilli: 0, reason: 'zero' }), 'VALIDATION');
    await domainError(grantCredits(ctx, { amountMilli: 1, reason: '  ' }), 'VALIDATION');
    const [last] = (await listCreditTransactions(ctx, { kind: 'adjust' })).items;
    expect(last).toMatchObject({ amountMilli: -2_000, reason: 'correction', balanceAfterMilli: 3_000, reservedAfterMilli: 3_000 });
    await expectBooksBalance(ctx);
  });

  it('lets only admins and owners grant or adjust', async () => {
    const { owner, ctx } = await fundedWorkspace(t, 1_000);
    const asMember = withActor(ctx, { type: 'user', userId: owner.id, role: 'member' });
    await domainError(grantCredits(asMember, { amountMilli: 1_000, reason: 'me' }), 'FORBIDDEN');
    await domainError(adjustCredits(asMember, { amountMilli: 1_000, reason: 'me' }), 'FORBIDDEN');
    const asAdmin = withActor(ctx, { type: 'user', userId: owner.id, role: 'admin' });
    const g = await grantCredits(asAdmin, { amountMilli: 1_000, reason: 'ok' });
    const [row] = (await listCreditTransactions(ctx, { kind: 'grant' })).items;
    expect(row).toMatchObject({ id: g.ledgerId, actorType: 'user', actorUserId: owner.id });
  });

  it("joins the caller's transaction: a rolled-back chunk charges nothing", async () => {
    const { ctx } = await fundedWorkspace(t, 5_000);
    const { reservationId } = await reserveCredits(ctx, { amountMilli: 2_000, feature: 'email_find', reference: job() });
    await expect(
      withTransaction(ctx, async (tx) => {
        await chargeCredits(tx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'chunk:1', reference: item('1'), reservationId });
        await chargeCredits(tx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'chunk:2', reference: item('2'), reservationId });
        throw new Error('worker crashed');
      }),
    ).rejects.toThrow('worker crashed');
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 5_000, reservedMilli: 2_000 });
    // The retried chunk charges both items.
    await withTransaction(ctx, async (tx) => {
      for (const k of ['1', '2']) {
        const r = await chargeCredits(tx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: `chunk:${k}`, reference: item(k), reservationId });
        expect(r.charged).toBe(true);
      }
    });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 3_000, reservedMilli: 0 });
    await expectBooksBalance(ctx);
  });

  it('keeps an INSUFFICIENT_CREDITS inside a transaction recoverable', async () => {
    const { ctx } = await fundedWorkspace(t, 1_000);
    await withTransaction(ctx, async (tx) => {
      await chargeCredits(tx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: 'ok', reference: item('a') });
      await domainError(chargeCredits(tx, { amountMilli: 1, feature: 'email_find', idempotencyKey: 'too-much', reference: item('b') }), 'INSUFFICIENT_CREDITS');
    });
    expect((await getBalance(ctx)).balanceMilli).toBe(0);
  });

  it('validates its input', async () => {
    const { ctx } = await fundedWorkspace(t, 1_000);
    await domainError(reserveCredits(ctx, { amountMilli: -1, feature: 'email_find', reference: job() }), 'VALIDATION');
    await domainError(reserveCredits(ctx, { amountMilli: 1, feature: 'Email Find', reference: job() }), 'VALIDATION');
    await domainError(chargeCredits(ctx, { amountMilli: 1, feature: 'email_find', idempotencyKey: '', reference: item('x') }), 'VALIDATION');
    await domainError(chargeCredits(ctx, { amountMilli: 1, feature: 'email_find', idempotencyKey: 'x', reference: item('x'), reservationId: 'nope' }), 'VALIDATION');
    await domainError(releaseReservation(ctx, { reservationId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
    await domainError(getBalance(t.ctx()), 'UNAUTHENTICATED');
  });

  it('has the database refuse a negative balance even to a careless writer', async () => {
    const { ctx } = await fundedWorkspace(t, 1_000);
    const violated = (q: Promise<unknown>) =>
      q.then(
        () => 'accepted',
        (e: { cause?: { constraint?: string; message?: string } }) => e.cause?.constraint ?? e.cause?.message ?? 'other error',
      );
    const where = sql`where workspace_id = ${ctx.workspaceId}`;
    expect(await violated(ctx.db.execute(sql`update credit_accounts set balance_milli = -1, reserved_milli = -1 ${where}`))).toMatch(/credit_accounts_(balance|reserved)_nonneg/);
    expect(await violated(ctx.db.execute(sql`update credit_accounts set reserved_milli = balance_milli + 1 ${where}`))).toMatch('credit_accounts_reserved_le_balance');
    expect((await getBalance(ctx)).balanceMilli).toBe(1_000);
  });
});
