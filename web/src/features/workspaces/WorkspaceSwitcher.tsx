import { Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { describeError } from '../../api/errors';
import { ROLE_COLORS, ROLE_LABELS } from '../../lib/roles';
import { useAuthActions, useCurrentWorkspace } from '../auth/session';
import { useWorkspaces } from './api';
import { CreateWorkspaceModal } from './CreateWorkspaceModal';

/** Header menu: the current workspace, the others to switch to, and "create workspace". */
export function WorkspaceSwitcher() {
  const current = useCurrentWorkspace();
  const workspaces = useWorkspaces();
  const { switchWorkspace } = useAuthActions();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);

  const switchTo = (id: string, name: string) => {
    if (id === current?.id) return;
    switchWorkspace(id).then(
      () => notifications.show({ color: 'teal', message: `Switched to ${name}` }),
      (e: unknown) => notifications.show({ color: 'red', title: 'Could not switch workspace', message: describeError(e) }),
    );
  };

  return (
    <>
      <Menu position="bottom-start" width={280} shadow="md" withinPortal>
        <Menu.Target>
          <UnstyledButton
            data-testid="workspace-switcher"
            aria-label={`Workspace: ${current?.name ?? 'none'}. Switch workspace`}
            px="sm"
            py={6}
            style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-default-border)', minWidth: 0 }}
          >
            <Group gap="xs" wrap="nowrap">
              <IconBuilding size={16} stroke={1.6} style={{ flexShrink: 0 }} />
              <Text size="sm" fw={600} truncate maw={{ base: 140, sm: 220 }} data-testid="current-workspace-name">
                {current?.name ?? 'No workspace'}
              </Text>
              {current ? (
                <Badge size="xs" variant="light" color={ROLE_COLORS[current.role]} visibleFrom="sm">
                  {ROLE_LABELS[current.role]}
                </Badge>
              ) : null}
              <IconSelector size={14} stroke={1.6} style={{ flexShrink: 0 }} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Your workspaces</Menu.Label>
          {workspaces.isPending ? <Menu.Item disabled>Loading…</Menu.Item> : null}
          {workspaces.error ? <Menu.Item disabled>{describeError(workspaces.error)}</Menu.Item> : null}
          {workspaces.data?.map((ws) => (
            <Menu.Item
              key={ws.id}
              onClick={() => switchTo(ws.id, ws.name)}
              leftSection={ws.id === current?.id ? <IconCheck size={14} /> : <span style={{ width: 14, display: 'inline-block' }} />}
              rightSection={
                <Text size="xs" c="dimmed">
                  {ROLE_LABELS[ws.role]}
                </Text>
              }
            >
              <Text size="sm" truncate maw={170}>
                {ws.name}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={14} />} onClick={openCreate}>
            Create workspace
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateWorkspaceModal opened={creating} onClose={closeCreate} />
    </>
  );
}
