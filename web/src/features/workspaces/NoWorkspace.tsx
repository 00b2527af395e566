import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuilding } from '@tabler/icons-react';
import { useAuthActions } from '../auth/session';
import { useWorkspaces } from './api';
import { CreateWorkspaceModal } from './CreateWorkspaceModal';

/** Shown in the app when the user belongs to no workspace (or left the one they were in). */
export function NoWorkspace() {
  const workspaces = useWorkspaces();
  const { switchWorkspace } = useAuthActions();
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <Card withBorder radius="md" p="xl" maw={560} data-testid="no-workspace">
      <Stack>
        <Group gap="sm">
          <IconBuilding size={24} />
          <Title order={3}>Choose a workspace</Title>
        </Group>
        <Text size="sm" c="dimmed">
          Leads, lists and jobs live in a workspace. Open one of yours or create a new one.
        </Text>
        {workspaces.data?.map((ws) => (
          <Button key={ws.id} variant="light" justify="space-between" onClick={() => void switchWorkspace(ws.id)}>
            {ws.name}
          </Button>
        ))}
        <Button onClick={open}>Create a workspace</Button>
      </Stack>
      <CreateWorkspaceModal opened={creating} onClose={close} />
    </Card>
  );
}
