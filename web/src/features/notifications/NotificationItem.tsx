import { Box, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import type { AppNotification } from '../../api/types';
import { formatDateTime, formatRelative } from '../../lib/format';

/** One notification: unread ones are marked with a dot and a tinted background. */
export function NotificationItem({ n, onOpen }: { n: AppNotification; onOpen: (n: AppNotification) => void }) {
  const unread = n.readAt === null;
  return (
    <UnstyledButton
      onClick={() => onOpen(n)}
      w="100%"
      p="sm"
      data-testid="notification"
      data-unread={unread}
      aria-label={`${unread ? 'Unread: ' : ''}${n.title}`}
      style={{ borderRadius: 'var(--mantine-radius-md)', background: unread ? 'var(--mantine-color-indigo-light)' : undefined }}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Box
          mt={6}
          w={8}
          h={8}
          style={{ flexShrink: 0, borderRadius: '50%', background: unread ? 'var(--mantine-color-indigo-6)' : 'transparent' }}
          aria-hidden
        />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={unread ? 600 : 500}>
            {n.title}
          </Text>
          {n.body ? (
            <Text size="xs" c="dimmed" lineClamp={3}>
              {n.body}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed" title={formatDateTime(n.createdAt)}>
            {formatRelative(n.createdAt)}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
