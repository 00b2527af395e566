import { and, eq, isNull } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notifications } from './notifications.tables.js';

/** Marks every unread notification of the workspace read. */
export async function markAllNotificationsRead(ctx: Ctx): Promise<{ updated: number }> {
  const workspaceId = requireWorkspaceId(ctx);
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.workspaceId, workspaceId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
