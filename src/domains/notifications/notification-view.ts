import type { notifications } from './notifications.tables.js';

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
}

export const toNotificationView = (row: typeof notifications.$inferSelect): NotificationView => ({
  id: String(row.id),
  kind: row.kind,
  title: row.title,
  body: row.body,
  data: row.data,
  readAt: row.readAt,
  createdAt: row.createdAt,
});
