import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/forms';
import { useCan, useSession } from '../../auth/session';
import { useRenameWorkspace } from '../api';

export function WorkspaceSettingsPage() {
  const workspace = useSession().workspace!;
  const isAdmin = useCan('admin');
  const rename = useRenameWorkspace();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: workspace.name }, validate: { name: isNotEmpty('Name the workspace') } });

  return (
    <Card withBorder radius="md" p="lg" maw={560}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setError(null);
          rename.mutate(v.name.trim(), {
            onSuccess: (ws) => {
              form.resetDirty({ name: ws.name });
              notifications.show({ color: 'teal', message: 'Workspace renamed' });
            },
            onError: (e) => setError(applyServerError(form, e)),
          });
        })}
      >
        <Stack>
          <Title order={4}>Workspace</Title>
          <FormAlert message={error} />
          <TextInput label="Workspace name" readOnly={!isAdmin} required {...form.getInputProps('name')} />
          {isAdmin ? (
            <Group justify="flex-end">
              <Button type="submit" loading={rename.isPending} disabled={!form.isDirty()}>
                Save
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              Only admins can rename the workspace.
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}
