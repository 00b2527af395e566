import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { lists } from './lists.tables.js';

/**
 * Applies lead-count deltas (list id → +n / -n) in the caller's transaction. The leads domain
 * calls it whenever membership or a lead's deleted state changes; lists are updated in id order
 * so that concurrent writers never deadlock.
 */
export async function adjustLeadCounts(ctx: Ctx, deltas: Map<string, number>): Promise<void> {
  const workspaceId = requireWorkspaceId(ctx);
  for (const [listId, delta] of [...deltas].sort(([a], [b]) => a.localeCompare(b))) {
    if (delta === 0) continue;
    await ctx.db
      .update(lists)
      .set({ leadCount: sql`greatest(0, ${lists.leadCount} + ${delta})` })
      .where(and(eq(lists.id, listId), eq(lists.workspaceId, workspaceId)));
  }
}

/** Sets exact counts (list id → count), for recounts after bulk work. */
export async function setLeadCounts(ctx: Ctx, counts: Map<string, number>): Promise<void> {
  const workspaceId = requireWorkspaceId(ctx);
  for (const [listId, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    await ctx.db.update(lists).set({ leadCount: count }).where(and(eq(lists.id, listId), eq(lists.workspaceId, workspaceId)));
  }
}
