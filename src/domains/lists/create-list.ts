import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { assertWorkspaceMembers, setListMembers } from './list-access.js';
import { assertFolderExists, assertListNameFree, dedupeTags, mapListNameConflict } from './list-helpers.js';
import { createListSchema, type CreateListInput } from './list-input.js';
import { toListViews, type ListView } from './list-view.js';
import { lists } from './lists.tables.js';

/** Creates a list, visible to the workspace unless `visibility: 'private'` (then to `memberIds` and the creator). */
export async function createList(ctx: Ctx, input: CreateListInput): Promise<ListView> {
  const data = parseInput(createListSchema, input);
  const workspaceId = requireWorkspaceId(ctx);
  return mapListNameConflict(data.name, () =>
    withTransaction(ctx, async (tx) => {
      await assertListNameFree(tx, data.name);
      if (data.folderId) await assertFolderExists(tx, data.folderId);
      const visibility = data.visibility ?? 'workspace';
      if (visibility === 'private') await assertWorkspaceMembers(tx, data.memberIds ?? []);
      const now = tx.clock.now();
      const [row] = await tx.db
        .insert(lists)
        .values({
          workspaceId,
          name: data.name,
          description: data.description?.trim() || null,
          folderId: data.folderId ?? null,
          tags: dedupeTags(data.tags ?? []),
          visibility,
          createdBy: tx.actor.userId ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (visibility === 'private') await setListMembers(tx, row!, data.memberIds ?? []);
      await recordAudit(tx, { action: 'list.created', targetType: 'list', targetId: row!.id, metadata: { visibility } });
      const [view] = await toListViews(tx, [row!]);
      return view!;
    }),
  );
}
