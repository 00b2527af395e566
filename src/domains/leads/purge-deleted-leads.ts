import { and, eq, isNotNull, lt } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { RESTORE_WINDOW_DAYS } from './fields.js';
import { leads } from './leads.tables.js';

/**
 * Removes leads deleted more than RESTORE_WINDOW_DAYS ago, with their notes, timeline and
 * memberships (list counts already left them out). For the scheduler, once a day per workspace.
 */
export async function purgeDeletedLeads(ctx: Ctx): Promise<{ purged: number }> {
  const cutoff = new Date(ctx.clock.now().getTime() - RESTORE_WINDOW_DAYS * 86_400_000);
  const rows = await ctx.db
    .delete(leads)
    .where(and(eq(leads.workspaceId, requireWorkspaceId(ctx)), isNotNull(leads.deletedAt), lt(leads.deletedAt, cutoff)))
    .returning({ id: leads.id });
  return { purged: rows.length };
}
