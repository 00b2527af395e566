import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';

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
 * other workspace's rows (docs/BENCHMARKS.md). The setting is local to this transaction.
 */
export async function withoutTableScan<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`set local enable_seqscan = off`);
    try {
      return await fn(tx);
    } finally {
      // Inside a caller's transaction: give the rest of it the planner's usual choices back
      // (after a database error the transaction is aborted anyway: nothing to give back).
      if (ctx.inTransaction) await tx.db.execute(sql`set local enable_seqscan = on`).catch(() => undefined);
    }
  });
}
