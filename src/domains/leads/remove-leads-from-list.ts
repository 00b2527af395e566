import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { adjustLeadCounts, getVisibleList } from '../lists/index.js';
import { leadIdsSchema } from './add-leads-to-list.js';
import { leadListItems } from './leads.tables.js';
import { lockLeads } from './list-membership.js';
import { recordLeadActivity } from './record-lead-activity.js';

/** Removes leads from a list (the leads themselves stay). Leads not in the list are skipped. */
export async function removeLeadsFromList(ctx: Ctx, input: { listId: string; leadIds: string[] }): Promise<{ removed: number; leadCount: number }> {
  const leadIds = [...new Set(parseInput(leadIdsSchema, input.leadIds))];
  return withTransaction(ctx, async (tx) => {
    const locked = await lockLeads(tx, leadIds, { liveOnly: false });
    const list = await getVisibleList(tx, input.listId, { lock: true });
    const removed = await tx.db
      .delete(leadListItems)
      .where(and(eq(leadListItems.listId, list.id), inArray(leadListItems.leadId, leadIds)))
      .returning({ leadId: leadListItems.leadId });
    // Deleted leads were already taken out of the count when they were deleted.
    const liveRemoved = removed.filter((r) => !locked.find((l) => l.id === r.leadId)?.deletedAt);
    await adjustLeadCounts(tx, new Map([[list.id, -liveRemoved.length]]));
    await recordLeadActivity(
      tx,
      removed.map((r) => ({ leadId: r.leadId, type: 'list_removed' as const, data: { listId: list.id } })),
    );
    return { removed: removed.length, leadCount: list.leadCount - liveRemoved.length };
  });
}
