import { and, count, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { notifications } from './notifications.tables.js';
import { toNotificationView, type NotificationView } from './notification-view.js';

const inputSchema = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  /** The id of the last item of the previous page. */
  cursor: z.string().regex(/^\d{1,18}$/, 'cursor must be a notification id').optional(),
  unreadOnly: z.boolean().default(false),
});

/** The workspace's notifications, newest first, with the number still unread. */
export async function listNotifications(
  ctx: Ctx,
  input: z.input<typeof inputSchema> = {},
): Promise<{ items: NotificationView[]; nextCursor: string | null; unreadCount: number }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(inputSchema, input);
  const where: SQL[] = [eq(notifications.workspaceId, workspaceId)];
  if (v.unreadOnly) where.push(isNull(notifications.readAt));
  if (v.cursor) where.push(lt(notifications.id, Number(v.cursor)));
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.id))
    .limit(v.limit + 1);
  const [unread] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.workspaceId, workspaceId), isNull(notifications.readAt)));
  const page = rows.slice(0, v.limit);
  return {
    items: page.map(toNotificationView),
    nextCursor: rows.length > v.limit ? String(page[page.length - 1]!.id) : null,
    unreadCount: unread?.n ?? 0,
  };
}
