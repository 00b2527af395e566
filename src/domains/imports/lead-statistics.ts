import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';

/** Stale: never analyzed, or changed since by more than its analyzed size (and 1,000 rows). */
export function leadStatisticsStale(analyzedRows: number, changedSince: number | null): boolean {
  return analyzedRows < 0 || (changedSince ?? 0) > Math.max(analyzedRows, 1_000);
}

/**
 * Refreshes the planner's statistics of `leads` when they are stale: an import may grow the
 * table tenfold within minutes, faster than autovacuum (the embedded database has none at
 * all), and once the planner believes the table nearly empty even the per-value match lookups
 * of a block turn into scans (a 1M-row import into a fresh database slowed to 2–3 s a block;
 * without a refresh past the first block, one block's lookups took 35 s). The import calls it
 * before every block, and in its last block's commit counting what the import wrote (ANALYZE
 * sees the transaction's own rows; the statistics views do not count them yet), so that
 * searches after the import plan from the grown table. The probe is one catalog read; the
 * ANALYZE (a sample of the table, ~0.6 s on the 2-vCPU machines here) runs a handful of times
 * as the table doubles. `SKIP_LOCKED`: a session already analyzing or vacuuming the table is
 * left to it.
 */
export async function refreshLeadStatistics(ctx: Ctx, writtenRows = 0): Promise<boolean> {
  const [s] = await queryRows<{ analyzed: number; changed: number | null }>(
    ctx.db,
    sql`select c.reltuples::float8 as analyzed, s.n_mod_since_analyze::float8 as changed
          from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
         where c.oid = 'leads'::regclass`,
  );
  // `writtenRows`: what the caller's own transaction wrote, which the statistics views do not count yet.
  const changed = Math.max(s?.changed === null || s?.changed === undefined ? 0 : Number(s.changed), writtenRows);
  if (!s || !leadStatisticsStale(Number(s.analyzed), changed)) return false;
  await ctx.db.execute(sql`analyze (skip_locked) leads`);
  return true;
}
