import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { withTransaction } from '../../core/transaction.js';

/** Stale: never analyzed, or changed since by more than its analyzed size (and 1,000 rows). */
export function leadStatisticsStale(analyzedRows: number, changedSince: number | null): boolean {
  return analyzedRows < 0 || (changedSince ?? 0) > Math.max(analyzedRows, 1_000);
}

/**
 * Stale for the match lookups of the next block: never analyzed, or the table more than doubled
 * (and grew by 1,000 rows) since the planner last counted it. Counted on live rows, not on the
 * changes since the last ANALYZE: the quick ANALYZE below names columns, and PostgreSQL does not
 * reset that counter for one that does.
 */
export function lookupStatisticsStale(analyzedRows: number, liveRows: number | null): boolean {
  return analyzedRows < 0 || (liveRows ?? 0) > Math.max(2 * analyzedRows, analyzedRows + 1_000);
}

/** What the match lookups of an import filter on (write-import-chunk.ts). */
const LOOKUP_COLUMNS = sql.raw('workspace_id, email_normalized, linkedin_url, company_domain, deleted_at');

interface LeadTableStats {
  analyzed: number;
  live: number | null;
  changed: number | null;
}

async function probe(ctx: Ctx): Promise<LeadTableStats | undefined> {
  const [s] = await queryRows<LeadTableStats>(
    ctx.db,
    sql`select c.reltuples::float8 as analyzed, s.n_live_tup::float8 as live, s.n_mod_since_analyze::float8 as changed
          from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
         where c.oid = 'leads'::regclass`,
  );
  return s && { analyzed: Number(s.analyzed), live: s.live === null ? null : Number(s.live), changed: s.changed === null ? null : Number(s.changed) };
}

/**
 * Before a block: refreshes what the block's match lookups plan from, when the table outgrew
 * it. An import may grow the table tenfold within minutes, faster than autovacuum (the embedded
 * database has none at all), and once the planner believes the table nearly empty the per-value
 * lookups turn into scans (a 1M-row import into a fresh database slowed to 2–3 s a block;
 * without a refresh past the first block, one block's lookups took 35 s). Only the lookup
 * columns, from a small sample (statistics target 10: 3,000 rows): 55 ms at 1M leads instead of
 * 1.45 s for a full ANALYZE, which computes every column and the statistics of the expression
 * indexes, and ran about log2(rows / block) times in an import into an empty workspace. The
 * sample still gives the row count and the distinct counts the lookups need; the import's last
 * block runs the full one (refreshLeadStatistics). `SKIP_LOCKED`: a session already analyzing
 * or vacuuming the table is left to it.
 */
export async function refreshLookupStatistics(ctx: Ctx): Promise<boolean> {
  const s = await probe(ctx);
  if (!s || !lookupStatisticsStale(s.analyzed, s.live)) return false;
  await withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`set local default_statistics_target = 10`);
    await tx.db.execute(sql`analyze (skip_locked) leads (${LOOKUP_COLUMNS})`);
  });
  return true;
}

/**
 * Refreshes all of the planner's statistics of `leads` when they are stale. The import calls it
 * in its last block's commit counting what the import wrote (ANALYZE sees the transaction's own
 * rows; the statistics views do not count them yet), so that searches and filters after the
 * import plan from the grown table. A full ANALYZE takes ~1.5 s at 1M leads on the 2-vCPU
 * machines here.
 */
export async function refreshLeadStatistics(ctx: Ctx, writtenRows = 0): Promise<boolean> {
  const s = await probe(ctx);
  // `writtenRows`: what the caller's own transaction wrote, which the statistics views do not count yet.
  const changed = Math.max(s?.changed ?? 0, writtenRows);
  if (!s || !leadStatisticsStale(s.analyzed, changed)) return false;
  await ctx.db.execute(sql`analyze (skip_locked) leads`);
  return true;
}
