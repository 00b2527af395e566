import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { mapFolderNameConflict } from './folder-helpers.js';
import { toFolderView, type FolderView } from './folder-view.js';
import { folderNameSchema } from './list-input.js';
import { listFolders } from './lists.tables.js';

export async function createFolder(ctx: Ctx, input: { name: string }): Promise<FolderView> {
  const name = parseInput(folderNameSchema, input.name);
  const workspaceId = requireWorkspaceId(ctx);
  return mapFolderNameConflict(name, async () => {
    const now = ctx.clock.now();
    const [row] = await ctx.db.insert(listFolders).values({ workspaceId, name, createdAt: now, updatedAt: now }).returning();
    return toFolderView(row!);
  });
}
