import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { toFolderView, type FolderView } from './folder-view.js';
import { listFolders } from './lists.tables.js';

export async function listListFolders(ctx: Ctx): Promise<FolderView[]> {
  const rows = await ctx.db
    .select()
    .from(listFolders)
    .where(eq(listFolders.workspaceId, requireWorkspaceId(ctx)))
    .orderBy(sql`lower(${listFolders.name})`);
  return rows.map(toFolderView);
}
