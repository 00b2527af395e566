import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { isUniqueViolation, validationError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { nameTaken } from './create-saved-view.js';
import { leadViews } from './leads.tables.js';
import { assertCanChangeSavedView, getVisibleSavedView } from './saved-view-access.js';
import { checkSavedView, updateSavedViewSchema, type UpdateSavedViewInput } from './saved-view-input.js';
import { toSavedView, type SavedView } from './saved-view-view.js';

/** Renames a view, changes its filter, columns or sort, or shares / unshares it (creator; admins for shared views). */
export async function updateSavedView(ctx: Ctx, input: { id: string; changes: UpdateSavedViewInput }): Promise<SavedView> {
  const changes = parseInput(updateSavedViewSchema, input.changes);
  try {
    return await withTransaction(ctx, async (tx) => {
      const row = await getVisibleSavedView(tx, input.id, { lock: true });
      assertCanChangeSavedView(tx, row);
      if (changes.shared === false && !row.createdBy) throw validationError('A view saved by an API key stays shared', [{ path: 'shared', message: 'must be true' }]);
      const next = {
        query: changes.query ?? row.query,
        columns: changes.columns ?? row.columns,
        sort: changes.sort === undefined ? row.sort : changes.sort,
        order: changes.order === undefined ? row.order : changes.order,
      };
      await checkSavedView(tx, next as Parameters<typeof checkSavedView>[1]);
      const [updated] = await tx.db
        .update(leadViews)
        .set({ ...next, name: changes.name ?? row.name, shared: changes.shared ?? row.shared, updatedAt: tx.clock.now() })
        .where(eq(leadViews.id, row.id))
        .returning();
      if (row.shared || updated!.shared) {
        await recordAudit(tx, { action: 'lead_view.updated', targetType: 'lead_view', targetId: row.id, metadata: { shared: updated!.shared } });
      }
      return toSavedView(tx, updated!);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'lead_views_name_idx')) throw nameTaken(changes.name ?? '');
    throw e;
  }
}
