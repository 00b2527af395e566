import { and, eq, isNull } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { notifications } from './notifications.tables.js';
import { toNotificationView, type NotificationView } from './notification-view.js';

/** Marks one notification of the workspace read (again: keeps the first read time). */
export async function markNotificationRead(ctx: Ctx, input: { id: string }): Promise<NotificationView> {
  const workspaceId = requireWorkspaceId(ctx);
  if (!/^\d{1,18}$/.test(input.id)) throw notFound('Notification');
  const id = Number(input.id);
  const mine = and(eq(notifications.id, id), eq(notifications.workspaceId, workspaceId));
  await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(mine, isNull(notifications.readAt)));
  const [row] = await ctx.db.select().from(notifications).where(mine).limit(1);
  if (!row) throw notFound('Notification');
  return toNotificationView(row);
}
