import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { parseInput } from '../../core/validate.js';
import { leadQueryShape, resolveLeadQuery } from './lead-query.js';
import { leads } from './leads.tables.js';
import { withoutTableScan } from './workspace-scan.js';

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
 * How many leads match. Filters count exactly (served by the same indexes as the listing);
 * with a quick search, or an explicit `cap`, the count stops at the cap.
 */
export async function countLeads(ctx: Ctx, query: CountLeadsQuery = {}): Promise<LeadCount> {
  const q = parseInput(countLeadsSchema, query);
  const resolved = await resolveLeadQuery(ctx, q);
  const cap = q.cap ?? (resolved.searching ? SEARCH_COUNT_CAP : undefined);
  const matching = sql`select 1 from ${leads} where ${resolved.where}`;
  // A capped count is a LIMIT without an index order: kept off a scan of the whole table.
  const [row] =
    cap === undefined
      ? await queryRows<{ n: number | string }>(ctx.db, sql`select count(*)::int as n from (${matching}) m`)
      : await withoutTableScan(ctx, (c) => queryRows<{ n: number | string }>(c.db, sql`select count(*)::int as n from (${matching} limit ${cap + 1}) m`));
  const n = Number(row?.n ?? 0);
  return cap !== undefined && n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}
