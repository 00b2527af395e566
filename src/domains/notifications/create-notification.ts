import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { notifications } from './notifications.tables.js';
import { toNotificationView, type NotificationView } from './notification-view.js';

const inputSchema = z.object({
  kind: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(5000).default(''),
  data: z.record(z.string(), z.unknown()).default({}),
});

export type CreateNotificationInput = z.input<typeof inputSchema>;

/** Adds a notification to the context's workspace. */
export async function createNotification(ctx: Ctx, input: CreateNotificationInput): Promise<NotificationView> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(inputSchema, input);
  const [row] = await ctx.db
    .insert(notifications)
    .values({ workspaceId, kind: v.kind, title: v.title, body: v.body, data: v.data, createdAt: ctx.clock.now() })
    .returning();
  return toNotificationView(row!);
}
