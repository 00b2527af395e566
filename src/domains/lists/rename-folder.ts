import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { mapFolderNameConflict } from './folder-helpers.js';
import { toFolderView, type FolderView } from './folder-view.js';
import { folderNameSchema } from './list-input.js';
import { listFolders } from './lists.tables.js';

export async function renameFolder(ctx: Ctx, input: { id: string; name: string }): Promise<FolderView> {
  const name = parseInput(folderNameSchema, input.name);
  const workspaceId = requireWorkspaceId(ctx);
  return mapFolderNameConflict(name, async () => {
    const [row] = await ctx.db
      .update(listFolders)
      .set({ name, updatedAt: ctx.clock.now() })
      .where(and(eq(listFolders.id, input.id), eq(listFolders.workspaceId, workspaceId)))
      .returning();
    if (!row) throw notFound('Folder');
    return toFolderView(row);
  });
}
