import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { recordAudit } from '../audit/index.js';
import { leadViews } from './leads.tables.js';
import { assertCanChangeSavedView, getVisibleSavedView } from './saved-view-access.js';

/** Deletes a view (creator; admins for shared views). The leads are untouched. */
export async function deleteSavedView(ctx: Ctx, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await getVisibleSavedView(tx, id, { lock: true });
    assertCanChangeSavedView(tx, row);
    await tx.db.delete(leadViews).where(eq(leadViews.id, row.id));
    if (row.shared) await recordAudit(tx, { action: 'lead_view.deleted', targetType: 'lead_view', targetId: row.id, metadata: { name: row.name } });
  });
}
