import { and, arrayContains, asc, desc, eq, exists, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { getVisibleList } from '../lists/index.js';
import { LEAD_SORTS, STAGES, type LeadSort, type Stage } from './fields.js';
import { decodeLeadCursor, encodeLeadCursor } from './lead-cursor.js';
import { toLeadView, type LeadView } from './lead-view.js';
import { leadListItems, leads } from './leads.tables.js';

const stageList = z
  .string()
  .max(200)
  .refine((s) => s.split(',').every((x) => (STAGES as readonly string[]).includes(x.trim())), `stage must be a comma-separated list of: ${STAGES.join(', ')}`);

/** Query of GET /leads (and GET /lists/:id/leads). Unknown parameters are a 400. */
export const listLeadsSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(1000).optional(),
  sort: z.enum(LEAD_SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  list_id: z.uuid().optional(),
  stage: stageList.optional(),
  tag: z.string().min(1).max(100).optional(),
  /** true: leads with a valid email address (flagged invalid ones don't count). */
  has_email: z.enum(['true', 'false']).optional(),
  owner_id: z.uuid().optional(),
  /** true: the trash (soft-deleted leads, restorable for 30 days). */
  deleted: z.enum(['true', 'false']).optional(),
});
export type ListLeadsQuery = z.input<typeof listLeadsSchema>;

export interface LeadPage {
  items: LeadView[];
  nextCursor: string | null;
}

/** Sort column of each order; every one is served by an ascending (workspace_id, column, id) index. */
const SORT_COLUMNS = {
  created_at: { column: leads.createdAt, time: true },
  updated_at: { column: leads.updatedAt, time: true },
  last_name: { column: leads.sortLastName, time: false },
  company: { column: leads.sortCompany, time: false },
} satisfies Record<LeadSort, { column: unknown; time: boolean }>;

/**
 * A page of leads with a keyset cursor: stable under inserts, and as fast on page 10,000 as on
 * page 1. Timestamps travel in the cursor as microsecond text so that no row is skipped.
 */
export async function listLeads(ctx: Ctx, query: ListLeadsQuery = {}): Promise<LeadPage> {
  const q = parseInput(listLeadsSchema, query);
  const workspaceId = requireWorkspaceId(ctx);
  const sort = q.sort ?? 'created_at';
  const order = q.order ?? (sort === 'created_at' || sort === 'updated_at' ? 'desc' : 'asc');
  const limit = q.limit ?? 50;
  const { column, time } = SORT_COLUMNS[sort];
  if (q.list_id) await getVisibleList(ctx, q.list_id);

  const filters: (SQL | undefined)[] = [
    eq(leads.workspaceId, workspaceId),
    q.deleted === 'true' ? isNotNull(leads.deletedAt) : isNull(leads.deletedAt),
    q.stage ? inArray(leads.stage, q.stage.split(',').map((s) => s.trim() as Stage)) : undefined,
    q.tag ? arrayContains(leads.tags, [q.tag]) : undefined,
    q.has_email === 'true' ? isNotNull(leads.emailNormalized) : q.has_email === 'false' ? isNull(leads.emailNormalized) : undefined,
    q.owner_id ? eq(leads.ownerId, q.owner_id) : undefined,
    q.list_id
      ? exists(
          ctx.db
            .select({ one: sql`1` })
            .from(leadListItems)
            .where(and(eq(leadListItems.listId, q.list_id), eq(leadListItems.leadId, leads.id))),
        )
      : undefined,
  ];
  if (q.cursor) {
    const c = decodeLeadCursor(q.cursor, sort, order);
    const value = time ? sql`${c.value}::timestamptz` : sql`${c.value}`;
    filters.push(order === 'asc' ? sql`(${column}, ${leads.id}) > (${value}, ${c.id}::uuid)` : sql`(${column}, ${leads.id}) < (${value}, ${c.id}::uuid)`);
  }
  const cursorValue = time ? sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : sql<string>`${column}`;
  const dir = order === 'asc' ? asc : desc;
  const rows = await ctx.db
    .select({ lead: leads, cursorValue })
    .from(leads)
    .where(and(...filters))
    .orderBy(dir(column), dir(leads.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toLeadView(r.lead)),
    nextCursor: rows.length > limit && last ? encodeLeadCursor({ sort, order, value: last.cursorValue, id: last.lead.id }) : null,
  };
}
