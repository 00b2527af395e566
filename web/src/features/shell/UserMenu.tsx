import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLogout, IconUser } from '@tabler/icons-react';
import { Link } from 'react-router';
import { describeError } from '../../api/errors';
import { initials } from '../../lib/format';
import { useAuthActions, useSession } from '../auth/session';

export function UserMenu() {
  const { user } = useSession();
  const { logout } = useAuthActions();
  const signOut = () =>
    logout().catch((e: unknown) => notifications.show({ color: 'yellow', title: 'Logged out on this device only', message: describeError(e) }));

  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={`Account: ${user.name}`}>
          <Group gap={8} wrap="nowrap">
            <Avatar radius="xl" size={32} color="indigo">
              {initials(user.name, user.email)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" truncate maw={160}>
              {user.name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/app/settings/profile" leftSection={<IconUser size={14} />}>
          Profile and password
        </Menu.Item>
        <Menu.Item color="red" leftSection={<IconLogout size={14} />} onClick={signOut} data-testid="logout">
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
