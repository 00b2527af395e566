import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { listAccess, lists } from './lists.tables.js';
import { assertCanManageList, assertWorkspaceMembers, getVisibleList, setListMembers } from './list-access.js';
import { assertFolderExists, assertListNameFree, dedupeTags, mapListNameConflict } from './list-helpers.js';
import { updateListSchema, type UpdateListInput } from './list-input.js';
import { toListViews, type ListView } from './list-view.js';

/**
 * Renames, describes, files in a folder, tags, and sets who sees a list. Any member who sees
 * the list may edit it; changing its visibility or allow-list is for its creator and admins.
 */
export async function updateList(ctx: Ctx, input: { id: string } & UpdateListInput): Promise<ListView> {
  const { id, ...rest } = input;
  const data = parseInput(updateListSchema, rest);
  return mapListNameConflict(data.name, () =>
    withTransaction(ctx, async (tx) => {
      const list = await getVisibleList(tx, id, { lock: true });
      const privacyChange = (data.visibility !== undefined && data.visibility !== list.visibility) || data.memberIds !== undefined;
      if (privacyChange) assertCanManageList(tx, list, 'change who sees this list');
      if (data.name !== undefined && data.name.toLowerCase() !== list.name.toLowerCase()) await assertListNameFree(tx, data.name, id);
      if (data.folderId) await assertFolderExists(tx, data.folderId);
      const visibility = data.visibility ?? list.visibility;
      const [row] = await tx.db
        .update(lists)
        .set({
          ...(data.name !== undefined && { name: data.name }),
          ...(data.description !== undefined && { description: data.description?.trim() || null }),
          ...(data.folderId !== undefined && { folderId: data.folderId }),
          ...(data.tags !== undefined && { tags: dedupeTags(data.tags) }),
          visibility,
          updatedAt: tx.clock.now(),
        })
        .where(eq(lists.id, id))
        .returning();
      if (privacyChange) {
        if (visibility === 'private') {
          await assertWorkspaceMembers(tx, data.memberIds ?? []);
          const keep = data.memberIds ?? (await currentMembers(tx, id));
          await setListMembers(tx, row!, keep);
        } else {
          await tx.db.delete(listAccess).where(eq(listAccess.listId, id));
        }
        await recordAudit(tx, { action: 'list.access_changed', targetType: 'list', targetId: id, metadata: { visibility, memberIds: data.memberIds ?? null } });
      }
      const [view] = await toListViews(tx, [row!]);
      return view!;
    }),
  );
}

async function currentMembers(ctx: Ctx, listId: string) {
  const rows = await ctx.db.select({ userId: listAccess.userId }).from(listAccess).where(eq(listAccess.listId, listId));
  return rows.map((r) => r.userId);
}
