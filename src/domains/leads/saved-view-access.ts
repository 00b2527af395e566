import { and, eq, or, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { forbidden, notFound } from '../../core/errors.js';
import { roleAtLeast } from '../../core/roles.js';
import { leadViews, type LeadViewRow } from './leads.tables.js';

/**
 * Views the caller sees: the workspace's shared views and their own private ones. A private
 * view is personal (a member's working set), so not even admins see another member's.
 */
export function visibleSavedViewsWhere(ctx: Ctx): SQL {
  const inWorkspace = eq(leadViews.workspaceId, requireWorkspaceId(ctx));
  const userId = ctx.actor.userId;
  return userId ? and(inWorkspace, or(eq(leadViews.shared, true), eq(leadViews.createdBy, userId)))! : and(inWorkspace, eq(leadViews.shared, true))!;
}

/** The view if the caller may see it; NOT_FOUND otherwise (a private view's existence is not revealed). */
export async function getVisibleSavedView(ctx: Ctx, id: string, options: { lock?: boolean } = {}): Promise<LeadViewRow> {
  const q = ctx.db
    .select()
    .from(leadViews)
    .where(and(eq(leadViews.id, id), visibleSavedViewsWhere(ctx)));
  const [row] = options.lock ? await q.for('update') : await q;
  if (!row) throw notFound('Saved view');
  return row;
}

/** A shared view is changed by its creator or an admin; a private one only by its creator. */
export function assertCanChangeSavedView(ctx: Ctx, view: LeadViewRow) {
  if (ctx.actor.userId && view.createdBy === ctx.actor.userId) return;
  if (view.shared && (ctx.actor.type === 'system' || roleAtLeast(ctx.actor.role, 'admin'))) return;
  throw forbidden("Only the view's creator or an admin can change a shared view");
}
