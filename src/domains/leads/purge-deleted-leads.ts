import { and, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { RESTORE_WINDOW_DAYS } from './fields.js';
import { leads } from './leads.tables.js';

/** Leads removed per statement by the scheduled purge: short transactions, no long lock on a big trash. */
const PURGE_BATCH = 5_000;

const cutoffOf = (ctx: Ctx) => new Date(ctx.clock.now().getTime() - RESTORE_WINDOW_DAYS * 86_400_000);

/**
 * Removes the workspace's leads deleted more than RESTORE_WINDOW_DAYS ago, with their notes,
 * timeline and memberships (list counts already left them out when they were deleted).
 */
export async function purgeDeletedLeads(ctx: Ctx): Promise<{ purged: number }> {
  const rows = await ctx.db
    .delete(leads)
    .where(and(eq(leads.workspaceId, requireWorkspaceId(ctx)), isNotNull(leads.deletedAt), lt(leads.deletedAt, cutoffOf(ctx))))
    .returning({ id: leads.id });
  return { purged: rows.length };
}

/**
 * The scheduled purge (every workspace, system context): the trash keeps a lead restorable for
 * RESTORE_WINDOW_DAYS, then it goes for good, in batches served by leads_deleted_idx.
 */
export async function purgeExpiredDeletedLeads(ctx: Ctx): Promise<{ purged: number }> {
  const cutoff = cutoffOf(ctx);
  let purged = 0;
  for (;;) {
    const batch = ctx.db
      .select({ id: leads.id })
      .from(leads)
      .where(and(isNotNull(leads.deletedAt), lt(leads.deletedAt, cutoff)))
      .limit(PURGE_BATCH);
    const rows = await ctx.db.delete(leads).where(inArray(leads.id, batch)).returning({ id: leads.id });
    purged += rows.length;
    if (rows.length < PURGE_BATCH) return { purged };
  }
}
