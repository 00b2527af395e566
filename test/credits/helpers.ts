import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Ctx } from '../../src/core/context.js';
import { DomainError } from '../../src/core/errors.js';
import { queryRows } from '../../src/core/db.js';
import { adjustCredits, creditReservations, getBalance, updateCreditSettings } from '../../src/domains/credits/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace, type TestOwner } from '../helpers/auth.js';

export const START = '2026-03-10T12:00:00Z';

export async function creditsTestApp(): Promise<{ t: TestApp; clock: ManualClock }> {
  const clock = new ManualClock(START);
  const t = await createTestApp({ clock });
  return { t, clock };
}

/**
 * A fresh workspace whose account holds exactly `balanceMilli`, without a low-balance
 * threshold unless one is given.
 */
export async function fundedWorkspace(
  t: TestApp,
  balanceMilli: number,
  options: { thresholdMilli?: number | null } = {},
): Promise<{ owner: TestOwner; ctx: Ctx }> {
  const owner = await createUserWithWorkspace(t);
  const ctx = t.ctx(owner.workspaceId);
  await updateCreditSettings(ctx, { lowBalanceThresholdMilli: options.thresholdMilli ?? null });
  const { balanceMilli: opening } = await getBalance(ctx);
  if (opening !== balanceMilli) await adjustCredits(ctx, { amountMilli: balanceMilli - opening, reason: 'test set-up' });
  return { owner, ctx };
}

/** Awaits a promise that must fail with a DomainError of `code`; returns the error. */
export async function domainError(p: Promise<unknown>, code: DomainError['code']): Promise<DomainError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  return err as DomainError;
}

/**
 * The books balance: the balance kinds of the ledger add up to the balance, the open
 * reservations to the reserved credits, and neither is ever negative.
 */
export async function expectBooksBalance(ctx: Ctx) {
  const b = await getBalance(ctx);
  const [sums] = await queryRows<{ balance: string; last_balance: string | null; last_reserved: string | null }>(
    ctx.db,
    sql`select coalesce(sum(amount_milli) filter (where kind in ('grant', 'charge', 'refund', 'adjust', 'reset')), 0)::bigint as balance,
               (select balance_after_milli from credit_ledger where workspace_id = ${ctx.workspaceId} order by id desc limit 1) as last_balance,
               (select reserved_after_milli from credit_ledger where workspace_id = ${ctx.workspaceId} order by id desc limit 1) as last_reserved
          from credit_ledger where workspace_id = ${ctx.workspaceId}`,
  );
  const held = await ctx.db.select().from(creditReservations).where(eq(creditReservations.workspaceId, ctx.workspaceId!));
  const open = held.filter((r) => r.status === 'open').reduce((s, r) => s + r.amountMilli - r.consumedMilli - r.releasedMilli, 0);
  expect(Number(sums!.balance)).toBe(b.balanceMilli);
  expect(Number(sums!.last_balance)).toBe(b.balanceMilli);
  expect(Number(sums!.last_reserved)).toBe(b.reservedMilli);
  expect(open).toBe(b.reservedMilli);
  expect(b.balanceMilli).toBeGreaterThanOrEqual(0);
  expect(b.availableMilli).toBeGreaterThanOrEqual(0);
  return b;
}

export const job = (id = 'job-1') => ({ type: 'job', id });
export const item = (id: string) => ({ type: 'job_item', id });
