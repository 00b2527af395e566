import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { DomainError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { adjustLeadCounts } from '../lists/index.js';
import { RESTORE_WINDOW_DAYS } from './fields.js';
import { getLead } from './get-lead.js';
import { assertEmailFree, findLead } from './lead-store.js';
import type { LeadDetailView } from './lead-view.js';
import { leads } from './leads.tables.js';
import { listIdsOfLead } from './list-membership.js';
import { recordLeadActivity } from './record-lead-activity.js';

/**
 * Restores a soft-deleted lead into its lists. 410 after the restore window; 409 when a live
 * lead took its email meanwhile (merge them instead). Idempotent on a live lead.
 */
export async function restoreLead(ctx: Ctx, id: string): Promise<LeadDetailView> {
  return withTransaction(ctx, async (tx) => {
    const row = await findLead(tx, id, { lock: true, includeDeleted: true });
    if (!row.deletedAt) return getLead(tx, id);
    const ageMs = tx.clock.now().getTime() - row.deletedAt.getTime();
    if (ageMs > RESTORE_WINDOW_DAYS * 86_400_000) {
      throw new DomainError('GONE', `This lead was deleted more than ${RESTORE_WINDOW_DAYS} days ago and can no longer be restored`);
    }
    await assertEmailFree(tx, row.emailNormalized, id);
    await tx.db.update(leads).set({ deletedAt: null, deletedBy: null }).where(eq(leads.id, id));
    const listIds = await listIdsOfLead(tx, id);
    await adjustLeadCounts(tx, new Map(listIds.map((l) => [l, 1])));
    await recordLeadActivity(tx, [{ leadId: id, type: 'restored' }]);
    return getLead(tx, id);
  });
}
