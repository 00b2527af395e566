import { ActionIcon, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { AppNotification } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { notificationLink, useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from './api';
import { NotificationItem } from './NotificationItem';

/** The header's bell: unread count, the latest notifications, mark one or all read. */
export function NotificationsBell() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const list = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const navigate = useNavigate();
  const unread = list.data?.unreadCount ?? 0;
  const items = list.data?.items ?? [];

  const open = (n: AppNotification) => {
    if (n.readAt === null) markRead.mutate(n.id);
    const to = notificationLink(n);
    if (to) {
      close();
      void navigate(to);
    }
  };

  return (
    <Popover opened={opened} onChange={(o) => (o ? undefined : close())} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} offset={4} disabled={unread === 0} color="red" data-testid="notifications-unread">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={toggle}
            aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
            data-testid="notifications-bell"
          >
            <IconBell size={20} stroke={1.6} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notifications-panel">
        <Group justify="space-between" px="sm" py="xs">
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconChecks size={14} />}
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
            data-testid="notifications-read-all"
          >
            Mark all read
          </Button>
        </Group>
        <Divider />
        <QueryState isPending={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed" p="md" ta="center" data-testid="notifications-empty">
              No notifications yet.
            </Text>
          ) : (
            <ScrollArea.Autosize mah={420} type="auto">
              <Stack gap={2} p={4}>
                {items.map((n) => (
                  <NotificationItem key={n.id} n={n} onOpen={open} />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </QueryState>
      </Popover.Dropdown>
    </Popover>
  );
}
