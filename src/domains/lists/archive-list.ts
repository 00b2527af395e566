import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { getVisibleList } from './list-access.js';
import { toListViews, type ListView } from './list-view.js';
import { lists } from './lists.tables.js';

/** Archives a list: hidden from the default listing, keeps its leads, takes no new ones. Idempotent. */
export async function archiveList(ctx: Ctx, id: string): Promise<ListView> {
  return withTransaction(ctx, async (tx) => {
    const list = await getVisibleList(tx, id, { lock: true });
    const row = list.archivedAt
      ? list
      : (await tx.db.update(lists).set({ archivedAt: tx.clock.now(), updatedAt: tx.clock.now() }).where(eq(lists.id, id)).returning())[0]!;
    const [view] = await toListViews(tx, [row]);
    return view!;
  });
}
