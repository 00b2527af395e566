import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { listFolders } from './lists.tables.js';

/** Deletes a folder; its lists move to the top level (they are not deleted). */
export async function deleteFolder(ctx: Ctx, id: string): Promise<void> {
  const rows = await ctx.db
    .delete(listFolders)
    .where(and(eq(listFolders.id, id), eq(listFolders.workspaceId, requireWorkspaceId(ctx))))
    .returning({ id: listFolders.id });
  if (rows.length === 0) throw notFound('Folder');
}
