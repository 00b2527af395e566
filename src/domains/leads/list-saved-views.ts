import { asc } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { leadViews } from './leads.tables.js';
import { getVisibleSavedView, visibleSavedViewsWhere } from './saved-view-access.js';
import { toSavedView, type SavedView } from './saved-view-view.js';

/** The caller's views and the workspace's shared ones, by name (a workspace keeps a few dozen). */
export async function listSavedViews(ctx: Ctx): Promise<{ items: SavedView[] }> {
  const rows = await ctx.db.select().from(leadViews).where(visibleSavedViewsWhere(ctx)).orderBy(asc(leadViews.name), asc(leadViews.id)).limit(1000);
  return { items: rows.map((r) => toSavedView(ctx, r)) };
}

export async function getSavedView(ctx: Ctx, id: string): Promise<SavedView> {
  return toSavedView(ctx, await getVisibleSavedView(ctx, id));
}
