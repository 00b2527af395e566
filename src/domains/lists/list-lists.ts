import { and, arrayContains, isNotNull, isNull, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { visibleListsWhere } from './list-access.js';
import { toListViews, type ListView } from './list-view.js';
import { lists } from './lists.tables.js';

export const listListsSchema = z.strictObject({
  /** A folder id, or "none" for lists outside any folder. */
  folderId: z.union([z.uuid(), z.literal('none')]).optional(),
  tag: z.string().min(1).max(100).optional(),
  archived: z.enum(['true', 'false', 'all']).optional(),
  q: z.string().max(200).optional(),
});
export type ListListsQuery = z.input<typeof listListsSchema>;

/** Lists the actor may see, by name; archived ones only when asked. A workspace has hundreds, not millions. */
export async function listLists(ctx: Ctx, query: ListListsQuery = {}): Promise<ListView[]> {
  const q = parseInput(listListsSchema, query);
  const archived = q.archived ?? 'false';
  const rows = await ctx.db
    .select()
    .from(lists)
    .where(
      and(
        visibleListsWhere(ctx),
        archived === 'all' ? undefined : archived === 'true' ? isNotNull(lists.archivedAt) : isNull(lists.archivedAt),
        q.folderId === 'none' ? isNull(lists.folderId) : q.folderId ? eq(lists.folderId, q.folderId) : undefined,
        q.tag ? arrayContains(lists.tags, [q.tag]) : undefined,
        q.q ? sql`strpos(lower(${lists.name}), lower(${q.q})) > 0` : undefined,
      ),
    )
    .orderBy(sql`lower(${lists.name})`, lists.id)
    .limit(2000);
  return toListViews(ctx, rows);
}
