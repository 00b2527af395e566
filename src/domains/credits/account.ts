import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { DomainError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import type { CreditBalance } from './constants.js';
import { creditAccounts } from './credits.tables.js';
import { addOneMonth, newAccountDefaults, utcDay } from './defaults.js';
import { appendLedger } from './ledger.js';

export type CreditAccount = typeof creditAccounts.$inferSelect;

/**
 * Creates the workspace's account on first use: the monthly allowance as opening balance
 * (a 'grant' ledger row) and the first reset one month later. Safe when raced.
 */
export async function ensureAccount(ctx: Ctx, workspaceId: string): Promise<void> {
  const [existing] = await ctx.db
    .select({ id: creditAccounts.workspaceId })
    .from(creditAccounts)
    .where(eq(creditAccounts.workspaceId, workspaceId))
    .limit(1);
  if (existing) return;
  const defaults = newAccountDefaults(ctx.config.defaultMonthlyCreditsMilli);
  const now = ctx.clock.now();
  await withTransaction(ctx, async (tx) => {
    const [created] = await tx.db
      .insert(creditAccounts)
      .values({
        workspaceId,
        balanceMilli: defaults.monthlyAllowanceMilli,
        monthlyAllowanceMilli: defaults.monthlyAllowanceMilli,
        lowBalanceThresholdMilli: defaults.lowBalanceThresholdMilli,
        resetAt: addOneMonth(now),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) return;
    await appendLedger(tx, {
      workspaceId,
      kind: 'grant',
      amountMilli: created.balanceMilli,
      balanceAfterMilli: created.balanceMilli,
      reservedAfterMilli: 0,
      reason: 'Opening balance: monthly allowance',
    });
  });
}

/**
 * The account row, locked until the end of the transaction: every movement of one workspace's
 * credits is serialized here, so checks made on the row hold when it is written.
 */
export async function lockAccount(tx: Ctx, workspaceId: string): Promise<CreditAccount> {
  const lock = () => tx.db.select().from(creditAccounts).where(eq(creditAccounts.workspaceId, workspaceId)).for('update');
  const [row] = await lock();
  if (row) return row;
  await ensureAccount(tx, workspaceId);
  const [created] = await lock();
  return created!;
}

export const availableOf = (a: CreditAccount) => a.balanceMilli - a.reservedMilli;

/** What may still be committed today under the daily cap (Infinity without a cap). */
export function capRemaining(a: CreditAccount, now: Date): number {
  if (a.dailyCapMilli === null) return Number.POSITIVE_INFINITY;
  const committed = a.capDay === utcDay(now) ? a.capDayCommittedMilli : 0;
  return Math.max(0, a.dailyCapMilli - committed);
}

/** Refused: the numbers say how much was asked and how much could be spent. */
export function insufficientCredits(a: CreditAccount, requiredMilli: number, now: Date, action: string): DomainError {
  const available = availableOf(a);
  const cap = capRemaining(a, now);
  const limitedByCap = cap < requiredMilli && cap < available;
  const spendable = Math.min(available, cap);
  const message = limitedByCap
    ? `Daily credit cap reached: ${action} needs ${fmt(requiredMilli)} credits, ${fmt(spendable)} left today`
    : `Not enough credits: ${action} needs ${fmt(requiredMilli)} credits, ${fmt(available)} available`;
  return new DomainError('INSUFFICIENT_CREDITS', message, {
    details: {
      requiredMilli,
      availableMilli: spendable,
      balanceMilli: a.balanceMilli,
      reservedMilli: a.reservedMilli,
      ...(a.dailyCapMilli === null ? {} : { dailyCapMilli: a.dailyCapMilli, dailyRemainingMilli: cap }),
      reason: limitedByCap ? 'daily_cap' : 'balance',
    },
  });
}

const fmt = (milli: number) => String(milli / 1000);

export interface Movement {
  /** Change of the balance (negative: spent). */
  balanceDelta: number;
  /** Change of the credits held for jobs. */
  reservedDelta?: number;
  /** Change of today's spend counted against the daily cap. */
  capDelta?: number;
  /** A debit may trigger the low-balance notice; a top-up re-arms it; a reset may do either. */
  effect: 'debit' | 'topup' | 'reset' | 'neutral';
}

/**
 * Writes a movement to a locked account. The WHERE clause repeats the invariants, so even a
 * caller that skipped its checks cannot take the balance below zero (nor the CHECKs would).
 */
export async function applyMovement(
  tx: Ctx,
  a: CreditAccount,
  m: Movement,
): Promise<{ account: CreditAccount; crossedLowBalance: boolean }> {
  const now = tx.clock.now();
  const today = utcDay(now);
  const reservedDelta = m.reservedDelta ?? 0;
  const newBalance = a.balanceMilli + m.balanceDelta;
  const threshold = a.lowBalanceThresholdMilli;
  let notifiedAt = a.lowBalanceNotifiedAt;
  let crossedLowBalance = false;
  const below = threshold !== null && newBalance < threshold;
  if ((m.effect === 'debit' || m.effect === 'reset') && below && notifiedAt === null) {
    notifiedAt = now;
    crossedLowBalance = true;
  } else if ((m.effect === 'topup' || m.effect === 'reset') && !below) {
    notifiedAt = null;
  }
  const committedToday = (a.capDay === today ? a.capDayCommittedMilli : 0) + (m.capDelta ?? 0);
  const [row] = await tx.db
    .update(creditAccounts)
    .set({
      balanceMilli: sql`${creditAccounts.balanceMilli} + ${m.balanceDelta}`,
      reservedMilli: sql`${creditAccounts.reservedMilli} + ${reservedDelta}`,
      capDay: today,
      capDayCommittedMilli: Math.max(0, committedToday),
      lowBalanceNotifiedAt: notifiedAt,
      updatedAt: now,
    })
    .where(
      and(
        eq(creditAccounts.workspaceId, a.workspaceId),
        sql`${creditAccounts.balanceMilli} + ${m.balanceDelta} >= 0`,
        sql`${creditAccounts.reservedMilli} + ${reservedDelta} >= 0`,
        sql`${creditAccounts.balanceMilli} + ${m.balanceDelta} >= ${creditAccounts.reservedMilli} + ${reservedDelta}`,
      ),
    )
    .returning();
  if (!row) throw insufficientCredits(a, -m.balanceDelta, now, 'this operation');
  return { account: row, crossedLowBalance };
}

export function toBalance(a: CreditAccount): CreditBalance {
  return {
    balanceMilli: a.balanceMilli,
    reservedMilli: a.reservedMilli,
    availableMilli: availableOf(a),
    monthlyAllowanceMilli: a.monthlyAllowanceMilli,
    resetAt: a.resetAt,
    dailyCapMilli: a.dailyCapMilli,
    lowBalanceThresholdMilli: a.lowBalanceThresholdMilli,
  };
}
