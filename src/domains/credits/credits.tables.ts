import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tsz, updatedAt } from '../../core/columns.js';
import { workspaces } from '../workspaces/index.js';
import { LEDGER_KINDS } from './constants.js';

const milli = (name: string) => bigint(name, { mode: 'number' });

/**
 * One credit account per workspace, created lazily on first use. The CHECKs are the last line
 * of defence behind the conditional updates: the balance can never go negative, and credits
 * held for running jobs never exceed it.
 */
export const creditAccounts = pgTable(
  'credit_accounts',
  {
    workspaceId: uuid('workspace_id')
      .primaryKey()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    balanceMilli: milli('balance_milli').notNull().default(0),
    reservedMilli: milli('reserved_milli').notNull().default(0),
    monthlyAllowanceMilli: milli('monthly_allowance_milli').notNull(),
    /** When the balance is next set back to the monthly allowance; null: never. */
    resetAt: tsz('reset_at'),
    dailyCapMilli: milli('daily_cap_milli'),
    /** Spend committed on `capDay` (UTC): reservations plus direct charges, minus releases/refunds. */
    capDay: text('cap_day'),
    capDayCommittedMilli: milli('cap_day_committed_milli').notNull().default(0),
    lowBalanceThresholdMilli: milli('low_balance_threshold_milli'),
    /** Set when the low-balance notice went out; cleared by a top-up above the threshold. */
    lowBalanceNotifiedAt: tsz('low_balance_notified_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('credit_accounts_balance_nonneg', sql`${t.balanceMilli} >= 0`),
    check('credit_accounts_reserved_nonneg', sql`${t.reservedMilli} >= 0`),
    check('credit_accounts_reserved_le_balance', sql`${t.reservedMilli} <= ${t.balanceMilli}`),
    check('credit_accounts_allowance_nonneg', sql`${t.monthlyAllowanceMilli} >= 0`),
    check('credit_accounts_cap_nonneg', sql`${t.dailyCapMilli} is null or ${t.dailyCapMilli} >= 0`),
    check('credit_accounts_cap_committed_nonneg', sql`${t.capDayCommittedMilli} >= 0`),
    index('credit_accounts_reset_at_idx').on(t.resetAt),
  ],
);

/** Credits held for a job before it starts; consumed by its charges, the rest released. */
export const creditReservations = pgTable(
  'credit_reservations',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    feature: text('feature').notNull(),
    referenceType: text('reference_type').notNull(),
    referenceId: text('reference_id').notNull(),
    amountMilli: milli('amount_milli').notNull(),
    consumedMilli: milli('consumed_milli').notNull().default(0),
    releasedMilli: milli('released_milli').notNull().default(0),
    status: text('status', { enum: ['open', 'released'] }).notNull().default('open'),
    createdAt: createdAt(),
    releasedAt: tsz('released_at'),
  },
  (t) => [
    check('credit_reservations_amounts', sql`${t.consumedMilli} >= 0 and ${t.releasedMilli} >= 0 and ${t.consumedMilli} + ${t.releasedMilli} <= ${t.amountMilli}`),
    index('credit_reservations_workspace_idx').on(t.workspaceId, t.status),
  ],
);

/**
 * Every movement of credits. `amountMilli` is signed: what the row did to the balance (grant,
 * charge, refund, adjust, reset) or to the available credits (reserve −, release +), so the
 * sum of the balance kinds is the balance.
 */
export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    amountMilli: milli('amount_milli').notNull(),
    feature: text('feature'),
    referenceType: text('reference_type'),
    referenceId: text('reference_id'),
    reservationId: uuid('reservation_id'),
    /** Charges: the caller's key; refunds: the key of the charge refunded; resets: the period. */
    idempotencyKey: text('idempotency_key'),
    reason: text('reason'),
    actorType: text('actor_type').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorApiKeyId: uuid('actor_api_key_id'),
    balanceAfterMilli: milli('balance_after_milli').notNull(),
    reservedAfterMilli: milli('reserved_after_milli').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('credit_ledger_idempotency_idx').on(t.workspaceId, t.kind, t.idempotencyKey),
    index('credit_ledger_workspace_idx').on(t.workspaceId, t.id),
    index('credit_ledger_usage_idx').on(t.workspaceId, t.createdAt),
  ],
);

/** Per-workspace cost overrides; features without one use DEFAULT_COSTS_MILLI. */
export const creditCosts = pgTable(
  'credit_costs',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    feature: text('feature').notNull(),
    costMilli: milli('cost_milli').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.feature] }), check('credit_costs_nonneg', sql`${t.costMilli} >= 0`)],
);
