import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { lists, setLeadCounts } from '../lists/index.js';
import { leadListItems, leads } from './leads.tables.js';

/**
 * Recomputes exact lead counts of lists (all of the workspace's when none given). Bulk paths
 * (import, bulk delete, merge) call it once per chunk for the lists they touched instead of
 * adjusting counts row by row.
 */
export async function recountListLeads(ctx: Ctx, listIds?: string[]): Promise<void> {
  const workspaceId = requireWorkspaceId(ctx);
  const ids =
    listIds ?? (await ctx.db.select({ id: lists.id }).from(lists).where(eq(lists.workspaceId, workspaceId))).map((l) => l.id);
  if (ids.length === 0) return;
  const rows = await ctx.db
    .select({ listId: leadListItems.listId, n: count() })
    .from(leadListItems)
    .innerJoin(leads, and(eq(leads.id, leadListItems.leadId), isNull(leads.deletedAt)))
    .where(and(eq(leadListItems.workspaceId, workspaceId), inArray(leadListItems.listId, ids)))
    .groupBy(leadListItems.listId);
  await setLeadCounts(ctx, new Map(ids.map((id) => [id, rows.find((r) => r.listId === id)?.n ?? 0])));
}
