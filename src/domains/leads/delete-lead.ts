import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { adjustLeadCounts } from '../lists/index.js';
import { findLead } from './lead-store.js';
import { leads } from './leads.tables.js';
import { listIdsOfLead } from './list-membership.js';
import { recordLeadActivity } from './record-lead-activity.js';

/**
 * Soft-deletes a lead: hidden from listings and list counts, its email free for a new lead,
 * restorable for RESTORE_WINDOW_DAYS (memberships are kept for the restore). Idempotent.
 */
export async function deleteLead(ctx: Ctx, id: string): Promise<void> {
  const workspaceId = requireWorkspaceId(ctx);
  await withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(leads)
      .set({ deletedAt: tx.clock.now(), deletedBy: tx.actor.userId ?? null })
      .where(and(eq(leads.id, id), eq(leads.workspaceId, workspaceId), isNull(leads.deletedAt)))
      .returning({ id: leads.id });
    if (!row) {
      await findLead(tx, id, { includeDeleted: true }); // 404 unless it is already deleted
      return;
    }
    const listIds = await listIdsOfLead(tx, id);
    await adjustLeadCounts(tx, new Map(listIds.map((l) => [l, -1])));
    await recordLeadActivity(tx, [{ leadId: id, type: 'deleted' }]);
  });
}
