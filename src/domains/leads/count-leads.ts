import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { parseInput } from '../../core/validate.js';
import { leadQueryShape, resolveLeadQuery } from './lead-query.js';
import { leads } from './leads.tables.js';
import { withPlannerSettings, withoutTableScan } from './workspace-scan.js';

/** Counts with a quick search stop here ("1,000+"): a broad term must not scan a million rows for a number. */
export const SEARCH_COUNT_CAP = 1000;

export const countLeadsSchema = z.strictObject({
  ...leadQueryShape,
  /** Stop counting past this many (the answer is then `{ count: cap, capped: true }`). */
  cap: z.coerce.number().int().min(1).max(10_000_000).optional(),
});
export type CountLeadsQuery = z.input<typeof countLeadsSchema>;

export interface LeadCount {
  count: number;
  /** True when there are more than `count` (shown as "1,000+"). */
  capped: boolean;
}

/**
 * The count's SQL: exact, or stopping past `cap` matches. Exported for the plan tests (the
 * indexes of leads.tables.ts must keep serving what the filters compile to).
 */
export function leadCountSql(where: SQL, cap?: number): SQL {
  const matching = sql`select 1 from ${leads} where ${where}`;
  return cap === undefined ? sql`select count(*)::int as n from (${matching}) m` : sql`select count(*)::int as n from (${matching} limit ${cap + 1}) m`;
}

/**
 * How many leads match. Filters count exactly (served by the same indexes as the listing; eq / in
 * on the segmentation fields by their count indexes, leads.tables.ts); with a quick search, or an
 * explicit `cap`, the count stops at the cap.
 */
export async function countLeads(ctx: Ctx, query: CountLeadsQuery = {}): Promise<LeadCount> {
  const q = parseInput(countLeadsSchema, query);
  const resolved = await resolveLeadQuery(ctx, q);
  const cap = q.cap ?? (resolved.searching ? SEARCH_COUNT_CAP : undefined);
  const count = (c: Ctx) => queryRows<{ n: number | string }>(c.db, leadCountSql(resolved.where, cap));
  // Exact: JIT off. A filter no index serves reads every lead of the workspace; at 1M leads the
  // plan's cost passes jit_above_cost and PostgreSQL compiled it on every call (~80 ms of a
  // ~600 ms count; measured 824 → 598 ms), which only pays back on queries of many seconds.
  // Capped: a LIMIT without an index order, kept off a scan of the whole table (workspace-scan.ts).
  const [row] = cap === undefined ? await withPlannerSettings(ctx, { jit: 'off' }, count) : await withoutTableScan(ctx, count);
  const n = Number(row?.n ?? 0);
  return cap !== undefined && n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}
