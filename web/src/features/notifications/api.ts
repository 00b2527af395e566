import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AppNotification, NotificationsPage } from '../../api/types';
import { useWorkspaceKey } from '../auth/session';

const LIST_SIZE = 30;
/** Notices (a low balance, a finished job) are not urgent to the second: a minute is fresh enough. */
const POLL_MS = 60_000;

export function useNotifications() {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'notifications'],
    queryFn: ({ signal }) => api.get<NotificationsPage>('/notifications', { limit: LIST_SIZE }, signal),
    refetchInterval: POLL_MS,
  });
}

export function useMarkNotificationRead() {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<AppNotification>(`/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: (n) =>
      // Shown read at once; the count is then taken from the server.
      queryClient.setQueryData<NotificationsPage>([...ws, 'notifications'], (page) =>
        page ? { ...page, items: page.items.map((i) => (i.id === n.id ? n : i)), unreadCount: Math.max(0, page.unreadCount - 1) } : page,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...ws, 'notifications'] }),
  });
}

export function useMarkAllNotificationsRead() {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ updated: number }>('/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...ws, 'notifications'] }),
  });
}

/** Where a notification leads, when it is about something the app has a page for. */
export function notificationLink(n: AppNotification): string | null {
  const jobId = typeof n.data.jobId === 'string' ? n.data.jobId : null;
  if (jobId) return `/app/jobs/${encodeURIComponent(jobId)}`;
  if (n.kind.startsWith('credits.')) return '/app/credits';
  if (n.kind.startsWith('job.') || n.kind.startsWith('jobs.')) return '/app/jobs';
  return null;
}
