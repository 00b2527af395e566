// Public surface of the notifications domain.
export * from './notifications.tables.js';
export { createNotification, type CreateNotificationInput } from './create-notification.js';
export { listNotifications } from './list-notifications.js';
export { markNotificationRead } from './mark-notification-read.js';
export { markAllNotificationsRead } from './mark-all-notifications-read.js';
export type { NotificationView } from './notification-view.js';
