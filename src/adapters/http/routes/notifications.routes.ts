import { z } from 'zod';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../../../domains/notifications/index.js';
import type { App } from '../types.js';

const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

/** The workspace's notifications; any member (viewer or above) reads and dismisses them. */
export async function notificationsRoutes(app: App) {
  app.get(
    '/notifications',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['notifications'],
        summary: 'Notifications, newest first, with the unread count',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().optional().describe('nextCursor of the previous page'),
          unread: z.enum(['true', 'false']).optional().describe('true: unread only'),
        }),
        response: { 200: z.object({ items: z.array(notificationView), nextCursor: z.string().nullable(), unreadCount: z.number().int() }) },
      },
    },
    async (req) => listNotifications(req.ctx, { limit: req.query.limit, cursor: req.query.cursor, unreadOnly: req.query.unread === 'true' }),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { role: 'viewer' },
      schema: { tags: ['notifications'], summary: 'Mark a notification read', params: z.object({ id: z.string() }), response: { 200: notificationView } },
    },
    async (req) => markNotificationRead(req.ctx, { id: req.params.id }),
  );

  app.post(
    '/notifications/read-all',
    { config: { role: 'viewer' }, schema: { tags: ['notifications'], summary: 'Mark every notification read', response: { 200: z.object({ updated: z.number().int() }) } } },
    async (req) => markAllNotificationsRead(req.ctx),
  );
}
