import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { recordAudit } from '../audit/index.js';
import { assertCanManageList, getVisibleList } from './list-access.js';
import { lists } from './lists.tables.js';

/** Deletes a list for good (its creator or an admin). The leads stay; only their membership goes. */
export async function deleteList(ctx: Ctx, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const list = await getVisibleList(tx, id, { lock: true });
    assertCanManageList(tx, list, 'delete this list');
    await tx.db.delete(lists).where(eq(lists.id, id));
    await recordAudit(tx, { action: 'list.deleted', targetType: 'list', targetId: id, metadata: { name: list.name, leadCount: list.leadCount } });
  });
}
