import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { withTransaction } from '../../core/transaction.js';

/** Planner settings a lead query may change for itself (see the callers for why). */
type PlannerSetting = 'enable_seqscan' | 'jit';

/**
 * Runs fn with planner settings local to its transaction (its own, or the caller's: then the
 * caller's values are given back afterwards, so the rest of its transaction plans as usual).
 */
export async function withPlannerSettings<T>(ctx: Ctx, settings: Partial<Record<PlannerSetting, 'on' | 'off'>>, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const names = Object.keys(settings) as PlannerSetting[];
  return withTransaction(ctx, async (tx) => {
    const before = ctx.inTransaction ? await Promise.all(names.map(async (n) => (await queryRows<{ v: string }>(tx.db, sql`select current_setting(${n}) as v`))[0]!.v)) : [];
    for (const n of names) await tx.db.execute(sql`select set_config(${n}, ${settings[n]!}, true)`);
    try {
      return await fn(tx);
    } finally {
      // After a database error the transaction is aborted anyway: nothing to give back.
      if (ctx.inTransaction) for (const [i, n] of names.entries()) await tx.db.execute(sql`select set_config(${n}, ${before[i]!}, true)`).catch(() => undefined);
    }
  });
}

/**
 * Runs a bounded lead query (`LIMIT n` without an index order: the fuzzy-search probe, capped
 * counts) with sequential scans ruled out, so that it reads only the workspace's rows through
 * an index (workspace_id first) or the trigram bitmap.
 *
 * Why: for `… WHERE workspace_id = $1 AND <filter> LIMIT n` PostgreSQL costs a sequential scan
 * as if the workspace's rows were spread evenly over the table and the scan would stop early.
 * They are not (each workspace's leads were written together), and the scan starts wherever
 * the last one left off (synchronized scans): at 2 × 1M leads the same capped search count
 * took 0.1 s or 1.2 s, the probe 0.2 ms or 1.9 s, depending on whether the scan began in the
 * other workspace's rows (docs/BENCHMARKS.md).
 */
export async function withoutTableScan<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return withPlannerSettings(ctx, { enable_seqscan: 'off' }, fn);
}
