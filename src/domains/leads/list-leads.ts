import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { decodeLeadCursor, encodeLeadCursor } from './lead-cursor.js';
import { leadQueryShape, resolveLeadQuery, type ResolvedLeadQuery } from './lead-query.js';
import { defaultOrder, leadSortPlan } from './lead-sort.js';
import { loadCustomFieldDefs } from './lead-store.js';
import { toLeadView, type LeadView } from './lead-view.js';
import { leads } from './leads.tables.js';

/** Query of GET /leads (and GET /lists/:id/leads, POST /leads/search). Unknown parameters are a 400. */
export const listLeadsSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(1000).optional(),
  /** Any sortable field (custom.<key> included); created_at, updated_at, last_name and company are indexed. */
  sort: z.string().min(1).max(100).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  ...leadQueryShape,
});
export type ListLeadsQuery = z.input<typeof listLeadsSchema>;

/** Parameters that do not narrow a first page beyond the search (any other one, or a cursor, does). */
const SEARCH_ONLY_KEYS = new Set(['q', 'limit', 'sort', 'order', 'deleted']);

export interface LeadPage {
  items: LeadView[];
  nextCursor: string | null;
}

/**
 * A page of leads with a keyset cursor: stable under inserts, and as fast on page 10,000 as on
 * page 1. Timestamps travel in the cursor as microsecond text so that no row is skipped. A
 * saved view (`view_id`) supplies its filter and, unless the query gives one, its sort.
 */
export async function listLeads(ctx: Ctx, query: ListLeadsQuery = {}): Promise<LeadPage> {
  const q = parseInput(listLeadsSchema, query);
  // A search's words as typed first: a page with leads proves they are in the workspace, so the
  // probe for close spellings (lead-query.ts) runs only when the page comes back empty (saves
  // its ~15 ms on every search that finds something at 1M leads). An empty first page narrowed
  // by nothing but the search is the probe's own answer ("nowhere"). The trash is searched with
  // the probe as before: its leads prove nothing about the live ones the probe looks at.
  const plainFirst = q.deleted !== 'true';
  const resolved = await resolveLeadQuery(ctx, q, plainFirst ? { fuzzy: 'off' } : {});
  const page = await readPage(ctx, q, resolved);
  if (!plainFirst || !resolved.searching || page.items.length > 0) return page;
  const onlySearch = Object.entries(q).every(([key, value]) => value === undefined || SEARCH_ONLY_KEYS.has(key));
  const again = await resolveLeadQuery(ctx, q, onlySearch ? { fuzzy: 'on' } : {});
  return again.fuzzy ? readPage(ctx, q, again) : page;
}

async function readPage(ctx: Ctx, q: z.output<typeof listLeadsSchema>, resolved: ResolvedLeadQuery): Promise<LeadPage> {
  const sort = q.sort ?? resolved.view?.sort ?? 'created_at';
  const order = q.order ?? (q.sort ? undefined : resolved.view?.order) ?? defaultOrder(sort);
  const limit = q.limit ?? 50;
  const customFields = sort.startsWith('custom.') && resolved.customFields.length === 0 ? await loadCustomFieldDefs(ctx) : resolved.customFields;
  const plan = leadSortPlan(sort, order, customFields);
  const where = q.cursor ? sql`${resolved.where} and ${plan.after(decodeLeadCursor(q.cursor, sort, order))}` : resolved.where;

  // The page's ids first, then their rows: when the sort index carries every filtered column
  // (tags on the last-name index…) the walk over non-matching rows is index-only, and only
  // the page's rows are read from the table.
  const pageIds = ctx.db
    .select({ id: leads.id })
    .from(leads)
    .where(where)
    .orderBy(...plan.orderBy)
    .limit(limit + 1);
  const rows = await ctx.db
    .select({ lead: leads, cursorValue: plan.cursorValue })
    .from(leads)
    .where(and(eq(leads.workspaceId, requireWorkspaceId(ctx)), inArray(leads.id, pageIds)))
    .orderBy(...plan.orderBy);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toLeadView(r.lead)),
    nextCursor: rows.length > limit && last ? encodeLeadCursor({ sort, order, value: last.cursorValue, id: last.lead.id }) : null,
  };
}
