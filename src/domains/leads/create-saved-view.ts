import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { conflict, isUniqueViolation, validationError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { leadViews } from './leads.tables.js';
import { checkSavedView, createSavedViewSchema, type CreateSavedViewInput } from './saved-view-input.js';
import { toSavedView, type SavedView } from './saved-view-view.js';

/** Saves a named filter + columns + sort, private to its creator unless `shared`. */
export async function createSavedView(ctx: Ctx, input: CreateSavedViewInput): Promise<SavedView> {
  const data = parseInput(createSavedViewSchema, input);
  const workspaceId = requireWorkspaceId(ctx);
  if (!data.shared && !ctx.actor.userId) throw validationError('An API key can only save shared views (shared: true)', [{ path: 'shared', message: 'must be true' }]);
  const view = { query: data.query, columns: data.columns, sort: data.sort ?? null, order: data.order ?? null };
  await checkSavedView(ctx, view);
  try {
    return await withTransaction(ctx, async (tx) => {
      const now = tx.clock.now();
      const [row] = await tx.db
        .insert(leadViews)
        .values({ workspaceId, name: data.name, ...view, shared: data.shared, createdBy: tx.actor.userId ?? null, createdAt: now, updatedAt: now })
        .returning();
      if (row!.shared) await recordAudit(tx, { action: 'lead_view.created', targetType: 'lead_view', targetId: row!.id, metadata: { shared: true } });
      return toSavedView(tx, row!);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'lead_views_name_idx')) throw nameTaken(data.name);
    throw e;
  }
}

export const nameTaken = (name: string) => conflict(`You already have a view named "${name}"`, [{ path: 'name', message: 'already used' }]);
