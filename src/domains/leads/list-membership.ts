import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { adjustLeadCounts, type ListRow } from '../lists/index.js';
import { leadListItems, leads } from './leads.tables.js';
import { recordLeadActivity } from './record-lead-activity.js';

/**
 * Locks the given leads (shared) so that a concurrent delete or restore waits for this
 * membership change, keeping list counts exact. Locks are always taken leads first, lists
 * second, in every verb, so two writers never deadlock.
 */
export async function lockLeads(ctx: Ctx, leadIds: string[], options: { liveOnly: boolean }) {
  const rows = await ctx.db
    .select({ id: leads.id, deletedAt: leads.deletedAt })
    .from(leads)
    .where(and(eq(leads.workspaceId, requireWorkspaceId(ctx)), inArray(leads.id, leadIds), options.liveOnly ? isNull(leads.deletedAt) : undefined))
    .orderBy(leads.id)
    .for('share');
  const missing = leadIds.find((id) => !rows.some((r) => r.id === id));
  if (missing) throw notFound(`Lead ${missing}`);
  return rows;
}

/** Adds live leads to lists (already checked visible and not archived); returns how many were new per list. */
export async function addToLists(ctx: Ctx, targetLists: ListRow[], leadIds: string[]): Promise<Map<string, string[]>> {
  const workspaceId = requireWorkspaceId(ctx);
  const added = new Map<string, string[]>();
  for (const list of targetLists) {
    const rows = await ctx.db
      .insert(leadListItems)
      .values(leadIds.map((leadId) => ({ listId: list.id, leadId, workspaceId, addedBy: ctx.actor.userId ?? null, createdAt: ctx.clock.now() })))
      .onConflictDoNothing()
      .returning({ leadId: leadListItems.leadId });
    added.set(
      list.id,
      rows.map((r) => r.leadId),
    );
  }
  await adjustLeadCounts(ctx, new Map([...added].map(([listId, ids]) => [listId, ids.length])));
  await recordLeadActivity(
    ctx,
    [...added].flatMap(([listId, ids]) => ids.map((leadId) => ({ leadId, type: 'list_added' as const, data: { listId } }))),
  );
  return added;
}

/** List ids a lead belongs to (for count changes when it is deleted or restored). */
export async function listIdsOfLead(ctx: Ctx, leadId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ listId: leadListItems.listId })
    .from(leadListItems)
    .where(and(eq(leadListItems.leadId, leadId), eq(leadListItems.workspaceId, requireWorkspaceId(ctx))));
  return rows.map((r) => r.listId);
}
